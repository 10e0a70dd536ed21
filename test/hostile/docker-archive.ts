// A `docker save` archive written from layer tars and a config, for images no builder would make: hostile names,
// hostile history and labels.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { tarBuffer } from '../support/tar-writer.js';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export interface ArchiveImage {
  layers: readonly Buffer[];
  /** The image config's `config` (User, Labels, Env…). */
  config?: Record<string, unknown>;
  /** One `created_by` per layer. */
  createdBy?: readonly string[];
}

/** Writes the archive to `path`; read it as `docker-archive:PATH`. */
export async function writeDockerArchive(path: string, image: ArchiveImage): Promise<void> {
  const config = Buffer.from(
    JSON.stringify({
      architecture: process.arch === 'arm64' ? 'arm64' : 'amd64',
      os: 'linux',
      config: image.config ?? {},
      rootfs: { type: 'layers', diff_ids: image.layers.map((layer) => `sha256:${sha256(layer)}`) },
      history: image.layers.map((_, index) => ({ created_by: image.createdBy?.[index] ?? `COPY layer${index} /` })),
    }),
  );
  const layerNames = image.layers.map((layer) => `${sha256(layer)}/layer.tar`);
  const manifest = JSON.stringify([{ Config: `${sha256(config)}.json`, RepoTags: ['hostile/image:1'], Layers: layerNames }]);
  await writeFile(
    path,
    tarBuffer([
      { path: 'manifest.json', content: manifest },
      { path: `${sha256(config)}.json`, content: config },
      ...image.layers.map((layer, index) => ({ path: layerNames[index]!, content: layer })),
    ]),
  );
}

/** A tar whose one entry's name is `name` as raw bytes (a writer would refuse a name that is not UTF-8). */
export function tarWithRawName(name: Buffer, content: string, placeholder = 'placeholder-name'): Buffer {
  if (name.length > 100) throw new Error('a raw name fits the 100-byte header field');
  const tar = tarBuffer([{ path: placeholder, content }]);
  tar.fill(0, 0, 100);
  name.copy(tar, 0);
  // the checksum counts its own field as eight spaces; six octal digits, NUL, space
  tar.fill(0x20, 148, 156);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += tar[i]!;
  tar.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return tar;
}
