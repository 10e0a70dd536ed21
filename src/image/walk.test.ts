import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { InputError } from '../core/errors.js';
import { tarBuffer } from '../../test/support/tar-writer.js';
import type { Analyzer } from '../analyzers/types.js';
import { linkEscapesRoot, normaliseEntryPath, walkTar } from './walk.js';

const walk = (tar: Buffer, options: Partial<Parameters<typeof walkTar>[1]> = {}) =>
  walkTar(Readable.from([tar]), { label: 'layer 1', ...options });

test('entry names are resolved lexically, as Docker does before extracting', () => {
  assert.deepEqual(normaliseEntryPath('./usr//bin/../bin/env'), { path: 'usr/bin/env', absolute: false });
  assert.deepEqual(normaliseEntryPath('etc/'), { path: 'etc', absolute: false });
  assert.deepEqual(normaliseEntryPath('/etc/passwd'), { path: 'etc/passwd', absolute: true });
  assert.deepEqual(normaliseEntryPath('/../../etc/passwd'), { path: 'etc/passwd', absolute: true });
  assert.deepEqual(normaliseEntryPath('../evil'), { escapes: true });
  assert.deepEqual(normaliseEntryPath('a/b/../../../x'), { escapes: true });
  assert.deepEqual(normaliseEntryPath('a/b/../../x'), { path: 'x', absolute: false });
});

test('symlinks whose relative target climbs above the root are told apart', () => {
  assert.equal(linkEscapesRoot('a/link', '../../etc/passwd'), true);
  assert.equal(linkEscapesRoot('etc/os-release', '../usr/lib/os-release'), false);
  assert.equal(linkEscapesRoot('x', '/etc/passwd'), false);
});

test('a walk records every kind of entry, long names, whiteouts and links, and hashes the tar', async () => {
  const longPax = `${'p/'.repeat(90)}file`;
  const longGnu = `${'g/'.repeat(90)}file`;
  const tar = tarBuffer([
    { path: 'etc/', type: 'dir', mode: 0o755 },
    { path: 'etc/hosts', content: 'localhost\n', uid: 70, gid: 80 },
    { path: longPax, content: 'pax' },
    { path: longGnu, content: 'gnu', longNames: 'gnu' },
    { path: 'bin/sh', type: 'symlink', linkTarget: 'busybox' },
    { path: 'bin/ln', type: 'hardlink', linkTarget: './etc/hosts' },
    { path: 'var/lib/apt/.wh.lists' },
    { path: 'opt/.wh..wh..opq' },
    { path: 'opt/.wh..wh.plnk' },
    { path: 'dev/null', type: 'char' },
  ]);
  const diffId = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
  const result = await walk(tar, { expectedDiffId: diffId });
  assert.deepEqual(
    result.entries.map((e) => [e.path, e.kind, e.size]),
    [
      ['etc', 'directory', 0],
      ['etc/hosts', 'file', 10],
      [longPax, 'file', 3],
      [longGnu, 'file', 3],
      ['bin/sh', 'symlink', 0],
      ['bin/ln', 'hardlink', 0],
      ['var/lib/apt/lists', 'whiteout', 0],
      ['opt', 'opaque', 0],
      ['dev/null', 'device', 0],
    ],
  );
  assert.equal(result.entries[1]!.uid, 70);
  assert.equal(result.entries[1]!.gid, 80);
  assert.equal(result.entries[5]!.linkTarget, 'etc/hosts');
  assert.equal(result.tarBytes, tar.length);
  assert.equal(result.diffId, diffId);
  assert.equal((await walk(tar)).diffId, undefined);
});

test('analyzers get the files they want, capped at their own limit', async () => {
  const seen: string[] = [];
  const capped: Analyzer<string> = {
    name: 'capped',
    version: 1,
    description: 'test',
    maxFileBytes: 4,
    wants: (path) => path.endsWith('.txt'),
    analyze: ({ path, content, truncated }) => {
      seen.push(path);
      return `${content.toString()}|${truncated}`;
    },
  };
  const headerOnly: Analyzer<number> = {
    name: 'header-only',
    version: 1,
    description: 'test',
    maxFileBytes: 0,
    wants: (path) => path === 'b.txt',
    analyze: ({ entry, content }) => entry.size * 1000 + content.length,
  };
  const result = await walk(
    tarBuffer([
      { path: 'a.txt', content: 'abcdefgh' },
      { path: 'b.txt', content: 'xy' },
      { path: 'c.bin', content: 'zz' },
    ]),
    { analyzers: [capped, headerOnly] },
  );
  assert.deepEqual(seen, ['a.txt', 'b.txt']);
  assert.deepEqual(result.facts.capped, [
    { path: 'a.txt', fact: 'abcd|true' },
    { path: 'b.txt', fact: 'xy|false' },
  ]);
  assert.deepEqual(result.facts['header-only'], [{ path: 'b.txt', fact: 2000 }]);
});

test('an analyzer that throws loses its fact for that file, not the walk', async () => {
  const broken: Analyzer = {
    name: 'broken',
    version: 1,
    description: 'test',
    maxFileBytes: 10,
    wants: () => true,
    analyze: () => {
      throw new Error('boom');
    },
  };
  const result = await walk(tarBuffer([{ path: 'x', content: 'x' }]), { analyzers: [broken] });
  assert.deepEqual(result.facts.broken, []);
  assert.equal(result.analyzerErrors.broken, 'x: boom');
  assert.equal(result.entries.length, 1);
  // nor when it throws while choosing its files
  const choosy: Analyzer = {
    ...broken,
    name: 'choosy',
    wants: (path) => {
      if (path === 'b') throw new Error('cannot decide');
      return true;
    },
    analyze: ({ path }) => path,
  };
  const chosen = await walk(tarBuffer([{ path: 'a', content: 'x' }, { path: 'b', content: 'x' }, { path: 'c', content: 'x' }]), { analyzers: [choosy] });
  assert.deepEqual(chosen.facts.choosy!.map((record) => record.fact), ['a', 'c']);
  assert.equal(chosen.analyzerErrors.choosy, 'b: cannot decide');
});

test('a layer with no entries (only end-of-archive blocks, or no bytes) is legal', async () => {
  assert.equal((await walk(Buffer.alloc(1024))).entries.length, 0);
  assert.equal((await walk(Buffer.alloc(0))).entries.length, 0);
});

test('content that does not hash to the promised diffID is an error', async () => {
  const tar = tarBuffer([{ path: 'x', content: 'x' }]);
  await assert.rejects(walk(tar, { expectedDiffId: `sha256:${'0'.repeat(64)}` }), (error: Error) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, /^layer 1: content hashes to sha256:[0-9a-f]{64}, but the image config says sha256:0{64}$/);
    return true;
  });
});

test('garbage is not a tar', async () => {
  await assert.rejects(walk(Buffer.alloc(4096, 0x41)), /layer 1: not a valid tar archive/);
});
