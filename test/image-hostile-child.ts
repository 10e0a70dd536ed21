// Runs one hostile case in its own process so the parent can read its peak memory. Prints one JSON line.
import { Readable } from 'node:stream';
import { gzipSync, createGunzip } from 'node:zlib';
import { errorMessage } from '../src/core/errors.js';
import { analyzeImage } from '../src/image/analyze.js';
import { decompressor } from '../src/image/blob/decompress.js';
import type { Layer } from '../src/image/types.js';
import { imageFromLayers } from './support/tar-image.js';
import { entryBlocks } from './support/tar-writer.js';
import { zstdZerosFrame } from './support/zstd-frame.js';

const TEN_GB = 10 * 1000 ** 3;
const CHUNK = 1024 * 1024;

/**
 * A gzip stream that inflates to a 10 GB tar of 64 MiB files of zeros, made lazily from one reused gzip member of
 * 1 MiB of zeros (gzip allows concatenated members). Deflate cannot beat about 1:1030, so 10 GB needs about 10 MB
 * of gzip; none of it is ever stored. Each entry declares an honest size: only the inflated bytes hit the limit.
 */
function* bomb(): Generator<Buffer> {
  const member = gzipSync(Buffer.alloc(CHUNK), { level: 9 });
  const entryBytes = 64 * CHUNK;
  for (let index = 0; index * entryBytes < TEN_GB; index++) {
    yield gzipSync(entryBlocks({ path: `zeros-${index}`, declaredSize: entryBytes })[0]!);
    for (let sent = 0; sent < entryBytes; sent += CHUNK) yield member;
  }
}

/**
 * The same 10 GB as zstd, in one 300 KB read: a hand-made frame of RLE blocks (4 bytes for 128 KiB each) per 64 MiB
 * entry of zeros. fzstd decodes all it is handed in one call: only feeding it piece by piece, as the reader asks,
 * keeps memory bounded.
 */
function* zstdBomb(): Generator<Buffer> {
  const entryBytes = 64 * CHUNK;
  const frames: Buffer[] = [];
  for (let index = 0; index * entryBytes < TEN_GB; index++) {
    frames.push(zstdZerosFrame(entryBlocks({ path: `zeros-${index}`, declaredSize: entryBytes })[0]!, entryBytes));
  }
  yield Buffer.concat(frames);
}

/** A 1 KB stream whose only header declares 10 GB of content. */
function* declared(): Generator<Buffer> {
  yield gzipSync(Buffer.concat([...entryBlocks({ path: 'big', declaredSize: TEN_GB }).slice(0, 1), Buffer.alloc(512, 0x61)]));
}

/** Small files in deep paths, `count` of them or without end: the listing, not the bytes, is what grows. */
function* files(count = Infinity): Generator<Buffer> {
  const batch = 10_000;
  for (let start = 0; start < count; start += batch) {
    const blocks: Buffer[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      // About 16 files per directory, as in real images.
      const path = `usr/share/app-${(i >> 4) % 97}/module-${i >> 4}/file-${i}.txt`;
      blocks.push(...entryBlocks({ path, content: `${i}\n` }));
    }
    yield gzipSync(Buffer.concat(blocks), { level: 1 });
  }
  yield gzipSync(Buffer.alloc(1024));
}

const cases: Record<string, () => Generator<Buffer>> = {
  bomb,
  'zstd-bomb': zstdBomb,
  declared,
  entries: () => files(),
  // Well under the entry limit, analysed to the end: listing, stacked tree, dive's bookkeeping, rules.
  'many-files': () => files(150_000),
};
const which = process.argv[2] ?? '';
const source = cases[which];
if (!source) throw new Error(`unknown case ${which}`);
const layer: Layer = {
  digest: `sha256:${'1'.repeat(64)}`,
  diffId: `sha256:${'2'.repeat(64)}`,
  mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
  compression: 'gzip',
  size: 10 * 1024 * 1024,
  openStored: async () => Readable.from(source()),
  openTar: async () => Readable.from(source()).pipe(which === 'zstd-bomb' ? decompressor('zstd')! : createGunzip()),
};
const image = imageFromLayers(`hostile:${which}`, [layer], [{ created_by: 'RUN /bin/sh -c make-trouble # buildkit' }], {});
let error = '';
let files_ = 0;
try {
  const limit = process.argv[3];
  const report = await analyzeImage(image, { cache: false, ...(limit ? { maxUncompressedBytes: Number(limit) } : {}) });
  files_ = report.image.size.finalEntries;
} catch (caught) {
  error = `${(caught as Error).name}: ${errorMessage(caught)}`;
}
process.stdout.write(`${JSON.stringify({ error, finalEntries: files_, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
