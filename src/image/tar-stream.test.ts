import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { END_OF_ARCHIVE, entryBlocks, tarBuffer } from '../../test/support/tar-writer.js';
import { imageFixturesOrSkip } from '../../test/support/fixtures.js';
import { BLOCK, checksumValid, parseNumeric, TarFormatError, type TarHeader } from './tar-format.js';
import { TarStreamReader, TarTruncatedError } from './tar-stream.js';

interface Read {
  header: TarHeader;
  content?: string;
}

/** Reads `tar` written in chunks of `chunk` bytes, keeping every header and the content of every entry. */
function read(tar: Buffer, chunk = tar.length || 1): Read[] {
  const out: Read[] = [];
  let parts: Buffer[] = [];
  const reader = new TarStreamReader({
    entry(header) {
      out.push({ header });
      parts = [];
      return true;
    },
    data: (part) => parts.push(Buffer.from(part)),
    end: () => {
      out.at(-1)!.content = Buffer.concat(parts).toString();
    },
  });
  for (let at = 0; at < tar.length; at += chunk) reader.write(tar.subarray(at, at + chunk));
  reader.end();
  return out;
}

// an entry that is wanted always ends, with its content ('' when it has none)
const summary = (reads: Read[]) => reads.map(({ header, content }) => [header.typeflag, header.name, header.size, content]);

/** A header block with its checksum computed: `fields` as byte offset → text. */
function rawHeader(fields: Record<number, string>): Buffer {
  const block = Buffer.alloc(BLOCK);
  for (const [offset, text] of Object.entries(fields)) block.write(text, Number(offset), 'latin1');
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return block;
}

test('every chunking of the stream reads the same entries and content, headers split across chunks included', () => {
  const tar = tarBuffer([
    { path: 'etc/', type: 'dir' },
    { path: 'etc/hosts', content: 'localhost\n'.repeat(100), uid: 7, gid: 8, mode: 0o4755 },
    { path: `${'long/'.repeat(40)}pax.txt`, content: 'pax' },
    { path: `${'gnu/'.repeat(40)}gnu.txt`, content: 'gnu', longNames: 'gnu' },
    { path: 'bin/sh', type: 'symlink', linkTarget: `${'t/'.repeat(60)}busybox`, longNames: 'gnu' },
    { path: 'empty', content: '' },
  ]);
  const whole = read(tar);
  assert.deepEqual(summary(whole), [
    ['5', 'etc/', 0, ''],
    ['0', 'etc/hosts', 1000, 'localhost\n'.repeat(100)],
    ['0', `${'long/'.repeat(40)}pax.txt`, 3, 'pax'],
    ['0', `${'gnu/'.repeat(40)}gnu.txt`, 3, 'gnu'],
    ['2', 'bin/sh', 0, ''],
    ['0', 'empty', 0, ''],
  ]);
  assert.deepEqual([whole[1]!.header.uid, whole[1]!.header.gid, whole[1]!.header.mode], [7, 8, 0o4755]);
  assert.equal(whole[4]!.header.linkname, `${'t/'.repeat(60)}busybox`);
  for (const chunk of [1, 7, 511, 512, 513, 4096]) assert.deepEqual(read(tar, chunk), whole, `chunks of ${chunk}`);
});

test("read as Go's archive/tar reads: PAX scope, global PAX, old-style directories, types without content", () => {
  const pax = (records: string) => [rawHeader({ 0: 'PaxHeader', 124: records.length.toString(8).padStart(11, '0'), 156: 'x', 257: 'ustar\u000000' }), Buffer.from(records), Buffer.alloc(BLOCK - records.length)];
  const global = '15 uid=4242424\n';
  const tar = Buffer.concat([
    rawHeader({ 0: 'GlobalHead', 124: global.length.toString(8).padStart(11, '0'), 156: 'g', 257: 'ustar\u000000' }),
    Buffer.from(global),
    Buffer.alloc(BLOCK - global.length),
    ...pax('20 path=renamed.txt\n'),
    ...entryBlocks({ path: 'stored-name', content: 'abc' }),
    // the PAX path applied to one entry only; the global uid to every later one
    ...entryBlocks({ path: 'next', content: 'x' }),
    // a directory written as a file whose name ends in a slash
    rawHeader({ 0: 'olddir/', 124: '00000000000', 156: '0' }),
    // a symlink whose size field is not 0 carries no content: the next header follows at once
    rawHeader({ 0: 'link', 124: '00000001000', 156: '2', 157: 'target' }),
    ...entryBlocks({ path: 'after-link', content: 'y' }),
    // a POSIX ustar prefix
    rawHeader({ 0: 'name.txt', 124: '00000000000', 156: '0', 257: 'ustar\u000000', 345: 'some/prefix' }),
    // GNU magic: those bytes are not a prefix
    rawHeader({ 0: 'gnu.txt', 124: '00000000000', 156: '0', 257: 'ustar  \u0000', 345: '14620711740' }),
    END_OF_ARCHIVE,
    Buffer.from('anything after the end of the archive is ignored'),
  ]);
  assert.deepEqual(summary(read(tar)), [
    ['0', 'renamed.txt', 3, 'abc'],
    ['0', 'next', 1, 'x'],
    ['5', 'olddir/', 0, ''],
    ['2', 'link', 0, ''],
    ['0', 'after-link', 1, 'y'],
    ['0', 'some/prefix/name.txt', 0, ''],
    ['0', 'gnu.txt', 0, ''],
  ]);
  assert.deepEqual(read(tar).map((r) => r.header.uid), [4242424, 4242424, 4242424, 4242424, 4242424, 4242424, 4242424]);
});

test('numbers: octal with spaces or NULs, and GNU base-256 for sizes of 8 GiB and more', () => {
  assert.equal(parseNumeric(Buffer.from('0000644\0')), 0o644);
  assert.equal(parseNumeric(Buffer.from('   755 \0')), 0o755);
  assert.equal(parseNumeric(Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 2, 0x80, 0, 0, 0])), 2 * 2 ** 32 + 0x80 * 2 ** 24);
  const [header] = entryBlocks({ path: 'huge', declaredSize: 10 * 1024 ** 3 });
  const reader = new TarStreamReader({ entry: (h) => (assert.equal(h.size, 10 * 1024 ** 3), false), data() {}, end() {} });
  reader.write(header!);
  assert.throws(() => reader.end(), (error: unknown) => error instanceof TarTruncatedError && error.received === 0);
});

test('checksums: unsigned (POSIX) and signed (old Sun tars) sums, wherever the block sits in memory', () => {
  const header = rawHeader({ 0: 'caf\u00e9-\u00ff.txt', 100: '0000644', 156: '0' });
  const highBytes = [...header].filter((byte, i) => byte > 127 && (i < 148 || i >= 156)).length;
  const unsigned = parseNumeric(header, 148, 156);
  const withChecksum = (sum: number): Buffer => {
    const block = Buffer.from(header);
    block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    return block;
  };
  for (const offset of [0, 1, 2, 3]) {
    const at = (block: Buffer): Buffer => {
      const backing = Buffer.alloc(BLOCK + 8, 0xff);
      block.copy(backing, offset);
      return backing.subarray(offset, offset + BLOCK);
    };
    assert.ok(checksumValid(at(header)), `unsigned at offset ${offset}`);
    assert.ok(checksumValid(at(withChecksum(unsigned - 256 * highBytes))), `signed at offset ${offset}`);
    assert.ok(!checksumValid(at(withChecksum(unsigned + 1))), `off by one at offset ${offset}`);
  }
});

test('malformed streams are errors that say where', () => {
  const tar = tarBuffer([{ path: 'a', content: 'hello' }]);
  const corrupt = Buffer.from(tar);
  corrupt[0] = 0x42;
  assert.throws(() => read(corrupt), { name: 'Error', message: 'invalid header checksum at byte 0' });
  assert.throws(() => read(Buffer.concat([Buffer.alloc(BLOCK), tar])), { message: 'a lone zero block at byte 0' });
  assert.throws(() => read(tar.subarray(0, BLOCK + 3)), (error: unknown) => error instanceof TarTruncatedError && error.received === 3 && error.header.name === 'a');
  assert.throws(() => read(tar.subarray(0, 100)), { message: 'the stream ends inside a header at byte 0' });
  assert.throws(() => read(tar.subarray(0, BLOCK + 5)), (error: unknown) => !(error instanceof TarTruncatedError) && error instanceof TarFormatError);
  const bigExtension = rawHeader({ 0: 'PaxHeader', 124: (2 * 1024 * 1024).toString(8).padStart(11, '0'), 156: 'x' });
  assert.throws(() => read(bigExtension), { message: 'an extension header of 2097152 bytes at byte 0' });
  const badPax = Buffer.concat([rawHeader({ 0: 'PaxHeader', 124: '00000000010', 156: 'x' }), Buffer.from('99 path=x'), Buffer.alloc(BLOCK - 9), ...entryBlocks({ path: 'a' })]);
  assert.throws(() => read(badPax), { message: 'malformed PAX record' });
  // an empty stream, and one that ends at an entry boundary without the end-of-archive blocks, are fine
  assert.deepEqual(read(Buffer.alloc(0)), []);
  assert.equal(read(Buffer.concat(entryBlocks({ path: 'a', content: 'x' }))).length, 1);
});

// node-tar's names for the typeflags this reader reports
const NODE_TAR_TYPES: Record<string, string> = {
  File: '0', OldFile: '0', ContiguousFile: '7', Directory: '5', SymbolicLink: '2', Link: '1', CharacterDevice: '3', BlockDevice: '4', FIFO: '6',
};

/** The entries node-tar reads from `tar`, in the shape of ours: an independent reading to compare with. */
function readWithNodeTar(tar: Buffer): [string, string, number, number, number, number, string][] {
  const out: [string, string, number, number, number, number, string][] = [];
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      out.push([NODE_TAR_TYPES[entry.type] ?? entry.type, entry.path, entry.size ?? 0, entry.mode ?? 0, entry.uid ?? 0, entry.gid ?? 0, entry.linkpath ?? '']);
      entry.resume();
    },
  });
  parser.end(tar);
  return out;
}

const ours = (tar: Buffer) =>
  read(tar).map(({ header: h }) => [h.typeflag, h.name, h.size, h.mode, h.uid, h.gid, h.linkname] as [string, string, number, number, number, number, string]);

test('archives written by GNU tar (gnu, posix and ustar formats) read as node-tar reads them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-tar-'));
  try {
    const root = join(dir, 'root');
    const deep = join(root, ...Array.from({ length: 30 }, (_, i) => `directory-${i}`));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'file-with-a-long-name.txt'), 'deep');
    writeFileSync(join(root, 'plain.txt'), 'plain\n'.repeat(300));
    symlinkSync(join('..', 'x'.repeat(150)), join(root, 'long-link'));
    for (const format of ['gnu', 'posix', 'ustar']) {
      const tar = join(dir, `${format}.tar`);
      const args = ['--format', format, '--owner=1234', '--group=5678', '-C', root, '-cf', tar, '.'];
      try {
        execFileSync('tar', args, { stdio: 'pipe' });
      } catch (error) {
        // ustar cannot hold the 150-byte link target: GNU tar says so and leaves that entry out
        if (format !== 'ustar') throw error;
      }
      const bytes = readFileSync(tar);
      assert.deepEqual(ours(bytes), readWithNodeTar(bytes), format);
      // ustar holds names of up to 255 bytes only
      if (format !== 'ustar') assert.ok(ours(bytes).some(([, name]) => name.endsWith('file-with-a-long-name.txt')), format);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const fixtures = await imageFixturesOrSkip();

test('the layers of the real fixture images read as node-tar reads them', { skip: 'skip' in fixtures ? fixtures.skip : false }, () => {
  if ('skip' in fixtures) return;
  const [layoutDir] = fixtures.images.secrets.ociLayout.split(':');
  const index = JSON.parse(readFileSync(join(layoutDir!, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const blob = (digest: string) => readFileSync(join(layoutDir!, 'blobs', 'sha256', digest.slice('sha256:'.length)));
  let layers = 0;
  for (const { digest } of index.manifests) {
    const manifest = JSON.parse(blob(digest).toString()) as { layers?: { digest: string; mediaType: string }[] };
    for (const layer of manifest.layers ?? []) {
      if (!layer.mediaType.endsWith('gzip')) continue;
      const tar = gunzipSync(blob(layer.digest));
      assert.deepEqual(ours(tar), readWithNodeTar(tar), layer.digest);
      layers++;
    }
  }
  assert.ok(layers >= 5, `${layers} layers compared`);
});
