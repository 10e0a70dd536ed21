import assert from 'node:assert/strict';
import { test } from 'node:test';
import { osReleaseAnalyzer, parseOsRelease } from './index.js';

test('os-release values are read with their quoting removed', () => {
  assert.deepEqual(
    parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n# comment\n'),
    { id: 'debian', versionId: '12', versionCodename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
  );
  assert.deepEqual(parseOsRelease("ID=alpine\nVERSION_ID='3.19.1'\n"), { id: 'alpine', versionId: '3.19.1' });
});

test('release files give the point release', () => {
  const entry = { path: 'etc/alpine-release', kind: 'file' as const, size: 7, mode: 0o644, uid: 0, gid: 0 };
  assert.equal(osReleaseAnalyzer.wants('etc/alpine-release', entry), true);
  assert.equal(osReleaseAnalyzer.wants('etc/hostname', entry), false);
  // a file named like an object's own property is not a release file
  assert.equal(osReleaseAnalyzer.wants('constructor', entry), false);
  assert.deepEqual(
    osReleaseAnalyzer.analyze({ path: 'etc/alpine-release', entry, content: Buffer.from('3.19.1\n'), truncated: false }),
    { id: 'alpine', release: '3.19.1' },
  );
});
