// A real image made of real gzip layer files on disk, behind the `Image` interface the sources implement.
// Used where no source exists yet and for hostile layers no image builder would write.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { gzipSync, createGunzip } from 'node:zlib';
import type { HistoryEntry, Image, ImageConfig, Layer } from '../../src/image/types.js';
import { tarBuffer, type TarEntrySpec } from './tar-writer.js';

export interface TestLayer {
  /** The tar's entries, or raw bytes for a hostile "tar". */
  tar: readonly TarEntrySpec[] | Buffer;
  createdBy?: string;
  /** The history entry's comment (buildah writes `FROM <base>` there). */
  comment?: string;
  /** Overrides the diffID the config records (to test a wrong digest). */
  diffId?: string;
}

export interface TestImageSpec {
  layers: readonly TestLayer[];
  /** History entries without a layer (ENV, CMD…), inserted before the layer with the given index. */
  emptyHistory?: readonly { before: number; createdBy: string }[];
  config?: ImageConfig['config'];
  ref?: string;
}

const sha256 = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;

export async function makeTestImage(dir: string, spec: TestImageSpec): Promise<Image> {
  await mkdir(dir, { recursive: true });
  const layers: Layer[] = [];
  const history: HistoryEntry[] = [];
  for (const [index, layer] of spec.layers.entries()) {
    for (const empty of spec.emptyHistory ?? []) {
      if (empty.before === index) history.push({ created_by: empty.createdBy, empty_layer: true });
    }
    const tar = Buffer.isBuffer(layer.tar) ? layer.tar : tarBuffer(layer.tar);
    const gz = gzipSync(tar);
    const digest = sha256(gz);
    const file = join(dir, `${digest.slice(7)}.tar.gz`);
    await writeFile(file, gz);
    const openStored = async (): Promise<Readable> => createReadStream(file);
    layers.push({
      digest,
      diffId: layer.diffId ?? sha256(tar),
      mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      compression: 'gzip',
      size: gz.length,
      openStored,
      openTar: async () => createReadStream(file).pipe(createGunzip()),
    });
    history.push({ created_by: layer.createdBy ?? `/bin/sh -c #(nop) COPY file:${index} in / `, ...(layer.comment ? { comment: layer.comment } : {}) });
  }
  for (const empty of spec.emptyHistory ?? []) {
    if (empty.before >= spec.layers.length) history.push({ created_by: empty.createdBy, empty_layer: true });
  }
  return imageFromLayers(spec.ref ?? `test:${dir}`, layers, history, spec.config ?? {});
}

export function imageFromLayers(
  ref: string,
  layers: Layer[],
  history: HistoryEntry[],
  runtime: NonNullable<ImageConfig['config']>,
): Image {
  const config: ImageConfig = {
    architecture: 'amd64',
    os: 'linux',
    created: '2024-01-01T00:00:00Z',
    config: runtime,
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history,
  };
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = sha256(configBytes);
  return {
    ref,
    transport: 'oci',
    manifest: {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: configBytes.length },
      layers: layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
    },
    configDigest,
    config,
    rawConfig: configBytes,
    layers,
    close: async () => {},
  };
}

/** Writes the image as an OCI image layout (`oci:DIR` for the real sources), with a tampered config when asked. */
export async function writeOciLayout(dir: string, image: Image, tamper: { diffIds?: string[] } = {}): Promise<string> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const config = { ...image.config, rootfs: { type: 'layers', diff_ids: tamper.diffIds ?? image.layers.map((l) => l.diffId) } };
  const configBytes = Buffer.from(JSON.stringify(config));
  const manifest = {
    ...image.manifest,
    config: { ...image.manifest.config, digest: sha256(configBytes), size: configBytes.length },
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const write = (bytes: Buffer) => writeFile(join(blobs, sha256(bytes).slice(7)), bytes);
  await write(configBytes);
  await write(manifestBytes);
  for (const layer of image.layers) {
    const chunks: Buffer[] = [];
    for await (const chunk of await layer.openStored()) chunks.push(chunk as Buffer);
    await write(Buffer.concat(chunks));
  }
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: manifest.mediaType,
        digest: sha256(manifestBytes),
        size: manifestBytes.length,
        annotations: { 'org.opencontainers.image.ref.name': 'test' },
        platform: { os: 'linux', architecture: 'amd64' },
      },
    ],
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  return `oci:${dir}:test`;
}
