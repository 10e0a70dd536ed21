import { createHash } from 'node:crypto';
import { InputError } from '../../core/errors.js';
import { escapeForTerminal } from '../../core/terminal-text.js';
import { digestOf, parseDigest, shortDigest } from '../blob/digest.js';
import { compressionOfMagic, MAGIC_LENGTH } from '../blob/decompress.js';
import { MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES, parseJson } from '../blob/stream.js';
import type { Compression, Descriptor, Image, ImageManifest, Platform, Transport } from '../types.js';
import { ArchiveFiles } from './files.js';
import { assembleImage, readBlob, VerifyingBlobStore } from './image.js';
import { MediaTypes, parseManifestDocument } from './manifest.js';
import { LayoutBlobStore, openLayoutImage, readLayoutIndex } from './oci-layout.js';
import { normaliseRegistryReference } from './registry/reference.js';
import { TarArchive, type TarMember } from './tar-archive.js';

/** One image in a `docker save` archive's manifest.json. */
interface SavedImage {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

const LAYER_MEDIA_TYPES: Record<Compression, string> = {
  none: MediaTypes.dockerLayer,
  gzip: MediaTypes.dockerLayerGzip,
  zstd: MediaTypes.dockerLayerZstd,
};

/** Blobs of a classic docker save archive: files named anything, found by the digest they were indexed under. */
class ArchiveBlobStore extends VerifyingBlobStore {
  constructor(
    private readonly archive: TarArchive,
    private readonly members: Map<string, TarMember>,
    label: string,
  ) {
    super(label);
  }

  async open(descriptor: Descriptor) {
    const member = this.members.get(descriptor.digest);
    if (!member) throw new InputError(`${this.label}: blob ${shortDigest(descriptor.digest)} is not in the archive`);
    return this.verified(this.archive.stream(member), descriptor);
  }
}

function parseSavedImages(bytes: Buffer, label: string): SavedImage[] {
  const entries = parseJson<unknown>(bytes, label, 'manifest.json');
  const valid =
    Array.isArray(entries) &&
    entries.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof entry.Config === 'string' &&
        Array.isArray(entry.Layers) &&
        entry.Layers.every((layer: unknown) => typeof layer === 'string'),
    );
  if (!valid) throw new InputError(`${label}: manifest.json is not a docker save manifest`);
  return entries as SavedImage[];
}

function describeSaved(entry: SavedImage, i: number): string {
  const tags = entry.RepoTags?.length ? entry.RepoTags.join(' ') : 'untagged';
  return `@${i} ${tags}`;
}

/** Picks an image by `name:tag` or `@N`; an archive of several images needs one. */
function selectSaved(entries: SavedImage[], selector: string | undefined, label: string): SavedImage {
  if (entries.length === 0) throw new InputError(`${label}: the archive holds no images`);
  if (selector === undefined || selector === '') {
    if (entries.length === 1) return entries[0]!;
    throw new InputError(`${label}: the archive holds ${entries.length} images; add :NAME:TAG or :@N to pick one (${entries.map(describeSaved).join(', ')})`);
  }
  const position = /^@(\d+)$/.exec(selector);
  if (position) {
    const entry = entries[Number(position[1])];
    if (!entry) throw new InputError(`${label}: no image @${position[1]} (the archive holds ${entries.length})`);
    return entry;
  }
  const wanted = normaliseRegistryReference(selector);
  if (wanted === undefined) throw new InputError(`${label}: invalid image name ${JSON.stringify(selector)}`);
  const found = entries.find((entry) => entry.RepoTags?.some((tag) => normaliseRegistryReference(tag) === wanted));
  if (!found) throw new InputError(`${label}: no image named ${selector} (${entries.map(describeSaved).join(', ')})`);
  return found;
}

/** Docker 25+ archives keep each image's OCI manifest: find the one whose config the manifest.json entry names. */
async function findOciManifest(files: ArchiveFiles, configDigest: string, label: string): Promise<Descriptor | undefined> {
  const blobs = new LayoutBlobStore(files, label);
  let pending = (await readLayoutIndex(files)).manifests;
  for (let depth = 0; depth < 4 && pending.length > 0; depth++) {
    const next: Descriptor[] = [];
    for (const descriptor of pending) {
      // indexes saved from the containerd store list platforms whose blobs were never pulled
      if (!(await files.head(LayoutBlobStore.path(descriptor.digest, label), 1))) continue;
      const document = parseManifestDocument(await readBlob(blobs, descriptor, MAX_MANIFEST_BYTES, label, 'manifest'), descriptor.mediaType, label);
      if (document.kind === 'index') next.push(...document.index.manifests);
      else if (document.manifest.config.digest === configDigest) return descriptor;
    }
    pending = next;
  }
  return undefined;
}

export interface DockerArchiveOptions {
  transport?: Transport;
  /** Runs after the archive is closed (the daemon source deletes its spool file here). */
  onClose?: () => Promise<void>;
}

/**
 * `docker-archive:PATH[:NAME:TAG|:@N]`: a `docker save` tarball, classic (manifest.json, `<id>/layer.tar`
 * symlinks, uncompressed layers) or Docker 25+ (the same manifest.json over an OCI layout's blobs).
 */
export async function openDockerArchive(
  ref: string,
  path: string,
  selector: string | undefined,
  platform: Platform,
  options: DockerArchiveOptions = {},
): Promise<Image> {
  const transport = options.transport ?? 'docker-archive';
  const label = ref;
  const archive = await TarArchive.open(path, label);
  const files = new ArchiveFiles(archive, label);
  const close = async () => {
    await archive.close();
    await options.onClose?.();
  };
  try {
    const manifestJson = await files.read('manifest.json', MAX_MANIFEST_BYTES);
    if (!manifestJson) {
      if (archive.resolve('index.json')) throw new InputError(`${label}: has no manifest.json; it looks like an OCI archive (use oci-archive:${path})`);
      throw new InputError(`${label}: not a docker save archive (no manifest.json)`);
    }
    const saved = selectSaved(parseSavedImages(manifestJson, label), selector, label);

    const blobConfig = /^(?:\.\/)?blobs\/(sha256|sha512)\/([a-f0-9]+)$/.exec(saved.Config);
    if (blobConfig && archive.resolve('index.json')) {
      const entry = await findOciManifest(files, `${blobConfig[1]}:${blobConfig[2]}`, label);
      if (entry) {
        const image = await openLayoutImage({ ref, transport, files, platform, entry });
        image.close = close;
        return image;
      }
    }
    return await openClassic(archive, saved, { ref, transport, label, close });
  } catch (error) {
    await close();
    throw error;
  }
}

async function openClassic(
  archive: TarArchive,
  saved: SavedImage,
  context: { ref: string; transport: Transport; label: string; close: () => Promise<void> },
): Promise<Image> {
  const { label } = context;
  const configMember = archive.resolve(saved.Config);
  if (!configMember || configMember.type !== 'file') throw new InputError(`${label}: config ${escapeForTerminal(saved.Config)} is missing from the archive`);
  const rawConfig = await archive.read(configMember, MAX_CONFIG_BYTES, label);
  const configDigest = digestOf(rawConfig);
  // the classic layout names the config after its digest: check the name against the bytes
  const named = /([a-f0-9]{64})(?:\.json)?$/.exec(saved.Config);
  if (named && parseDigest(`sha256:${named[1]}`) && `sha256:${named[1]}` !== configDigest) {
    throw new InputError(`${label}: config ${escapeForTerminal(saved.Config)} does not match its digest (got ${configDigest})`);
  }
  const config = parseJson<{ rootfs?: { diff_ids?: unknown } }>(rawConfig, label, 'image config');
  const diffIds = Array.isArray(config.rootfs?.diff_ids) ? (config.rootfs.diff_ids as unknown[]) : [];

  const members = new Map<string, TarMember>();
  const layers: Descriptor[] = [];
  const compressions: Compression[] = [];
  for (const [i, layerPath] of saved.Layers.entries()) {
    const member = archive.resolve(layerPath);
    if (!member || member.type !== 'file') throw new InputError(`${label}: layer ${escapeForTerminal(layerPath)} is missing from the archive`);
    const compression = compressionOfMagic(await archive.readHead(member, MAGIC_LENGTH));
    const diffId = diffIds[i];
    // an uncompressed layer's digest is its diffID; a compressed one (rare in these archives) must be hashed
    const digest = compression === 'none' && typeof diffId === 'string' ? diffId : await hashMember(archive, member);
    members.set(digest, member);
    layers.push({ mediaType: LAYER_MEDIA_TYPES[compression], digest, size: member.size });
    compressions.push(compression);
  }
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaTypes.dockerManifest,
    config: { mediaType: MediaTypes.dockerConfig, digest: configDigest, size: rawConfig.length },
    layers,
  };
  members.set(configDigest, configMember);
  return assembleImage({
    ...context,
    blobs: new ArchiveBlobStore(archive, members, label),
    manifest,
    rawConfig,
    compressions,
  });
}

async function hashMember(archive: TarArchive, member: TarMember): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of archive.stream(member)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}
