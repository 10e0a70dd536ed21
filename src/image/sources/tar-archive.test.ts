import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile, link } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { normaliseMemberName, TarArchive } from './tar-archive.js';

let scratch: string;
const longDir = `${'d'.repeat(60)}/${'e'.repeat(60)}`;
const longName = `${longDir}/${'f'.repeat(120)}.txt`;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'shipshape-tar-'));
  const root = join(scratch, 'root');
  await mkdir(join(root, longDir), { recursive: true });
  await mkdir(join(root, 'blobs/sha256'), { recursive: true });
  await writeFile(join(root, longName), 'long name content');
  await writeFile(join(root, 'blobs/sha256/abc'), Buffer.alloc(1000, 0x61));
  await writeFile(join(root, 'empty'), '');
  await mkdir(join(root, 'layer-dir'));
  await symlink('../blobs/sha256/abc', join(root, 'layer-dir/layer.tar'));
  await symlink('/blobs/sha256/abc', join(root, 'absolute-link'));
  await link(join(root, 'blobs/sha256/abc'), join(root, 'hard'));
  for (const format of ['gnu', 'pax', 'ustar']) {
    // ustar cannot hold the long name; it is archived without it
    const members = format === 'ustar' ? ['./blobs', './empty', './layer-dir', './absolute-link', './hard'] : ['.'];
    execFileSync('tar', ['-C', root, `--format=${format}`, '-cf', join(scratch, `${format}.tar`), ...members]);
  }
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function text(stream: Readable): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += (chunk as Buffer).toString('latin1');
  return out;
}

describe('TarArchive', () => {
  for (const format of ['gnu', 'pax', 'ustar']) {
    test(`indexes a ${format} archive and streams members by offset`, async () => {
      const archive = await TarArchive.open(join(scratch, `${format}.tar`), 'label');
      try {
        const blob = archive.resolve('blobs/sha256/abc')!;
        assert.equal(blob.type, 'file');
        assert.equal(blob.size, 1000);
        assert.equal(await text(archive.stream(blob)), 'a'.repeat(1000));
        assert.equal(await text(archive.stream(blob, 990, 5)), 'aaaaa');
        assert.deepEqual(await archive.readHead(blob, 3), Buffer.from('aaa'));
        assert.equal(archive.resolve('./layer-dir/layer.tar'), blob, 'relative symlink');
        assert.equal(archive.resolve('absolute-link'), blob, 'absolute symlink');
        assert.equal(archive.resolve('hard')?.offset ?? blob.offset, blob.offset);
        assert.equal(await text(archive.stream(archive.resolve('empty')!)), '');
        assert.equal(archive.resolve('missing'), undefined);
        if (format !== 'ustar') assert.equal(await text(archive.stream(archive.resolve(longName)!)), 'long name content');
      } finally {
        await archive.close();
      }
    });
  }

  test('hard links resolve to the member they link to', async () => {
    const archive = await TarArchive.open(join(scratch, 'gnu.tar'), 'label');
    try {
      const first = archive.members.get('blobs/sha256/abc') ?? archive.members.get('hard');
      const linked = [...archive.members.values()].find((m) => m.type === 'hardlink');
      assert.ok(first && linked, 'GNU tar stores the second name of a file as a hard link');
      assert.equal(archive.resolve(linked.name)?.type, 'file');
      assert.equal(archive.resolve(linked.name)?.size, 1000);
    } finally {
      await archive.close();
    }
  });

  test('rejects what is not a tar, and reads no further than a corrupt header', async () => {
    const junk = join(scratch, 'junk.bin');
    await writeFile(junk, Buffer.alloc(2048, 0x41));
    await assert.rejects(TarArchive.open(junk, 'junk'), { name: 'InputError', message: 'junk: not a tar archive' });
    const zstd = join(scratch, 'z.bin');
    await writeFile(zstd, Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd]), Buffer.alloc(1020)]));
    await assert.rejects(TarArchive.open(zstd, 'z'), { message: 'z: is a zstd-compressed file, not a tar archive (decompress it first)' });
    const empty = join(scratch, 'empty.tar');
    await writeFile(empty, Buffer.alloc(1024));
    const archive = await TarArchive.open(empty, 'empty');
    assert.equal(archive.members.size, 0);
    await archive.close();
  });

  test('member names are normalised', () => {
    assert.equal(normaliseMemberName('./blobs//sha256/x/'), 'blobs/sha256/x');
    assert.equal(normaliseMemberName('/a/./b/../c'), 'a/c');
    assert.equal(normaliseMemberName('../../etc/passwd'), 'etc/passwd');
  });
});
