import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Readable } from 'node:stream';
import { digestOf, parseDigest } from './blob/digest.js';
import { compressionOfMediaType } from './blob/decompress.js';
import { MediaTypes } from './sources/manifest.js';
import type { Image } from './types.js';

export class ImageValidationError extends Error {
  override readonly name = 'ImageValidationError';

  constructor(
    readonly ref: string,
    readonly problems: string[],
  ) {
    super(`${ref}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  }
}

export interface ValidateOptions {
  /** Read every layer, stored and uncompressed, and check both digests (default true). */
  layers?: boolean;
}

async function hashStream(stream: Readable, algorithm: string): Promise<{ digest: string; size: number; head: Buffer }> {
  const hash = createHash(algorithm);
  let size = 0;
  const head: Buffer[] = [];
  let headLength = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
    if (headLength < 512) {
      head.push(bytes.subarray(0, 512 - headLength));
      headLength += Math.min(bytes.length, 512 - headLength);
    }
  }
  return { digest: `${algorithm}:${hash.digest('hex')}`, size, head: Buffer.concat(head) };
}

/** A tar starts with a header whose checksum adds up, or with the zero blocks of an empty archive. */
function looksLikeTar(head: Buffer): boolean {
  if (head.length < 512) return false;
  if (head.every((byte) => byte === 0)) return true;
  const stored = parseInt(head.subarray(148, 156).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i]!;
  return stored === sum;
}

/**
 * Checks every invariant an Image promises, independently of the source that built it (go-containerregistry's
 * validate.Image): the config and manifest bytes hash to their digests, the manifest, config and layers agree,
 * and (unless `layers: false`) each layer's stored bytes hash to its digest and its tar to its diffID.
 * Throws an ImageValidationError listing every problem found.
 */
export async function validateImage(image: Image, options: ValidateOptions = {}): Promise<void> {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const { manifest, config } = image;

  check(manifest.schemaVersion === 2, `manifest schemaVersion is ${manifest.schemaVersion}`);
  check(manifest.mediaType === MediaTypes.ociManifest || manifest.mediaType === MediaTypes.dockerManifest, `manifest media type ${manifest.mediaType}`);
  check(image.configDigest === manifest.config.digest, `configDigest ${image.configDigest} differs from the manifest's ${manifest.config.digest}`);
  const rawConfigDigest = digestOf(image.rawConfig, parseDigest(image.configDigest)?.algorithm ?? 'sha256');
  check(rawConfigDigest === image.configDigest, `config bytes hash to ${rawConfigDigest}, not ${image.configDigest}`);
  check(image.rawConfig.length === manifest.config.size, `config is ${image.rawConfig.length} bytes, the manifest says ${manifest.config.size}`);
  check(isDeepStrictEqual(JSON.parse(image.rawConfig.toString('utf8')), config), 'config object differs from the config bytes');

  if (image.rawManifest) {
    const algorithm = image.manifestDigest ? parseDigest(image.manifestDigest)?.algorithm ?? 'sha256' : 'sha256';
    check(digestOf(image.rawManifest, algorithm) === image.manifestDigest, `manifest bytes hash to ${digestOf(image.rawManifest, algorithm)}, not ${image.manifestDigest}`);
    const stored = JSON.parse(image.rawManifest.toString('utf8')) as { config?: unknown; layers?: unknown };
    check(isDeepStrictEqual(stored.config, manifest.config), 'manifest config descriptor differs from the manifest bytes');
    check(isDeepStrictEqual(stored.layers, manifest.layers), 'manifest layer descriptors differ from the manifest bytes');
  }

  const diffIds = config.rootfs?.diff_ids ?? [];
  check(config.rootfs?.type === 'layers', `config rootfs.type is ${config.rootfs?.type}`);
  check(diffIds.length === image.layers.length, `config has ${diffIds.length} diff_ids for ${image.layers.length} layers`);
  check(manifest.layers.length === image.layers.length, `manifest has ${manifest.layers.length} layers, the image ${image.layers.length}`);
  if (config.history) {
    const withLayers = config.history.filter((entry) => !entry.empty_layer).length;
    check(withLayers === image.layers.length, `config history has ${withLayers} non-empty entries for ${image.layers.length} layers`);
  }
  check(typeof config.os === 'string' && typeof config.architecture === 'string', 'config has no os/architecture');

  for (const [i, layer] of image.layers.entries()) {
    const descriptor = manifest.layers[i];
    const name = `layer ${i}`;
    check(layer.diffId === diffIds[i], `${name} diffId ${layer.diffId} differs from config diff_id ${diffIds[i]}`);
    check(descriptor?.digest === layer.digest && descriptor.size === layer.size && descriptor.mediaType === layer.mediaType, `${name} differs from its manifest descriptor`);
    check(compressionOfMediaType(layer.mediaType) === layer.compression, `${name} compression ${layer.compression} does not match media type ${layer.mediaType}`);
    if (options.layers === false) continue;
    try {
      const stored = await hashStream(await layer.openStored(), parseDigest(layer.digest)?.algorithm ?? 'sha256');
      check(stored.digest === layer.digest, `${name} stored bytes hash to ${stored.digest}, not ${layer.digest}`);
      check(stored.size === layer.size, `${name} stored bytes are ${stored.size}, not ${layer.size}`);
      const tar = await hashStream(await layer.openTar(), parseDigest(layer.diffId)?.algorithm ?? 'sha256');
      check(tar.digest === layer.diffId, `${name} tar hashes to ${tar.digest}, not ${layer.diffId}`);
      check(looksLikeTar(tar.head), `${name} uncompressed stream is not a tar`);
    } catch (error) {
      problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (problems.length > 0) throw new ImageValidationError(image.ref, problems);
}
