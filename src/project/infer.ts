// The build context of a Dockerfile that nothing declares: the nearest directory, from the Dockerfile's own up to
// the project root, in which every COPY/ADD source resolves (a path that exists and the ignore file in force there
// does not exclude, or a wildcard that matches something).

import { lstatSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { contextPath } from '../context/copy/resolve.js';
import type { CopySpec } from '../context/copy/spec.js';
import { goMatch, hasWildcards } from '../context/dockerignore/go-path.js';
import type { DockerignoreMatcher } from '../context/dockerignore/matcher.js';
import { loadIgnoreFile } from '../context/ignore-file-choice.js';

export interface InferredContext {
  context: string;
  /** `inferred`: every source resolves there; `dockerfile-dir`: nothing to infer from, or no directory works. */
  source: 'inferred' | 'dockerfile-dir';
  /** Why the Dockerfile's directory was taken although a COPY source is missing there. */
  note?: string;
}

function isDirectory(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

function exists(path: string): boolean {
  return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
}

/** Whether a source (a context path) names something in `dir`: each wildcard component matched on disk. */
function resolvesIn(dir: string, source: string, ignore: DockerignoreMatcher | undefined): boolean {
  const path = contextPath(source);
  if (path === '') return true;
  const components = path.split('/');
  const excluded = (rel: string) => ignore !== undefined && ignore.patterns.length > 0 && ignore.matches(rel);
  const visit = (rel: string, index: number): boolean => {
    // An excluded directory still copies what an exception (`!dir/file`) brings back inside it.
    if (index === components.length) return rel !== '' && (!excluded(rel) || (ignore!.hasExceptions && isDirectory(join(dir, rel))));
    const component = components[index]!;
    const here = rel === '' ? dir : join(dir, rel);
    if (!hasWildcards(component)) {
      const next = rel === '' ? component : `${rel}/${component}`;
      return exists(join(dir, next)) && visit(next, index + 1);
    }
    let names: string[];
    try {
      names = readdirSync(here);
    } catch {
      return false;
    }
    for (const name of names) {
      let hit = false;
      try {
        hit = goMatch(component, name);
      } catch {
        return false;
      }
      if (hit && visit(rel === '' ? name : `${rel}/${name}`, index + 1)) return true;
    }
    return false;
  };
  return visit('', 0);
}

/** The directories from the Dockerfile's up to `root` (the Dockerfile's alone when it is outside root). */
function candidates(dockerfile: string, root: string): string[] {
  const top = resolve(root);
  let current = resolve(dirname(dockerfile));
  const out = [current];
  const inside = current === top || current.startsWith(top + sep);
  while (inside && current !== top) {
    current = dirname(current);
    out.push(current);
  }
  return out;
}

/** Shown as the caller gave the paths: relative to the working directory when `root` was relative. */
function display(path: string, root: string): string {
  return resolve(root) === root ? path : relative('.', path) || '.';
}

export function inferContext(dockerfile: string, specs: readonly CopySpec[], root: string): InferredContext {
  const own = display(resolve(dirname(dockerfile)), root);
  // A source that still holds an unexpanded variable, or the whole context (`COPY . .`), cannot decide anything.
  const sources = [...new Set(specs.flatMap((spec) => spec.sources))].filter((source) => !source.includes('$') && contextPath(source) !== '');
  if (sources.length === 0) return { context: own, source: 'dockerfile-dir' };
  let best: { dir: string; missing: string[] } | undefined;
  for (const dir of candidates(dockerfile, root)) {
    let ignore: DockerignoreMatcher | undefined;
    try {
      ignore = loadIgnoreFile(dir, dockerfile).matcher;
    } catch {
      ignore = undefined;
    }
    const missing = sources.filter((source) => !resolvesIn(dir, source, ignore));
    if (missing.length === 0) return { context: display(dir, root), source: 'inferred' };
    if (!best || missing.length < best.missing.length) best = { dir, missing };
  }
  const missing = best!.missing;
  return {
    context: own,
    source: 'dockerfile-dir',
    note: `no directory from the Dockerfile's up to ${display(resolve(root), root)} holds every COPY source (missing everywhere: ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''})`,
  };
}
