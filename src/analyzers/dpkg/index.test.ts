import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dpkgAnalyzer, parseDpkgStatus } from './index.js';

const file = (path: string) => ({ path, kind: 'file' as const, size: 1, mode: 0o644, uid: 0, gid: 0 });

test('installed packages are read with source, version and size; removed ones are not', () => {
  const status = [
    'Package: bash\nStatus: install ok installed\nPriority: required\nInstalled-Size: 7164\nArchitecture: amd64\nSource: bash (5.2.15-2)\nVersion: 5.2.15-2+b7\nDescription: GNU Bourne Again SHell\n Bash is an sh-compatible command language interpreter.\n .\n More text.',
    'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u4',
    'Package: old\nStatus: deinstall ok config-files\nVersion: 1',
  ].join('\n\n');
  assert.deepEqual(parseDpkgStatus(status), [
    { name: 'bash', version: '5.2.15-2+b7', architecture: 'amd64', source: 'bash', sourceVersion: '5.2.15-2', installedBytes: 7164 * 1024 },
    { name: 'libc6', version: '2.36-9+deb12u4', architecture: 'amd64', source: 'glibc' },
  ]);
});

test('the status file and distroless status.d files are wanted, md5sums are not', () => {
  assert.equal(dpkgAnalyzer.wants('var/lib/dpkg/status', file('var/lib/dpkg/status')), true);
  assert.equal(dpkgAnalyzer.wants('var/lib/dpkg/status.d/base', file('')), true);
  assert.equal(dpkgAnalyzer.wants('var/lib/dpkg/status.d/base.md5sums', file('')), false);
  assert.equal(dpkgAnalyzer.wants('var/lib/dpkg/status-old', file('')), false);
  // status.d stanzas carry no Status field.
  assert.deepEqual(parseDpkgStatus('Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n'), [
    { name: 'tzdata', version: '2024a-0+deb12u1', architecture: 'all' },
  ]);
});
