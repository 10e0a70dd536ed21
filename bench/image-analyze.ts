// Benchmark: analyse a ~1 GB image (100,000 files in 10 gzip layers) and compare with plain streaming gunzip of the
// same layers, measured in the same run. Each measurement runs in its own process so its peak memory is its own.
//
//   node --import tsx bench/image-analyze.ts            (generates the image once, under $SHIPSHAPE_BENCH_DIR or the OS temp dir)
//
// Targets: cold analysis within 1.5x of the gunzip ceiling, peak memory under 300 MB, warm re-run under 5% of cold.
// The warm re-run reads the cached report; the run on known layers without it shows what a new image on cached
// layers costs (the stacked tree and the rules).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { analyzeImage } from '../src/image/analyze.js';
import { decompressor } from '../src/image/blob/decompress.js';
import { BLOB_CHUNK } from '../src/image/blob/stream.js';
import { openImage } from '../src/image/open.js';
import type { Layer } from '../src/image/types.js';
import { imageFromLayers } from '../test/support/tar-image.js';
import { END_OF_ARCHIVE, entryBlocks } from '../test/support/tar-writer.js';

const LAYERS = 10;
const FILES_PER_LAYER = 10_000;
const MEAN_FILE_BYTES = 10_000;
const FORMAT_VERSION = 1;
const dir = join(process.env.SHIPSHAPE_BENCH_DIR ?? tmpdir(), `shipshape-bench-image-v${FORMAT_VERSION}`);

interface LayerFile {
  file: string;
  diffId: string;
  digest: string;
  size: number;
}

const WORDS = 'const return function import export default from class extends value module require string number ' +
  'boolean null undefined async await promise error message config server client request response header body ' +
  'path file directory install package version license copyright description usr lib share bin etc var';

/** Text like source code and configs (compresses about 4x), or binary like object code (zeros, noise; about 2x). */
function fileContent(index: number, size: number, corpus: Buffer): Buffer {
  if (index % 2 === 0) {
    const start = (index * 7919) % (corpus.length - size);
    return corpus.subarray(start, start + size);
  }
  const content = randomBytes(size);
  for (let offset = 0; offset < size; offset += 128) content.fill(0, offset, Math.min(size, offset + 64));
  return content;
}

async function generate(): Promise<LayerFile[]> {
  const manifestFile = join(dir, 'layers.json');
  if (existsSync(manifestFile)) return JSON.parse(await readFile(manifestFile, 'utf8')) as LayerFile[];
  await mkdir(dir, { recursive: true });
  const words = WORDS.split(' ');
  const lines: string[] = [];
  for (let i = 0, length = 0; length < 4 * 1024 * 1024; i++) {
    const line = `${Array.from({ length: 12 }, (_, j) => words[(i * 31 + j * 17 + (i >> 3)) % words.length]).join(' ')};\n`;
    lines.push(line);
    length += line.length;
  }
  const corpus = Buffer.from(lines.join(''));
  const layers: LayerFile[] = [];
  for (let layer = 0; layer < LAYERS; layer++) {
    const file = join(dir, `layer-${layer}.tar.gz`);
    const tarHash = createHash('sha256');
    const gzip = createGzip({ level: 6 });
    const blobHash = createHash('sha256');
    let size = 0;
    gzip.on('data', (chunk: Buffer) => {
      blobHash.update(chunk);
      size += chunk.length;
    });
    const written = pipeline(gzip, createWriteStream(file));
    const write = async (block: Buffer): Promise<void> => {
      tarHash.update(block);
      if (!gzip.write(block)) await new Promise((resolve) => gzip.once('drain', resolve));
    };
    for (let index = 0; index < FILES_PER_LAYER; index++) {
      const global = layer * FILES_PER_LAYER + index;
      const bytes = Math.round(MEAN_FILE_BYTES * (0.2 + 1.6 * ((global * 2654435761) % 1000) / 1000));
      const path = `opt/app-${layer}/pkg-${index % 100}/module-${index}.${global % 2 === 0 ? 'js' : 'so'}`;
      for (const block of entryBlocks({ path, content: fileContent(global, bytes, corpus), mode: 0o644 })) await write(block);
    }
    await write(END_OF_ARCHIVE);
    gzip.end();
    await written;
    layers.push({ file, diffId: `sha256:${tarHash.digest('hex')}`, digest: `sha256:${blobHash.digest('hex')}`, size });
    process.stderr.write(`generated layer ${layer + 1}/${LAYERS}\n`);
  }
  await writeFile(manifestFile, JSON.stringify(layers));
  return layers;
}

/** The same layers as an OCI image layout (blobs hard-linked), for the real `oci:` source. */
async function writeLayout(layers: LayerFile[]): Promise<string> {
  const layout = join(dir, 'oci');
  if (existsSync(join(layout, 'index.json'))) return `oci:${layout}:bench`;
  const blobs = join(layout, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const digest = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: {},
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map((_, i) => ({ created_by: `COPY app-${i} /opt/app-${i} # buildkit` })),
  }));
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: digest(config), size: config.length },
    layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.size })),
  }));
  await writeFile(join(blobs, digest(config).slice(7)), config);
  await writeFile(join(blobs, digest(manifest).slice(7)), manifest);
  for (const layer of layers) await link(layer.file, join(blobs, layer.digest.slice(7)));
  await writeFile(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(join(layout, 'index.json'), JSON.stringify({
    schemaVersion: 2,
    manifests: [{
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: digest(manifest),
      size: manifest.length,
      annotations: { 'org.opencontainers.image.ref.name': 'bench' },
    }],
  }));
  return `oci:${layout}:bench`;
}

/**
 * The layer streams, the same for the ceiling and the analysis: the sources' read-ahead (1 MiB reads, zlib chunks and
 * stage buffers), or Node's defaults (64 KiB reads, 16 KiB zlib chunks and buffers).
 */
type StreamSizes = 'source' | 'node-defaults';
const streamSizes = (process.env.BENCH_STREAM_SIZES ?? 'source') as StreamSizes;

function gunzipped(file: string): Readable {
  if (streamSizes === 'node-defaults') return createReadStream(file).pipe(createGunzip());
  return createReadStream(file, { highWaterMark: BLOB_CHUNK }).pipe(decompressor('gzip')!);
}

function toLayer(layer: LayerFile): Layer {
  return {
    digest: layer.digest,
    diffId: layer.diffId,
    mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
    compression: 'gzip',
    size: layer.size,
    openStored: async () => createReadStream(layer.file),
    openTar: async () => gunzipped(layer.file),
  };
}

interface Measurement {
  seconds: number;
  /** User + system CPU of the whole process (main thread and zlib's thread pool). */
  cpuSeconds: number;
  maxRssMB: number;
  bytes: number;
}

async function child(mode: string, cacheDir: string): Promise<void> {
  const layers = JSON.parse(await readFile(join(dir, 'layers.json'), 'utf8')) as LayerFile[];
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let bytes = 0;
  if (mode === 'gunzip') {
    for (const layer of layers) {
      const stream = gunzipped(layer.file);
      for await (const chunk of stream) bytes += (chunk as Buffer).length;
    }
  } else if (mode === 'analyze-oci') {
    // The real source: it also verifies every blob's digest and every tar's diffID as they stream.
    const image = await openImage(`oci:${join(dir, 'oci')}:bench`);
    const report = await analyzeImage(image, { cache: { dir: cacheDir } });
    await image.close();
    bytes = report.image.size.uncompressed;
  } else {
    // The layers' cached results without the cached report: what a new image on known layers costs.
    if (mode === 'analyze-known-layers') await rm(join(cacheDir, 'reports'), { recursive: true, force: true });
    // Layers that only decompress, like the gunzip ceiling: the analysis alone.
    const image = imageFromLayers('bench:image', layers.map(toLayer), layers.map((_, i) => ({ created_by: `COPY app-${i} /opt/app-${i} # buildkit` })), {});
    const report = await analyzeImage(image, { cache: { dir: cacheDir } });
    bytes = report.image.size.uncompressed;
  }
  const result: Measurement = {
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: ((cpu) => (cpu.user + cpu.system) / 1e6)(process.cpuUsage(cpuStart)),
    maxRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
    bytes,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const ROUNDS = 5;
const best = (list: Measurement[]): Measurement => list.reduce((a, b) => (b.seconds < a.seconds ? b : a));
const median = (list: Measurement[]): number => [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor(list.length / 2)]!.seconds;

function measure(mode: string, cacheDir: string, sizes: StreamSizes = 'source'): Measurement {
  const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', mode, cacheDir], {
    env: { ...process.env, BENCH_STREAM_SIZES: sizes },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').pop()!) as Measurement;
}

async function main(): Promise<void> {
  const layers = await generate();
  await writeLayout(layers);
  const cacheDir = join(dir, 'cache');
  const ociCacheDir = join(dir, 'cache-oci');
  // Shared machines are noisy: each figure is the best of ROUNDS runs, the ceiling's and the analysis's alike,
  // interleaved so that a slow spell hits both.
  const gunzips: Measurement[] = [];
  const colds: Measurement[] = [];
  const warms: Measurement[] = [];
  const knownLayers: Measurement[] = [];
  const coldOcis: Measurement[] = [];
  const warmOcis: Measurement[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await rm(cacheDir, { recursive: true, force: true });
    await rm(ociCacheDir, { recursive: true, force: true });
    gunzips.push(measure('gunzip', cacheDir));
    colds.push(measure('analyze', cacheDir));
    warms.push(measure('analyze', cacheDir));
    knownLayers.push(measure('analyze-known-layers', cacheDir));
    coldOcis.push(measure('analyze-oci', ociCacheDir));
    warmOcis.push(measure('analyze-oci', ociCacheDir));
  }
  const [gunzip, cold, warm, known, coldOci, warmOci] = [gunzips, colds, warms, knownLayers, coldOcis, warmOcis].map(best) as [
    Measurement,
    Measurement,
    Measurement,
    Measurement,
    Measurement,
    Measurement,
  ];
  const baseline = gunzip.seconds;
  // The same with Node's default stream sizes: more thread hand-offs, for the ceiling and the analysis alike.
  await rm(cacheDir, { recursive: true, force: true });
  const gunzipSmall = measure('gunzip', cacheDir, 'node-defaults');
  const coldSmall = measure('analyze', cacheDir, 'node-defaults');
  const stored = layers.reduce((sum, l) => sum + l.size, 0);
  const row = (name: string, m: Measurement, note: string): string =>
    `${name.padEnd(40)}${m.seconds.toFixed(3).padStart(8)} s${m.cpuSeconds.toFixed(3).padStart(8)} s${m.maxRssMB.toFixed(0).padStart(8)} MB   ${note}`;
  console.log(`image: ${LAYERS} gzip layers, ${LAYERS * FILES_PER_LAYER} files, ${(cold.bytes / 1e6).toFixed(0)} MB uncompressed, ${(stored / 1e6).toFixed(0)} MB stored`);
  console.log(`${'measurement'.padEnd(40)}${'wall'.padStart(10)}${'cpu'.padStart(10)}${'max RSS'.padStart(11)}`);
  const runs = (list: Measurement[]): string => `runs: ${list.map((m) => m.seconds.toFixed(3)).join(', ')}`;
  console.log(`best of ${ROUNDS} runs each (interleaved), then one run each with Node's default stream sizes`);
  console.log(row('gunzip only (ceiling)', gunzip, `${(gunzip.bytes / 1e6 / gunzip.seconds).toFixed(0)} MB/s; ${runs(gunzips)}`));
  console.log(row('analyze, cold cache', cold, `${(cold.seconds / baseline).toFixed(2)}x gunzip (target <= 1.5x; medians: ${(median(colds) / median(gunzips)).toFixed(2)}x); ${runs(colds)}`));
  console.log(row('analyze, warm cache', warm, `${((warm.seconds / cold.seconds) * 100).toFixed(1)}% of cold (target < 5%); ${runs(warms)}`));
  console.log(row('analyze, known layers, no cached report', known, `${((known.seconds / cold.seconds) * 100).toFixed(1)}% of cold; ${runs(knownLayers)}`));
  console.log(row('oci: source (verifying) + analyze', coldOci, `${(coldOci.seconds / baseline).toFixed(2)}x gunzip; ${runs(coldOcis)}`));
  console.log(row('oci: warm cache', warmOci, `${((warmOci.seconds / coldOci.seconds) * 100).toFixed(1)}% of cold; ${runs(warmOcis)}`));
  console.log(row('gunzip only, Node defaults', gunzipSmall, `${(gunzipSmall.bytes / 1e6 / gunzipSmall.seconds).toFixed(0)} MB/s`));
  console.log(row('analyze, cold, Node defaults', coldSmall, `${(coldSmall.seconds / gunzipSmall.seconds).toFixed(2)}x that gunzip`));
  const peak = Math.max(...[...colds, ...warms, ...knownLayers, ...coldOcis, ...warmOcis, coldSmall].map((m) => m.maxRssMB));
  console.log(`peak memory: ${peak.toFixed(0)} MB, the highest of every analysis run (target < 300 MB)`);
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4]!);
else await main();
