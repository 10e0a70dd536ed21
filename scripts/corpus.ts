// Measures how `check DIR` reads real projects: each repository of the build-skeleton corpus is rebuilt in a
// temporary directory (its build files verbatim, every other file a placeholder of its size), then read as
// `check` reads it. Per repository: the Dockerfiles found; the Dockerfiles the compose files, bake files,
// workflows and scripts name, and any of them not found; the declared builds, and whether the context and target
// checked are the declared ones. Run: `npx tsx scripts/corpus.ts [CORPUS_DIR] [--repo NAME] [--verbose]`.

import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { isDockerfileName } from '../src/project/discover.js';
import { readProject } from '../src/project/index.js';
import { planChecks } from '../src/project/plan.js';
import { isUnresolved } from '../src/project/types.js';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const corpus = args.find((arg) => !arg.startsWith('--') && args[args.indexOf(arg) - 1] !== '--repo') ?? fileURLToPath(new URL('../../shared/corpus', import.meta.url));
const only = args.includes('--repo') ? args[args.indexOf('--repo') + 1] : undefined;
const verbose = args.includes('--verbose');

/** The corpus README's recipe: placeholders from tree.tsv (sparse files, links as links), then files/ over them. */
function rebuild(source: string, target: string): void {
  for (const line of readFileSync(join(source, 'tree.tsv'), 'utf8').split('\n')) {
    if (line === '') continue;
    const [path, size, mode, link] = line.split('\t');
    const file = join(target, path!);
    mkdirSync(dirname(file), { recursive: true });
    if (mode === '120000') symlinkSync(link!, file);
    else {
      writeFileSync(file, '');
      truncateSync(file, Number(size));
      if (mode === '100755') chmodSync(file, 0o755);
    }
  }
  cpSync(join(source, 'files'), target, { recursive: true, verbatimSymlinks: true });
}

function walkFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkFiles(path, base));
    else out.push(relative(base, path));
  }
  return out;
}

const show = (value: unknown): string => (value === undefined ? '-' : isUnresolved(value) ? `?${value.unresolved}` : String(value));

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
    const project = readProject(root);
    const found = new Set(project.dockerfiles.map((file) => resolve(file)));
    const rel = (file: string) => relative(root, file);
    const candidates = walkFiles(join(source, 'files')).filter((path) => isDockerfileName(path.split('/').at(-1)!) || /^(docker|container)file/i.test(path.split('/').at(-1)!));
    const named = new Set(project.builds.filter((build) => build.inline === undefined).map((build) => resolve(build.dockerfile)));
    const namedMissing = project.notes.filter((note) => /but not found|not read$/.test(note.message)).map((note) => `${rel(note.file)}: ${note.message}`);
    const texts = new Map(project.dockerfiles.map((file) => [file, readFileSync(file, 'utf8')]));
    const plans = planChecks(project, texts, root);
    const row: Row = {
      repo,
      candidates: candidates.length,
      found: project.dockerfiles.length,
      named: named.size,
      namedMissing,
      declared: 0,
      checkedAsDeclared: 0,
      mismatches: [],
      unresolvedContexts: 0,
      inferred: 0,
      notes: project.notes.length,
    };
    for (const plan of plans) {
      if (plan.declared.length === 0) {
        row.inferred++;
        if (verbose) console.log(`  ${repo} ${rel(plan.dockerfile)}: ${rel(plan.build.context) || '.'} (${plan.contextFrom})${plan.note ? ` — ${plan.note}` : ''}`);
        continue;
      }
      for (const declared of plan.declared) {
        row.declared++;
        if (isUnresolved(declared.context) || isUnresolved(declared.target)) row.unresolvedContexts++;
        // Checked as declared: the context analysed is this build's context, and the target reported is its target.
        const sameContext = !isUnresolved(declared.context) && resolve(plan.build.context) === resolve(declared.context);
        if (sameContext && show(plan.build.target) === show(declared.target)) row.checkedAsDeclared++;
        else {
          row.mismatches.push(
            `${rel(plan.dockerfile)}: checked ${rel(plan.build.context) || '.'} target ${show(plan.build.target)}; declared ${isUnresolved(declared.context) ? show(declared.context) : rel(declared.context) || '.'} target ${show(declared.target)} (${declared.source.kind} ${rel(declared.source.file ?? '')} ${declared.source.name ?? declared.source.line ?? ''})`,
          );
        }
        if (verbose) console.log(`  ${repo} ${rel(plan.dockerfile)}: context ${isUnresolved(declared.context) ? show(declared.context) : rel(declared.context) || '.'} target ${show(declared.target)} (${declared.source.kind} ${rel(declared.source.file ?? '')} ${declared.source.name ?? ''})`);
      }
    }
    const missingCandidates = candidates.filter((path) => !found.has(resolve(root, path)));
    if (verbose) {
      for (const path of missingCandidates) console.log(`  ${repo} not checked: ${path}`);
      for (const note of project.notes) console.log(`  ${repo} note: ${rel(note.file)}: ${note.message}`);
    }
    rows.push(row);
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
