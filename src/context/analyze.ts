// The build-context report: which ignore file applies, what the builder receives (sizes, largest
// entries), what each COPY/ADD takes, the context rules' findings, and the proposed .dockerignore.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { runRules, type Domain } from '../core/engine.js';
import type { RuleSetting } from '../core/rule-meta.js';
import { parseDockerfile } from '../dockerfile/parse/index.js';
import { proposeDockerignore } from './advice.js';
import { CopyResolver } from './copy/resolve.js';
import { copySpecsFromDockerfile, type CopySpec } from './copy/spec.js';
import { findDirectories, findSecrets } from './detect.js';
import { loadIgnoreFile } from './ignore-file-choice.js';
import type { ContextDomain, ContextFacts } from './rule-domain.js';
import { contextRules } from './rules/index.js';
import type { ContextEntry, ContextReport, ContextTotals, SizedPath } from './types.js';
import { walkContext } from './walk.js';

export interface AnalyzeContextOptions {
  /** The Dockerfile (a path); defaults to `DIR/Dockerfile` when it exists. Its COPY/ADD are resolved. */
  dockerfile?: string;
  /** COPY/ADD instructions to resolve instead of reading the Dockerfile's. */
  copies?: CopySpec[];
  /** Per-rule settings from config: `off`, another severity, options (e.g. `budgetBytes`). */
  rules?: Record<string, RuleSetting>;
  /** How many of the largest files and directories to report (default 10). */
  largest?: number;
}

const contextDomain: Domain<ContextDomain> = {
  place: ({ location }) => ({ location }),
  traverse() {},
};

function totalsOf(entries: readonly ContextEntry[]): ContextTotals {
  let bytes = 0;
  let symlinks = 0;
  for (const entry of entries) {
    bytes += entry.size;
    if (entry.kind === 'symlink') symlinks++;
  }
  return { files: entries.length, bytes, symlinks };
}

function largest(items: SizedPath[], count: number): SizedPath[] {
  return items.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1)).slice(0, count);
}

function readDockerfile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Analyses the build context `dir`; throws InputError for an unreadable directory or a .dockerignore Docker rejects. */
export function analyzeContext(dir: string, options: AnalyzeContextOptions = {}): ContextReport {
  const defaultDockerfile = join(dir, 'Dockerfile');
  const dockerfile = options.dockerfile ?? (existsSync(defaultDockerfile) ? defaultDockerfile : undefined);
  const ignore = loadIgnoreFile(dir, dockerfile);
  const walk = walkContext(dir, { matcher: ignore.matcher });
  const display = (path: string) => (path === '' ? dir : join(dir, path));

  const specs = options.copies ?? (dockerfile ? copySpecsFromDockerfile(parseDockerfile(readDockerfile(dockerfile), dockerfile)) : []);
  const resolver = new CopyResolver(walk, ignore.matcher);
  const copies = specs.map((spec) => resolver.resolve(spec));
  const secrets = findSecrets(walk.root, walk.entries);
  const { heavy, vcs } = findDirectories(walk.directories.keys(), walk.entries);
  const totals = totalsOf(walk.entries);
  const advice = proposeDockerignore({ contextDir: dir, walk, ignore, specs, copies, secrets, heavy, vcs });

  const facts: ContextFacts = {
    root: dir,
    walk,
    ignore,
    copies,
    totals,
    secrets,
    heavy,
    vcs,
    display,
    sizeOf: (path) => walk.directories.get(path) ?? { bytes: walk.entries.find((e) => e.path === path)?.size ?? 0, files: 1 },
  };
  if (dockerfile) facts.dockerfile = dockerfile;
  if (advice) facts.advice = advice;

  const findings = runRules(contextDomain, facts, { rules: contextRules, settings: options.rules });

  const count = options.largest ?? 10;
  const report: ContextReport = {
    root: dir,
    ignoreFile: ignore.choice,
    totals,
    largestDirectories: largest(
      [...walk.directories].filter(([path]) => path !== '').map(([path, t]) => ({ path, bytes: t.bytes, files: t.files })),
      count,
    ),
    largestFiles: largest(walk.entries.map((e) => ({ path: e.path, bytes: e.size })), count),
    copies: copies.map(({ spec: _spec, takes: _takes, names: _names, needs: _needs, ...resolution }) => resolution),
    problems: walk.problems,
    findings,
  };
  if (dockerfile) report.dockerfile = dockerfile;
  if (advice) report.advice = advice;
  return report;
}

/** Streams the entries the builder receives (for `shipshape context DIR --list`), in find's order. */
export function listContext(dir: string, onEntry: (entry: ContextEntry) => void, dockerfile?: string): ContextTotals {
  const ignore = loadIgnoreFile(dir, dockerfile);
  const totals: ContextTotals = { files: 0, bytes: 0, symlinks: 0 };
  walkContext(dir, {
    matcher: ignore.matcher,
    keepEntries: false,
    findOrder: true,
    onEntry: (entry) => {
      totals.files++;
      totals.bytes += entry.size;
      if (entry.kind === 'symlink') totals.symlinks++;
      onEntry(entry);
    },
  });
  return totals;
}
