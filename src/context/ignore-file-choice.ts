// Which ignore file a build uses. BuildKit reads `<Dockerfile name>.dockerignore` from the
// Dockerfile's directory in preference to `.dockerignore` at the root of the context.

import { basename, dirname, join } from 'node:path';
import { decodeFileName } from '../core/file-names.js';
import { readProjectFile } from '../core/project-file.js';
import { parseDockerignore } from './dockerignore/read-patterns.js';
import type { DockerignoreMatcher } from './dockerignore/matcher.js';
import type { IgnoreFileChoice } from './types.js';

/**
 * The ignore file's text, when there is one: a regular file of at most 1 MB inside `within`. Decoded as names are
 * (file-names.ts), so that a pattern's byte that is not UTF-8 matches the same byte in a name, as Docker's does.
 */
function readIfPresent(path: string, within: string): string | undefined {
  const bytes = readProjectFile(path, { within });
  return bytes && decodeFileName(bytes);
}

export interface LoadedIgnoreFile {
  choice: IgnoreFileChoice;
  /** The file's text (undefined when there is none). */
  text?: string;
  matcher?: DockerignoreMatcher;
}

/** Finds, reads and parses the ignore file for a build of `contextDir` with `dockerfile` (a path). */
export function loadIgnoreFile(contextDir: string, dockerfile?: string): LoadedIgnoreFile {
  if (dockerfile !== undefined) {
    const path = join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`);
    const text = readIfPresent(path, dirname(dockerfile));
    if (text !== undefined) return { choice: { path, source: 'dockerfile' }, text, matcher: parseDockerignore(text, path) };
  }
  const path = join(contextDir, '.dockerignore');
  const text = readIfPresent(path, contextDir);
  if (text === undefined) return { choice: { source: 'none' } };
  return { choice: { path, source: 'context' }, text, matcher: parseDockerignore(text, path) };
}
