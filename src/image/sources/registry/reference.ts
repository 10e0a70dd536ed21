import { InputError } from '../../../core/errors.js';
import { parseDigest } from '../../blob/digest.js';

/** A registry image reference, normalised the way Docker does it. */
export interface RegistryReference {
  /** The registry as named in the reference (`docker.io` for Docker Hub). */
  domain: string;
  /** The host:port to talk to (`registry-1.docker.io` for Docker Hub). */
  registry: string;
  /** Repository path inside the registry, e.g. `library/node`. */
  repository: string;
  tag?: string;
  digest?: string;
}

export const DOCKER_HUB_DOMAIN = 'docker.io';
export const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** True when the first path component names a registry host rather than a Docker Hub namespace. */
function isDomain(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost' || component !== component.toLowerCase();
}

/**
 * Parses `[HOST[:PORT]/]REPO[:TAG][@DIGEST]` with Docker's rules: no host means Docker Hub, and a single-component
 * Docker Hub name lives under `library/`. Without a tag or digest the tag is `latest`.
 */
export function parseRegistryReference(text: string, label = text): RegistryReference {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!parseDigest(digest)) throw new InputError(`${label}: invalid digest ${JSON.stringify(digest)}`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new InputError(`${label}: invalid tag ${JSON.stringify(tag)}`);
  }
  const slash = rest.indexOf('/');
  let domain = DOCKER_HUB_DOMAIN;
  let repository = rest;
  if (slash >= 0 && isDomain(rest.slice(0, slash))) {
    domain = rest.slice(0, slash);
    repository = rest.slice(slash + 1);
  }
  if (repository === '' || !repository.split('/').every((part) => COMPONENT.test(part))) {
    throw new InputError(`${label}: invalid image reference (repository names are lowercase letters, digits and separators)`);
  }
  if (domain === 'index.docker.io') domain = DOCKER_HUB_DOMAIN;
  if (domain === DOCKER_HUB_DOMAIN && !repository.includes('/')) repository = `library/${repository}`;
  if (tag === undefined && digest === undefined) tag = 'latest';
  const registry = domain === DOCKER_HUB_DOMAIN ? DOCKER_HUB_REGISTRY : domain;
  return { domain, registry, repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

/** `domain/repository:tag@digest`, the fully qualified form (`docker.io/library/node:20`). */
export function formatRegistryReference(reference: RegistryReference): string {
  return `${reference.domain}/${reference.repository}${reference.tag !== undefined ? `:${reference.tag}` : ''}${reference.digest !== undefined ? `@${reference.digest}` : ''}`;
}

/** The fully qualified form of a name, or undefined when it is not a valid reference. */
export function normaliseRegistryReference(text: string): string | undefined {
  try {
    return formatRegistryReference(parseRegistryReference(text));
  } catch {
    return undefined;
  }
}
