import { InputError } from '../../core/errors.js';
import { digestOf, requireDigest, shortDigest } from '../blob/digest.js';
import { MAX_CONFIG_BYTES, MAX_MANIFEST_BYTES, parseJson } from '../blob/stream.js';
import type { Descriptor, Image, Platform, Transport } from '../types.js';
import { ArchiveFiles, DirectoryFiles, isDirectory, type LayoutFiles } from './files.js';
import { assembleImage, readBlob, VerifyingBlobStore } from './image.js';
import { checkDescriptor, formatPlatform, parseManifestDocument, selectPlatform, type ImageIndex } from './manifest.js';
import { normaliseRegistryReference } from './registry/reference.js';
import { TarArchive } from './tar-archive.js';

export const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';

/** Blobs at `blobs/<algorithm>/<hex>` of an OCI image layout. */
export class LayoutBlobStore extends VerifyingBlobStore {
  constructor(
    private readonly files: LayoutFiles,
    label: string,
  ) {
    super(label);
  }

  static path(digest: string, label: string): string {
    const { algorithm, hex } = requireDigest(digest, label);
    return `blobs/${algorithm}/${hex}`;
  }

  async open(descriptor: Descriptor) {
    const opened = await this.files.open(LayoutBlobStore.path(descriptor.digest, this.label));
    if (!opened) throw new InputError(`${this.label}: blob ${shortDigest(descriptor.digest)} is missing`);
    if (opened.size !== descriptor.size) {
      opened.stream.destroy();
      throw new InputError(`${this.label}: blob ${shortDigest(descriptor.digest)} is ${opened.size} bytes, its descriptor says ${descriptor.size}`);
    }
    return this.verified(opened.stream, descriptor);
  }
}

export async function readLayoutIndex(files: LayoutFiles): Promise<ImageIndex> {
  const label = files.label;
  const bytes = await files.read('index.json', MAX_CONFIG_BYTES);
  if (!bytes) throw new InputError(`${label}: not an OCI image layout (no index.json)`);
  const document = parseJson<{ manifests?: unknown }>(bytes, label, 'index.json');
  if (!Array.isArray(document.manifests)) throw new InputError(`${label}: index.json has no manifests`);
  return { mediaType: 'application/vnd.oci.image.index.v1+json', manifests: document.manifests.map((entry, i) => checkDescriptor(entry, label, `index.json entry ${i}`)) };
}

function describeEntry(entry: Descriptor, i: number): string {
  const name = entry.annotations?.[REF_NAME] ?? entry.annotations?.[CONTAINERD_NAME];
  return name !== undefined ? name : `@${i}`;
}

/** Picks an index.json entry by ref name (or `@N`); with no selector the layout must hold exactly one. */
export function selectLayoutEntry(index: ImageIndex, selector: string | undefined, label: string): Descriptor {
  const entries = index.manifests;
  if (entries.length === 0) throw new InputError(`${label}: the layout holds no images`);
  if (selector === undefined || selector === '') {
    if (entries.length === 1) return entries[0]!;
    throw new InputError(`${label}: the layout holds ${entries.length} images; name one (${entries.map(describeEntry).join(', ')})`);
  }
  const position = /^@(\d+)$/.exec(selector);
  if (position) {
    const entry = entries[Number(position[1])];
    if (!entry) throw new InputError(`${label}: no image @${position[1]} (the layout holds ${entries.length})`);
    return entry;
  }
  const wanted = normaliseRegistryReference(selector);
  const found = entries.find((entry) => {
    const refName = entry.annotations?.[REF_NAME];
    const fullName = entry.annotations?.[CONTAINERD_NAME];
    return refName === selector || fullName === selector || (wanted !== undefined && fullName !== undefined && normaliseRegistryReference(fullName) === wanted);
  });
  if (!found) throw new InputError(`${label}: no image tagged ${selector} (available: ${entries.map(describeEntry).join(', ')})`);
  return found;
}

export interface LayoutImageOptions {
  ref: string;
  transport: Transport;
  files: LayoutFiles;
  platform: Platform;
  /** The entry to open (an image manifest or an index to pick the platform from). */
  entry: Descriptor;
}

/** Opens the image an OCI layout entry names, going through nested indexes by platform. */
export async function openLayoutImage(options: LayoutImageOptions): Promise<Image> {
  const { files, platform } = options;
  const label = files.label;
  const blobs = new LayoutBlobStore(files, label);
  let descriptor = options.entry;
  let indexDigest: string | undefined;
  for (let depth = 0; depth < 4; depth++) {
    const raw = await readBlob(blobs, descriptor, MAX_MANIFEST_BYTES, label, `manifest ${shortDigest(descriptor.digest)}`);
    const document = parseManifestDocument(raw, descriptor.mediaType, label);
    if (document.kind === 'manifest') {
      return assembleImage({
        ref: options.ref,
        transport: options.transport,
        label,
        blobs,
        manifest: document.manifest,
        rawManifest: raw,
        manifestDigest: digestOf(raw, requireDigest(descriptor.digest, label).algorithm),
        ...(indexDigest !== undefined && { indexDigest }),
        close: () => files.close(),
      });
    }
    indexDigest = descriptor.digest;
    descriptor = selectPlatform(document.index, platform, label);
  }
  throw new InputError(`${label}: indexes nested too deeply looking for ${formatPlatform(platform)}`);
}

async function openLayout(files: LayoutFiles, ref: string, transport: Transport, selector: string | undefined, platform: Platform): Promise<Image> {
  try {
    const layoutFile = await files.read('oci-layout', 4096);
    if (!layoutFile) throw new InputError(`${files.label}: not an OCI image layout (no oci-layout file)`);
    const entry = selectLayoutEntry(await readLayoutIndex(files), selector, files.label);
    return await openLayoutImage({ ref, transport, files, platform, entry });
  } catch (error) {
    await files.close();
    throw error;
  }
}

/** `oci:DIR[:REF]`: an OCI image layout directory. */
export async function openOciDirectory(ref: string, dir: string, selector: string | undefined, platform: Platform): Promise<Image> {
  if (!(await isDirectory(dir))) throw new InputError(`${ref}: no such directory ${dir}`);
  return openLayout(new DirectoryFiles(dir, ref), ref, 'oci', selector, platform);
}

/** `oci-archive:PATH[:REF]`: an OCI image layout inside a tar, read by offset. */
export async function openOciArchive(ref: string, path: string, selector: string | undefined, platform: Platform): Promise<Image> {
  const archive = await TarArchive.open(path, ref);
  return openLayout(new ArchiveFiles(archive, ref), ref, 'oci-archive', selector, platform);
}
