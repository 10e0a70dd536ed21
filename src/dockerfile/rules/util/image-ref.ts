// Image references as Docker normalises them (distribution/reference): `[domain/]path[:tag][@digest]`, where
// the first path component is a registry domain only when it has a `.` or `:` or is `localhost`, and a
// reference without one is on Docker Hub (`docker.io`, official images under `library/`).

export interface ImageRef {
  /** The registry host as written, if any. */
  domainText?: string;
  /** The registry host, lower-cased, `docker.io` when implied (Docker Hub's aliases folded into it). */
  domain: string;
  /** The repository path as written, without domain. */
  path: string;
  /** The repository path as Docker normalises it (`node` → `library/node` on Docker Hub). */
  repository: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com']);

export const DOCKER_HUB = 'docker.io';

/**
 * Parses an image reference as a Dockerfile writes it, leniently (pulling uses the strict `parseRegistryReference`);
 * undefined for text that cannot be one (empty, whitespace, empty components).
 */
export function parseImageRef(text: string): ImageRef | undefined {
  if (text === '' || /\s/.test(text)) return undefined;
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (digest === '') return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '') return undefined;
  }
  let domainText: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      domainText = first;
      rest = rest.slice(slash + 1);
    }
  }
  if (rest === '' || rest.split('/').some((part) => part === '')) return undefined;
  const lowerDomain = domainText?.toLowerCase();
  const domain = lowerDomain === undefined || DOCKER_HUB_ALIASES.has(lowerDomain) ? DOCKER_HUB : lowerDomain;
  const repository = domain === DOCKER_HUB && !rest.includes('/') ? `library/${rest}` : rest;
  const ref: ImageRef = { domain, path: rest, repository };
  if (domainText !== undefined) ref.domainText = domainText;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** The name of a Docker Hub official image (`node` for `node`, `library/node`, `docker.io/library/node`). */
export function officialImageName(ref: ImageRef): string | undefined {
  if (ref.domain !== DOCKER_HUB || !ref.repository.startsWith('library/')) return undefined;
  return ref.repository.slice('library/'.length).toLowerCase();
}

/** The reference as text again, with another tag (the digest is dropped: it pins the old tag's content). */
export function withTag(ref: ImageRef, tag: string): string {
  return `${ref.domainText !== undefined ? `${ref.domainText}/` : ''}${ref.path}:${tag}`;
}

export function isScratch(text: string): boolean {
  return text.toLowerCase() === 'scratch';
}
