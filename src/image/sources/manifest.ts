import { InputError } from '../../core/errors.js';
import { parseDigest, shortDigest } from '../blob/digest.js';
import { parseJson } from '../blob/stream.js';
import type { Descriptor, ImageManifest, Platform } from '../types.js';

export const MediaTypes = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerLayerZstd: 'application/vnd.docker.image.rootfs.diff.tar.zstd',
} as const;

/** Every manifest request carries all of these: registries 404 or down-convert to schema 1 otherwise. */
export const MANIFEST_ACCEPT = [
  MediaTypes.ociIndex,
  MediaTypes.dockerManifestList,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifest,
].join(', ');

export interface ImageIndex {
  mediaType: string;
  manifests: Descriptor[];
}

export type ManifestDocument = { kind: 'index'; index: ImageIndex } | { kind: 'manifest'; manifest: ImageManifest };

const INDEX_TYPES = new Set<string>([MediaTypes.ociIndex, MediaTypes.dockerManifestList]);
const MANIFEST_TYPES = new Set<string>([MediaTypes.ociManifest, MediaTypes.dockerManifest]);
const CONFIG_TYPES = new Set<string>([MediaTypes.ociConfig, MediaTypes.dockerConfig]);

export function isIndexMediaType(mediaType: string): boolean {
  return INDEX_TYPES.has(mediaType);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkDescriptor(value: unknown, label: string, what: string): Descriptor {
  if (!isRecord(value)) throw new InputError(`${label}: ${what} is not a descriptor object`);
  const { mediaType, digest, size } = value;
  if (typeof digest !== 'string' || !parseDigest(digest)) throw new InputError(`${label}: ${what} has an invalid digest ${JSON.stringify(digest)}`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw new InputError(`${label}: ${what} ${shortDigest(digest)} has an invalid size ${JSON.stringify(size)}`);
  }
  if (typeof mediaType !== 'string') throw new InputError(`${label}: ${what} ${shortDigest(digest)} has no media type`);
  return value as unknown as Descriptor;
}

/**
 * Parses a manifest or index, whichever the bytes are. `contentType` is what the server or the referring
 * descriptor said; the document's own mediaType wins when present. Schema 1 is refused.
 */
export function parseManifestDocument(bytes: Buffer, contentType: string | undefined, label: string): ManifestDocument {
  const document = parseJson<unknown>(bytes, label, 'manifest');
  if (!isRecord(document)) throw new InputError(`${label}: manifest is not a JSON object`);
  const declared = typeof document.mediaType === 'string' ? document.mediaType : contentType?.split(';')[0]?.trim();
  if (document.schemaVersion === 1 || declared === MediaTypes.dockerSchema1 || declared === MediaTypes.dockerSchema1Signed) {
    throw new InputError(`${label}: Docker schema 1 manifests are not supported (push the image again with a current client)`);
  }
  if (document.schemaVersion !== 2) throw new InputError(`${label}: unsupported manifest schemaVersion ${JSON.stringify(document.schemaVersion)}`);
  if (Array.isArray(document.manifests) || (declared !== undefined && INDEX_TYPES.has(declared))) {
    if (!Array.isArray(document.manifests)) throw new InputError(`${label}: index has no manifests`);
    const manifests = document.manifests.map((entry, i) => checkDescriptor(entry, label, `index entry ${i}`));
    return { kind: 'index', index: { mediaType: declared ?? MediaTypes.ociIndex, manifests } };
  }
  if (declared !== undefined && !MANIFEST_TYPES.has(declared) && declared !== 'application/json') {
    throw new InputError(`${label}: unsupported manifest media type ${declared}`);
  }
  if (!isRecord(document.config) || !Array.isArray(document.layers)) {
    throw new InputError(`${label}: manifest has no config or layers`);
  }
  const config = checkDescriptor(document.config, label, 'config descriptor');
  if (!CONFIG_TYPES.has(config.mediaType)) {
    throw new InputError(`${label}: not a container image (its config is ${config.mediaType})`);
  }
  const layers = document.layers.map((layer, i) => checkDescriptor(layer, label, `layer ${i}`));
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: declared !== undefined && MANIFEST_TYPES.has(declared) ? declared : MediaTypes.ociManifest,
    config,
    layers,
  };
  if (isRecord(document.annotations)) manifest.annotations = document.annotations as Record<string, string>;
  return { kind: 'manifest', manifest };
}

const NODE_ARCHITECTURES: Record<string, Platform> = {
  x64: { os: 'linux', architecture: 'amd64' },
  arm64: { os: 'linux', architecture: 'arm64', variant: 'v8' },
  arm: { os: 'linux', architecture: 'arm', variant: 'v7' },
  ia32: { os: 'linux', architecture: '386' },
  ppc64: { os: 'linux', architecture: 'ppc64le' },
  s390x: { os: 'linux', architecture: 's390x' },
  riscv64: { os: 'linux', architecture: 'riscv64' },
};

/** The platform to pick from an index when none is asked for: Linux on this machine's CPU (else linux/amd64). */
export function hostPlatform(): Platform {
  return NODE_ARCHITECTURES[process.arch] ?? { os: 'linux', architecture: 'amd64' };
}

export function parsePlatform(text: string): Platform {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^[a-z0-9_.-]+$/i.test(part))) {
    throw new InputError(`invalid platform ${JSON.stringify(text)} (expected os/arch or os/arch/variant, e.g. linux/arm64/v8)`);
  }
  const [os, architecture, variant] = parts as [string, string, string?];
  return { os, architecture, ...(variant !== undefined && { variant }) };
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}

function variantOf(platform: Platform): string | undefined {
  // arm64 images are v8 unless they say otherwise; Docker treats the two spellings as one
  return platform.variant ?? (platform.architecture === 'arm64' ? 'v8' : undefined);
}

function matches(candidate: Platform, wanted: Platform): boolean {
  if (candidate.os !== wanted.os || candidate.architecture !== wanted.architecture) return false;
  return wanted.variant === undefined || variantOf(candidate) === variantOf(wanted);
}

/** Entries that are images for a platform (not attestations or other artifacts). */
function platformEntries(index: ImageIndex): Descriptor[] {
  return index.manifests.filter((entry) => entry.platform && entry.platform.os !== 'unknown' && entry.platform.architecture !== 'unknown');
}

/** Picks the manifest for `wanted` from an index; an index of one unlabelled manifest yields that one. */
export function selectPlatform(index: ImageIndex, wanted: Platform, label: string): Descriptor {
  const candidates = platformEntries(index);
  if (candidates.length === 0 && index.manifests.length === 1) return index.manifests[0]!;
  const found = candidates.find((entry) => matches(entry.platform!, wanted));
  if (found) return found;
  const available = candidates.map((entry) => formatPlatform(entry.platform!));
  throw new InputError(
    `${label}: platform ${formatPlatform(wanted)} is not in the index (available: ${available.length ? available.join(', ') : 'none'}); choose one with --platform`,
  );
}
