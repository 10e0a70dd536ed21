// A real ELF executable (compiled here by the C toolchain) given a `.dep-v0` section by binutils' objcopy, as
// cargo-auditable's linker step gives one to a Rust program; the crates are read back as the file streams.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { withTempDir } from '../../../test/support/tar-analyze.js';
import { requireTools } from '../../../test/support/tools.js';
import type { LayerEntry } from '../../image/walk.js';
import { elfSection, parseAuditData, rustBinaryAnalyzer, type RustAudit } from './index.js';

const missing = requireTools(['cc', 'objcopy']);

const AUDIT = {
  packages: [
    { name: 'server', version: '0.3.0', source: 'local', root: true, dependencies: [1, 2, 3] },
    { name: 'serde', version: '1.0.195', source: 'crates.io' },
    { name: 'tokio', version: '1.35.1', source: 'crates.io', kind: 'runtime' },
    { name: 'cc', version: '1.0.83', source: 'crates.io', kind: 'build' },
    { name: 'forked', version: '0.1.0', source: 'git' },
  ],
};

function entryOf(size: number): LayerEntry {
  return { path: 'app', kind: 'file', size, mode: 0o755, uid: 0, gid: 0 };
}

function scan(bytes: Buffer, chunk: number): RustAudit | undefined {
  const scanner = rustBinaryAnalyzer.scan('app', entryOf(bytes.length))!;
  for (let at = 0; at < bytes.length; at += chunk) if (!scanner.push(bytes.subarray(at, at + chunk))) break;
  return scanner.end();
}

describe('an ELF executable with cargo-auditable data', { skip: missing }, () => {
  let binary: Buffer;
  let plain: Buffer;
  before(async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, 'main.c'), 'static char pad[96 * 1024] = {1};\nint main(void) { return pad[0] - 1; }\n');
      execFileSync('cc', ['-O0', '-o', join(dir, 'plain'), join(dir, 'main.c')]);
      writeFileSync(join(dir, 'audit.bin'), deflateSync(JSON.stringify(AUDIT)));
      execFileSync('objcopy', ['--add-section', `.dep-v0=${join(dir, 'audit.bin')}`, join(dir, 'plain'), join(dir, 'audited')]);
      binary = readFileSync(join(dir, 'audited'));
      plain = readFileSync(join(dir, 'plain'));
    });
  });

  test('the crates, in any chunking', () => {
    const whole = scan(binary, binary.length);
    assert.deepEqual(whole?.crates.map((c) => `${c.name}@${c.version} ${c.source}${c.kind ? ` ${c.kind}` : ''}`), [
      'server@0.3.0 local',
      'serde@1.0.195 crates.io',
      'tokio@1.35.1 crates.io',
      'cc@1.0.83 crates.io build',
      'forked@0.1.0 git',
    ]);
    for (const chunk of [65536, 1000]) assert.deepEqual(scan(binary, chunk), whole, `chunks of ${chunk}`);
  });

  test('inventory: the crates.io crates the program runs, not build-time ones, git or local ones', () => {
    const found = rustBinaryAnalyzer.inventory!([{ layer: 2, path: 'usr/bin/server', fact: scan(binary, 65536)!, live: true }]);
    assert.deepEqual(
      found.map((p) => `${p.type}:${p.name}@${p.version}`),
      ['cargo:serde@1.0.195', 'cargo:tokio@1.35.1'],
    );
  });

  test('an executable without the section has no audit data', () => {
    assert.equal(elfSection(plain, '.dep-v0'), undefined);
    assert.ok(elfSection(plain, '.text'));
    assert.equal(scan(plain, 65536), undefined);
  });
});

test('scripts and oversized files are not held', () => {
  const scanner = rustBinaryAnalyzer.scan('run', entryOf(100_000))!;
  assert.equal(scanner.push(Buffer.from('#!/bin/sh\n')), false);
  assert.equal(scanner.end(), undefined);
  assert.equal(rustBinaryAnalyzer.wants('big', entryOf(64 * 1024 * 1024)), false);
});

test('audit data that inflates past its bound, or is no JSON, is ignored', () => {
  assert.equal(parseAuditData(deflateSync(Buffer.alloc(20 * 1024 * 1024, 0x20))), undefined);
  assert.equal(parseAuditData(Buffer.from('not zlib')), undefined);
  assert.deepEqual(parseAuditData(deflateSync('{"packages":[{"name":"a"}]}')), { crates: [] });
});
