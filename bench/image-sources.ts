// Throughput and memory of reading every layer of the apt-leftovers fixture (about 290 MB of tar) through each
// image source, next to a baseline measured in the same run: the same bytes read with fs, zlib and one sha256
// and no image code. Run: node --import tsx bench/image-sources.ts
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { openImage, type OpenImageOptions } from '../src/image/open.js';
import { fixtureRefs, imageFixtures } from '../test/support/fixtures.js';

const fixtures = await imageFixtures();
const refs = fixtureRefs(fixtures, 'apt-leftovers');

async function consume(stream: Readable): Promise<number> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  hash.digest();
  return bytes;
}

async function measure(name: string, run: () => Promise<number>): Promise<void> {
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = process.hrtime.bigint();
  const bytes = await run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const mb = bytes / 1e6;
  console.log(`${name.padEnd(44)} ${mb.toFixed(0).padStart(5)} MB  ${(mb / seconds).toFixed(0).padStart(5)} MB/s  ${seconds.toFixed(2).padStart(6)} s  peak RSS +${((peak - baseRss) / 1e6).toFixed(0)} MB`);
}

async function throughSource(ref: string, options: OpenImageOptions = {}): Promise<number> {
  const image = await openImage(ref, options);
  try {
    let bytes = 0;
    for (const layer of image.layers) bytes += await consume(await layer.openTar());
    return bytes;
  } finally {
    await image.close();
  }
}

const layoutDir = fixtures.images['apt-leftovers'].ociLayout.split(':')[0]!;
const ociImage = await openImage(refs.oci);
const blobPaths = ociImage.manifest.layers.map((layer) => join(layoutDir, 'blobs', 'sha256', layer.digest.slice('sha256:'.length)));
await ociImage.close();

console.log('baseline: fs (+ zlib) + sha256, no image code');
await measure('baseline: read the docker-archive file', () => consume(createReadStream(fixtures.images['apt-leftovers'].dockerArchive)));
await measure('baseline: gunzip the OCI layer blobs', async () => {
  let bytes = 0;
  for (const path of blobPaths) bytes += await consume(createReadStream(path).pipe(createGunzip()));
  return bytes;
});
console.log('every layer through openTar() (stored digest and diffID verified)');
await measure('docker-archive (uncompressed, by offset)', () => throughSource(refs.dockerArchive));
await measure('oci layout (gzip)', () => throughSource(refs.oci));
await measure('oci-archive (gzip, by offset)', () => throughSource(refs.ociArchive));
await measure('registry over HTTP (gzip)', () => throughSource(refs.registryAnonymous, { insecure: true }));
await measure('docker-daemon (save spooled to disk, then by offset)', () => throughSource(refs.daemon, { dockerHost: fixtures.dockerHost }));
