// Measures how `check DIR` reads real projects: each repository of the build-skeleton corpus is rebuilt in a
// temporary directory (its build files verbatim, every other file a placeholder of its size), then read as
// `check` reads it. Per repository: the Dockerfiles found; the Dockerfiles the compose files, bake files,
// workflows and scripts name, and any of them not found; the declared builds, and whether the context and target
// checked are the declared ones. Run: `npx tsx scripts/corpus.ts [CORPUS_DIR] [--repo NAME] [--verbose]`.
// scripts/corpus-check.ts compares the findings with the reviewed expectations in test/corpus/.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { isDockerfileName } from '../src/project/discover.js';
import { defaultCorpus, measureBuilds, rebuild, walkFiles } from './corpus-tree.js';

const args = process.argv.slice(2);
const corpus = args.find((arg) => !arg.startsWith('--') && args[args.indexOf(arg) - 1] !== '--repo') ?? defaultCorpus;
const only = args.includes('--repo') ? args[args.indexOf('--repo') + 1] : undefined;
const verbose = args.includes('--verbose');

interface Row {
  repo: string;
  candidates: number;
  found: number;
  named: number;
  namedMissing: string[];
  declared: number;
  checkedAsDeclared: number;
  mismatches: string[];
  unresolvedContexts: number;
  inferred: number;
  notes: number;
}

const rows: Row[] = [];
const repos = readdirSync(join(corpus, 'repos')).filter((name) => !only || name === only).sort();
for (const repo of repos) {
  const source = join(corpus, 'repos', repo);
  const root = mkdtempSync(join(tmpdir(), 'shipshape-corpus-'));
  try {
    rebuild(source, root);
    const measure = measureBuilds(root);
    const found = new Set(measure.found);
    const candidates = walkFiles(join(source, 'files')).filter((path) => isDockerfileName(path.split('/').at(-1)!) || /^(docker|container)file/i.test(path.split('/').at(-1)!));
    if (verbose) {
      for (const plan of measure.inferred) console.log(`  ${repo} ${relative(root, plan.dockerfile)}: ${relative(root, plan.build.context) || '.'} (${plan.contextFrom})${plan.note ? ` — ${plan.note}` : ''}`);
      for (const path of candidates.filter((path) => !found.has(path) && !found.has(relative(root, resolve(root, path))))) console.log(`  ${repo} not checked: ${path}`);
      for (const note of measure.notes) console.log(`  ${repo} note: ${note}`);
    }
    rows.push({
      repo,
      candidates: candidates.length,
      found: measure.found.length,
      named: measure.named,
      namedMissing: measure.namedMissing,
      declared: measure.declared,
      checkedAsDeclared: measure.checkedAsDeclared,
      mismatches: measure.mismatches,
      unresolvedContexts: measure.unresolved,
      inferred: measure.inferred.length,
      notes: measure.notes.length,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// named-like: files in the skeleton named like Dockerfiles (templates and vendored copies included); found: Dockerfiles
// check reads; named: distinct Dockerfiles the project's build files name; named-missing: named ones not in the
// tree (generated, or outside it); declared: declared builds of found Dockerfiles; as-declared: of those, the ones
// whose context and target are exactly what check uses; unresolved: declared with an expression in context or
// target; inferred: Dockerfiles no file declares.
const header = ['repository', 'named-like', 'found', 'named', 'named-missing', 'declared', 'as-declared', 'unresolved', 'inferred', 'notes'];
console.log(header.join('\t'));
for (const row of rows) {
  console.log([row.repo, row.candidates, row.found, row.named, row.namedMissing.length, row.declared, row.checkedAsDeclared, row.unresolvedContexts, row.inferred, row.notes].join('\t'));
  for (const missing of row.namedMissing) console.log(`  missing: ${missing}`);
  if (verbose) for (const mismatch of row.mismatches) console.log(`  other build: ${mismatch}`);
}
const total = (key: keyof Row) => rows.reduce((sum, row) => sum + (Array.isArray(row[key]) ? (row[key] as unknown[]).length : (row[key] as number)), 0);
console.log(['total', total('candidates'), total('found'), total('named'), total('namedMissing'), total('declared'), total('checkedAsDeclared'), total('unresolvedContexts'), total('inferred'), total('notes')].join('\t'));
