import { hostPlatform } from './sources/manifest.js';
import { parseRegistryReference } from './sources/registry/reference.js';
import { RegistryClient } from './sources/registry/registry.js';

export interface ResolveOptions {
  /** Plain HTTP (or HTTPS without certificate checks) for the registry. */
  insecure?: boolean;
  /** A Docker config.json (or its directory) for credentials. */
  dockerConfig?: string;
  /** See `OpenImageOptions.timeoutMs`. */
  timeoutMs?: number;
}

/**
 * The digest a tag points to now: of the index for a multi-platform image, so a pin keeps working on
 * every platform. Asks the registry for the manifest and checks the served bytes against their digest.
 */
export async function resolveDigest(ref: string, options: ResolveOptions = {}): Promise<string> {
  const reference = parseRegistryReference(ref);
  if (reference.digest) return reference.digest;
  const client = new RegistryClient(reference, ref, { platform: hostPlatform(), ...options });
  try {
    const { digest } = await client.manifest(reference.tag ?? 'latest');
    return digest;
  } finally {
    client.close();
  }
}
