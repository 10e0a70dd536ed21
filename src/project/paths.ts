// Paths as projects write them, joined to the directory they are relative to; a written value the reader could
// not resolve stays as written.

import { realpathSync } from 'node:fs';
import { isAbsolute, join, normalize, resolve, sep } from 'node:path';
import { isUnresolved, type Unresolved } from './types.js';

export type Written = string | Unresolved;

/** A remote context: a Git or HTTP URL, an image, or another build (`service:`, `target:`); not a directory here. */
export function isRemoteContext(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || /^git@/.test(path) || /^(service|target|docker-image|oci-layout):/.test(path);
}

/** `path` joined to `base` (kept when absolute); unresolved when either is. */
export function joinWritten(base: Written, path: Written): Written {
  if (isUnresolved(path)) return path;
  if (isAbsolute(path)) return normalize(path);
  if (isUnresolved(base)) return { unresolved: `${base.unresolved}/${path}` };
  return join(base, path);
}

/** The written value as text, for messages. */
export function writtenText(value: Written): string {
  return isUnresolved(value) ? value.unresolved : value;
}

/**
 * Whether `path` is inside `root` once links are followed: a project's files may name anything, and a Dockerfile
 * or a context outside the project is not read on its say-so.
 */
export function isInside(path: string, root: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const top = real(root);
  const target = real(path);
  return target === top || target.startsWith(top.endsWith(sep) ? top : top + sep);
}
