// Which ignore file a build uses. BuildKit reads `<Dockerfile name>.dockerignore` from the
// Dockerfile's directory in preference to `.dockerignore` at the root of the context.

import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { parseDockerignore } from './dockerignore/ignore-file.js';
import type { DockerignoreMatcher } from './dockerignore/matcher.js';
import type { IgnoreFileChoice } from './types.js';

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InputError(`${path}: cannot read (${code ?? 'error'})`);
  }
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
    const text = readIfPresent(path);
    if (text !== undefined) return { choice: { path, source: 'dockerfile' }, text, matcher: parseDockerignore(text, path) };
  }
  const path = join(contextDir, '.dockerignore');
  const text = readIfPresent(path);
  if (text === undefined) return { choice: { source: 'none' } };
  return { choice: { path, source: 'context' }, text, matcher: parseDockerignore(text, path) };
}
