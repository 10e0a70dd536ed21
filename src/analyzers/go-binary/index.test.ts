// A real Go program, compiled here with the Go toolchain, its module graph read back from the binary as it streams.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { withTempDir } from '../../../test/support/tar-analyze.js';
import { requireTools } from '../../../test/support/tools.js';
import type { LayerEntry } from '../../image/walk.js';
import { goBinaryAnalyzer, parseBuildInfoBlob, parseModuleInfo, type GoBuildInfo } from './index.js';

const missing = requireTools(['go']);

function entryOf(size: number, mode = 0o755): LayerEntry {
  return { path: 'app', kind: 'file', size, mode, uid: 0, gid: 0 };
}

function scanInChunks(bytes: Buffer, chunk: number): { info: GoBuildInfo | undefined; pushed: number } {
  const scanner = goBinaryAnalyzer.scan('app', entryOf(bytes.length))!;
  let pushed = 0;
  for (let at = 0; at < bytes.length; at += chunk) {
    pushed += Math.min(chunk, bytes.length - at);
    if (!scanner.push(bytes.subarray(at, at + chunk))) break;
  }
  return { info: scanner.end(), pushed };
}

describe('a Go binary compiled here', { skip: missing }, () => {
  let binary: Buffer;
  let goVersion: string;
  before(async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, 'dep'));
      writeFileSync(join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.19\n\nrequire example.com/dep v1.4.2\n\nreplace example.com/dep v1.4.2 => example.org/fork v1.4.3\n');
      writeFileSync(join(dir, 'main.go'), 'package main\n\nimport "example.com/dep"\n\nfunc main() { println(dep.Hello()) }\n');
      // The replacement target comes from a local module cache: no network, a real versioned dependency.
      const proxy = join(dir, 'proxy', 'example.org', 'fork', '@v');
      mkdirSync(proxy, { recursive: true });
      writeFileSync(join(proxy, 'list'), 'v1.4.3\n');
      writeFileSync(join(proxy, 'v1.4.3.mod'), 'module example.com/dep\n\ngo 1.19\n');
      writeFileSync(join(proxy, 'v1.4.3.info'), '{"Version":"v1.4.3","Time":"2024-01-01T00:00:00Z"}');
      const src = join(dir, 'zipsrc', 'example.org', 'fork@v1.4.3');
      mkdirSync(src, { recursive: true });
      writeFileSync(join(src, 'go.mod'), 'module example.com/dep\n\ngo 1.19\n');
      writeFileSync(join(src, 'dep.go'), 'package dep\n\nfunc Hello() string { return "hi" }\n');
      execFileSync('sh', ['-c', `cd "${join(dir, 'zipsrc')}" && zip -qrD "${join(proxy, 'v1.4.3.zip')}" example.org`]);
      const env = {
        ...process.env,
        GOPROXY: `file://${join(dir, 'proxy')}`,
        GONOSUMDB: '*',
        GOFLAGS: '-mod=mod',
        GOSUMDB: 'off',
        GOPATH: join(dir, 'gopath'),
        GOCACHE: join(dir, 'gocache'),
        CGO_ENABLED: '0',
      };
      execFileSync('go', ['build', '-o', 'app', '.'], { cwd: dir, env, stdio: 'pipe' });
      binary = readFileSync(join(dir, 'app'));
      goVersion = execFileSync('go', ['env', 'GOVERSION'], { env }).toString().trim();
    });
  });

  test('its build info as `go version -m` shows it, in any chunking', () => {
    const whole = scanInChunks(binary, binary.length).info;
    assert.ok(whole);
    assert.equal(whole.goVersion, goVersion);
    assert.equal(whole.path, 'example.com/app');
    assert.deepEqual(whole.main, { path: 'example.com/app', version: '(devel)' });
    assert.deepEqual(whole.deps, [{ path: 'example.org/fork', version: 'v1.4.3' }]);
    for (const chunk of [65536, 4093, 13]) assert.deepEqual(scanInChunks(binary, chunk).info, whole, `chunks of ${chunk}`);
  });

  test('the scan stops once the build info is read, well before the end of the binary', () => {
    const { pushed } = scanInChunks(binary, 65536);
    assert.ok(pushed < binary.length, `read ${pushed} of ${binary.length} bytes`);
  });

  test('inventory: the toolchain as stdlib and every versioned module, not the unversioned main module', () => {
    const info = scanInChunks(binary, 65536).info!;
    const found = goBinaryAnalyzer.inventory!([{ layer: 3, path: 'usr/local/bin/app', fact: info, live: true }]);
    assert.deepEqual(
      found.map((p) => `${p.name}@${p.version}`),
      [`stdlib@${goVersion.replace(/^go/, '')}`, 'example.org/fork@v1.4.3'],
    );
  });
});

test('files that are not ELF stop the scan at the first chunk', () => {
  const scanner = goBinaryAnalyzer.scan('run.sh', entryOf(100_000))!;
  assert.equal(scanner.push(Buffer.from('#!/bin/sh\necho hi\n')), false);
  assert.equal(scanner.end(), undefined);
  assert.equal(goBinaryAnalyzer.wants('usr/bin/tool', entryOf(2_000_000, 0o644)), false);
  assert.equal(goBinaryAnalyzer.wants('usr/bin/tool', entryOf(10_000)), false);
});

test('pre-1.18 build info (pointers, no inline strings) and hostile lengths are not read', () => {
  const header = Buffer.alloc(48);
  Buffer.from('\xff Go buildinf:', 'latin1').copy(header);
  header[14] = 8;
  header[15] = 0;
  assert.deepEqual(parseBuildInfoBlob(header), { invalid: true });
  header[15] = 2;
  header[32] = 0xff;
  header[33] = 0xff;
  header[34] = 0x7f;
  assert.deepEqual(parseBuildInfoBlob(header), { invalid: true });
});

test('module lines: replacements by a local directory keep the required version', () => {
  const info = parseModuleInfo('go1.22.1', 'path\tx\nmod\tx\t(devel)\t\ndep\ta.io/b\tv1.0.0\th1:x\n=>\t../b\t\t\ndep\tc.io/d\tv2.0.0+incompatible\th1:y\n');
  assert.deepEqual(info.deps, [
    { path: '../b', version: 'v1.0.0' },
    { path: 'c.io/d', version: 'v2.0.0+incompatible' },
  ]);
});
