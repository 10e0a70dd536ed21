import { existsSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { openDaemonImage } from './sources/docker-daemon.js';
import { openDockerArchive } from './sources/docker-archive.js';
import { hostPlatform, parsePlatform } from './sources/manifest.js';
import { openOciArchive, openOciDirectory } from './sources/oci-layout.js';
import type { TokenCache } from './sources/registry/auth.js';
import type { Credentials } from './sources/registry/docker-config.js';
import type { RetryPolicy } from './sources/registry/http.js';
import { parseRegistryReference } from './sources/registry/reference.js';
import { openRegistryImage } from './sources/registry/registry.js';
import type { Image, Platform, Transport } from './types.js';

export interface OpenImageOptions {
  /** `os/arch[/variant]` (or a Platform) to pick from a multi-platform index; default Linux on this CPU. */
  platform?: string | Platform;
  /** Registries: plain HTTP, or HTTPS without certificate checks. */
  insecure?: boolean;
  /** Registries: a Docker config.json (or its directory) for credentials, instead of $DOCKER_CONFIG / ~/.docker. */
  dockerConfig?: string;
  /** Registries: credentials that win over the Docker config. */
  credentials?: Credentials;
  /** Registries: retry policy for 429/5xx and dropped connections. */
  retry?: Partial<RetryPolicy>;
  /**
   * Registries: how long a request may wait for its response, tries included (default 60 s), and the time in which a
   * body must bring 64 KiB while it is read; a dead or trickling registry fails within it.
   */
  timeoutMs?: number;
  /** Registries: bearer tokens to reuse across opens. */
  tokenCache?: TokenCache;
  /** docker-daemon: the Engine API endpoint, instead of $DOCKER_HOST / unix:///var/run/docker.sock. */
  dockerHost?: string;
  /** docker-daemon: where the saved image is spooled while open. */
  tempDir?: string;
}

export interface ImageSource {
  transport: Transport;
  /** The file, directory, registry reference or daemon image name. */
  target: string;
  /** The image inside an archive or layout: `name:tag`, a ref name, or `@N`. */
  selector?: string;
}

const TRANSPORTS: Transport[] = ['docker-archive', 'oci-archive', 'oci', 'docker-daemon'];
/** skopeo transports this tool cannot read, named so the error says so rather than "invalid reference". */
const UNSUPPORTED = ['containers-storage', 'dir', 'ostree', 'sif', 'tarball'];

/** `PATH[:SELECTOR]`, where PATH may itself contain colons when such a file exists. */
function splitPath(rest: string): { target: string; selector?: string } {
  const colon = rest.indexOf(':');
  if (colon < 0 || existsSync(rest)) return { target: rest };
  return { target: rest.slice(0, colon), selector: rest.slice(colon + 1) };
}

/** Splits a reference into its transport and what follows, in skopeo's syntax; a bare name is a registry. */
export function parseImageSource(ref: string): ImageSource {
  if (ref.trim() === '') throw new InputError('empty image reference');
  if (ref.startsWith('docker://')) return { transport: 'docker', target: ref.slice('docker://'.length) };
  for (const transport of TRANSPORTS) {
    if (ref.startsWith(`${transport}:`)) {
      const rest = ref.slice(transport.length + 1);
      if (rest === '') throw new InputError(`${ref}: missing ${transport === 'docker-daemon' ? 'image name' : 'path'} after ${transport}:`);
      if (transport === 'docker-daemon') return { transport, target: rest };
      return { transport, ...splitPath(rest) };
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(ref);
  if (scheme) throw new InputError(`${ref}: unknown transport ${scheme[1]}:// (use docker://, docker-archive:, oci:, oci-archive: or docker-daemon:)`);
  const prefix = /^([a-z-]+):/.exec(ref);
  if (prefix && UNSUPPORTED.includes(prefix[1]!)) {
    throw new InputError(`${ref}: the ${prefix[1]} transport is not supported (use docker://, docker-archive:, oci:, oci-archive: or docker-daemon:)`);
  }
  try {
    parseRegistryReference(ref);
  } catch {
    const hint = existsSync(ref) ? ` (to read a file, write docker-archive:${ref} or oci-archive:${ref})` : '';
    throw new InputError(`${ref}: unknown transport or invalid image reference${hint}`);
  }
  return { transport: 'docker', target: ref };
}

/**
 * Opens an image from any source behind the one Image interface:
 * `docker-archive:PATH[:NAME:TAG|:@N]`, `oci:DIR[:REF]`, `oci-archive:PATH[:REF]`, `docker://HOST/REPO:TAG|@DIGEST`
 * (or a bare `HOST/REPO:TAG`, `name:tag` meaning Docker Hub), `docker-daemon:NAME`. Close the image when done.
 */
export async function openImage(ref: string, options: OpenImageOptions = {}): Promise<Image> {
  const parsed = parseImageSource(ref);
  const platform = typeof options.platform === 'string' ? parsePlatform(options.platform) : options.platform ?? hostPlatform();
  switch (parsed.transport) {
    case 'docker-archive':
      return openDockerArchive(ref, parsed.target, parsed.selector, platform);
    case 'oci':
      return openOciDirectory(ref, parsed.target, parsed.selector, platform);
    case 'oci-archive':
      return openOciArchive(ref, parsed.target, parsed.selector, platform);
    case 'docker-daemon':
      return openDaemonImage(ref, parsed.target, platform, {
        ...(options.dockerHost !== undefined && { dockerHost: options.dockerHost }),
        ...(options.tempDir !== undefined && { tempDir: options.tempDir }),
      });
    case 'docker': {
      const reference = parseRegistryReference(parsed.target, ref);
      const { platform: _, ...rest } = options;
      return openRegistryImage(ref, reference, { ...rest, platform });
    }
  }
}

export type { Image, Layer, ImageConfig, ImageManifest, Descriptor, Platform, Transport, Compression, BlobStore } from './types.js';
export { validateImage, ImageValidationError } from './validate.js';
export { parseRegistryReference, formatRegistryReference } from './sources/registry/reference.js';
export type { RegistryReference } from './sources/registry/reference.js';
export { parsePlatform, formatPlatform, hostPlatform, MediaTypes } from './sources/manifest.js';
export { TokenCache } from './sources/registry/auth.js';
export type { Credentials } from './sources/registry/docker-config.js';
export type { RetryPolicy } from './sources/registry/http.js';
export { DEFAULT_TIMEOUT_MS } from './sources/registry/http.js';
