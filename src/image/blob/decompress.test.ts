import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { checkMagic, compressionOfMagic, compressionOfMediaType, decompressor } from './decompress.js';
import { chain } from './stream.js';

const zstdAvailable = spawnSync('zstd', ['--version']).status === 0;
const zstdSkip = zstdAvailable || process.env.CI === 'true' ? false : 'the zstd CLI is not installed (apt-get install zstd)';
// half random, half repetitive: several zstd blocks and real back-references
const payload = Buffer.concat([randomBytes(300_000), Buffer.alloc(700_000, 'shipshape ')]);

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function inChunks(bytes: Buffer, size = 8191): Readable {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

test('media types declare the compression; magic bytes tell what the bytes are', () => {
  assert.equal(compressionOfMediaType('application/vnd.oci.image.layer.v1.tar+gzip'), 'gzip');
  assert.equal(compressionOfMediaType('application/vnd.oci.image.layer.v1.tar+zstd'), 'zstd');
  assert.equal(compressionOfMediaType('application/vnd.oci.image.layer.v1.tar'), 'none');
  assert.equal(compressionOfMediaType('application/vnd.docker.image.rootfs.diff.tar.gzip'), 'gzip');
  assert.equal(compressionOfMediaType('application/vnd.docker.image.rootfs.foreign.diff.tar.gzip'), 'gzip');
  assert.equal(compressionOfMediaType('application/vnd.oci.image.layer.nondistributable.v1.tar+zstd'), 'zstd');
  assert.equal(compressionOfMediaType('application/vnd.in-toto+json'), undefined);
  assert.equal(compressionOfMagic(gzipSync(payload)), 'gzip');
  assert.equal(compressionOfMagic(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0])), 'zstd');
  assert.equal(compressionOfMagic(Buffer.from('ustar')), 'none');
});

test('gzip streams decompress, also split at awkward chunk boundaries', async () => {
  const out = await collect(chain(inChunks(gzipSync(payload), 3), [checkMagic('gzip', () => 'x'), decompressor('gzip')!], 'img', 'layer'));
  assert.ok(out.equals(payload));
});

test('zstd streams decompress with fzstd', { skip: zstdSkip }, async () => {
  const compressed = execFileSync('zstd', ['-q', '-c', '-3'], { input: payload, maxBuffer: 64 * 1024 * 1024 });
  const out = await collect(chain(inChunks(compressed), [checkMagic('zstd', () => 'x'), decompressor('zstd')!], 'img', 'layer'));
  assert.ok(out.equals(payload));
});

test('a mislabelled or corrupt stream is an InputError naming the image', async () => {
  await assert.rejects(collect(chain(inChunks(gzipSync(payload)), [checkMagic('none', () => 'img: layer x')], 'img', 'layer')), {
    name: 'InputError',
    message: 'img: layer x is declared an uncompressed tar but its bytes are gzip',
  });
  const broken = gzipSync(payload);
  broken.fill(0x55, 100, 200);
  await assert.rejects(collect(chain(inChunks(broken), [decompressor('gzip')!], 'img', 'layer sha256:abc')), { name: 'InputError', message: /^img: cannot read layer sha256:abc: / });
  await assert.rejects(collect(chain(inChunks(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3])), [decompressor('zstd')!], 'img', 'layer')), { name: 'InputError' });
});

test('destroying the output releases the source', async () => {
  let destroyed = false;
  const source = new Readable({
    read() {
      this.push(Buffer.alloc(65536));
    },
    destroy(error, callback) {
      destroyed = true;
      callback(error);
    },
  });
  const output = chain(source, [checkMagic('none', () => 'x')], 'img', 'layer');
  for await (const chunk of output) {
    void chunk;
    break;
  }
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(destroyed);
});
