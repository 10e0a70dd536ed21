import type { Readable } from 'node:stream';
import { InputError } from '../../core/errors.js';
import { DigestVerifier, parseDigest, shortDigest } from '../blob/digest.js';
import { checkMagic, compressionOfMediaType, decompressor } from '../blob/decompress.js';
import { formatBytesBinary } from '../../core/format.js';
import { chain, MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES, parseJson, readCapped } from '../blob/stream.js';
import type { BlobStore, Compression, Descriptor, Image, ImageConfig, ImageManifest, Layer, Transport } from '../types.js';

/** Reads a whole small blob through the store (so it is verified), refusing anything over `cap` up front. */
export async function readBlob(store: BlobStore, descriptor: Descriptor, cap: number, label: string, what: string): Promise<Buffer> {
  if (descriptor.size > cap) throw new InputError(`${label}: ${what} is ${descriptor.size} bytes, over the ${formatBytesBinary(cap)} limit`);
  return readCapped(await store.open(descriptor), cap, label, what);
}

/** The BlobStore half every source shares: `readJson` in terms of `open`. */
export abstract class VerifyingBlobStore implements BlobStore {
  constructor(protected readonly label: string) {}

  abstract open(descriptor: Descriptor): Promise<Readable>;

  async readJson<T>(descriptor: Descriptor): Promise<T> {
    const cap = descriptor.mediaType.includes('config') ? MAX_CONFIG_BYTES : MAX_MANIFEST_BYTES;
    return parseJson<T>(await readBlob(this, descriptor, cap, this.label, descriptor.mediaType), this.label, descriptor.mediaType);
  }

  /** Wraps raw blob bytes in a stream that fails on a digest or size mismatch. */
  protected verified(stream: Readable, descriptor: Descriptor, what = 'blob'): Readable {
    return chain(stream, [new DigestVerifier({ label: this.label, what, digest: descriptor.digest, size: descriptor.size })], this.label, `${what} ${shortDigest(descriptor.digest)}`);
  }
}

export interface ImageParts {
  ref: string;
  transport: Transport;
  /** Names the image in messages. */
  label: string;
  blobs: BlobStore;
  manifest: ImageManifest;
  rawManifest?: Buffer;
  manifestDigest?: string;
  indexDigest?: string;
  /** Config bytes when the source already read them (a classic docker save archive); read from `blobs` otherwise. */
  rawConfig?: Buffer;
  /** Layer compressions a source sniffed itself (a docker save archive has no media types to go by). */
  compressions?: Compression[];
  close(): Promise<void>;
}

export function checkConfig(config: unknown, layerCount: number, label: string): ImageConfig {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new InputError(`${label}: image config is not a JSON object`);
  const { rootfs } = config as ImageConfig;
  if (!rootfs || !Array.isArray(rootfs.diff_ids)) throw new InputError(`${label}: image config has no rootfs.diff_ids`);
  for (const diffId of rootfs.diff_ids) {
    if (typeof diffId !== 'string' || !parseDigest(diffId)) throw new InputError(`${label}: image config has an invalid diff_id ${JSON.stringify(diffId)}`);
  }
  if (rootfs.diff_ids.length !== layerCount) {
    throw new InputError(`${label}: the manifest lists ${layerCount} layers but the config has ${rootfs.diff_ids.length} diff_ids`);
  }
  return config as ImageConfig;
}

/** Assembles the one Image shape from what a source knows: a manifest and a store of its blobs. */
export async function assembleImage(parts: ImageParts): Promise<Image> {
  const { label, blobs, manifest } = parts;
  const rawConfig = parts.rawConfig ?? (await readBlob(blobs, manifest.config, MAX_CONFIG_BYTES, label, 'image config'));
  const config = checkConfig(parseJson<unknown>(rawConfig, label, 'image config'), manifest.layers.length, label);
  const layers = manifest.layers.map((descriptor, i) => {
    const compression = parts.compressions?.[i] ?? compressionOfMediaType(descriptor.mediaType);
    if (compression === undefined) {
      throw new InputError(`${label}: layer ${i} (${shortDigest(descriptor.digest)}) has an unsupported media type ${descriptor.mediaType}`);
    }
    return makeLayer(blobs, descriptor, config.rootfs!.diff_ids[i]!, compression, label);
  });
  const image: Image = {
    ref: parts.ref,
    transport: parts.transport,
    manifest,
    configDigest: manifest.config.digest,
    config,
    rawConfig,
    layers,
    close: parts.close,
  };
  if (parts.manifestDigest !== undefined) image.manifestDigest = parts.manifestDigest;
  if (parts.rawManifest !== undefined) image.rawManifest = parts.rawManifest;
  if (parts.indexDigest !== undefined) image.indexDigest = parts.indexDigest;
  return image;
}

function makeLayer(blobs: BlobStore, descriptor: Descriptor, diffId: string, compression: Compression, label: string): Layer {
  const what = `layer ${shortDigest(descriptor.digest)}`;
  return {
    digest: descriptor.digest,
    diffId,
    mediaType: descriptor.mediaType,
    compression,
    size: descriptor.size,
    openStored: () => blobs.open(descriptor),
    async openTar() {
      const stored = await blobs.open(descriptor);
      const stages = [checkMagic(compression, () => `${label}: ${what}`)];
      const decompress = decompressor(compression);
      if (decompress) stages.push(decompress);
      // an uncompressed blob stored under its diffID was verified as it was read
      if (compression !== 'none' || descriptor.digest !== diffId) {
        stages.push(new DigestVerifier({ label, what: `${what} (uncompressed)`, digest: diffId }));
      }
      return chain(stored, stages, label, what);
    },
  };
}

