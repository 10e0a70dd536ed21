// The corpus of build skeletons, as the corpus scripts read it: a repository's tree rebuilt from its skeleton, and
// how `check` reads the builds the project declares.

import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readProject } from '../src/project/index.js';
import { planChecks, type PlannedCheck } from '../src/project/plan.js';
import { isUnresolved } from '../src/project/types.js';

/** The corpus beside the repository, wherever it is cloned. */
export const defaultCorpus = fileURLToPath(new URL('../../shared/corpus', import.meta.url));

/** The corpus README's recipe: placeholders from tree.tsv (sparse files, links as links), then files/ over them. */
export function rebuild(source: string, target: string): void {
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
  // A checkout is the user's to write (fix writes into it), whatever the mode of the corpus copy.
  const makeWritable = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isSymbolicLink()) continue;
      const path = join(dir, entry.name);
      chmodSync(path, statSync(path).mode | 0o200);
      if (entry.isDirectory()) makeWritable(path);
    }
  };
  makeWritable(target);
}

export function walkFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkFiles(path, base));
    else out.push(relative(base, path));
  }
  return out;
}

export const show = (value: unknown): string => (value === undefined ? '-' : isUnresolved(value) ? `?${value.unresolved}` : String(value));

export interface BuildsMeasure {
  /** Dockerfiles check reads (root-relative). */
  found: string[];
  /** Distinct Dockerfiles the project's build files name, all of them found. */
  named: number;
  /** Named Dockerfiles not read: `file: note`, root-relative. */
  namedMissing: string[];
  /** Declared builds of found Dockerfiles, and of those the ones checked with exactly their context and target. */
  declared: number;
  checkedAsDeclared: number;
  mismatches: string[];
  /** Declared with an expression in context or target. */
  unresolved: number;
  /** Dockerfiles no file declares, with the context check infers. */
  inferred: PlannedCheck[];
  notes: string[];
}

/** How `check` reads the project at `root`: the Dockerfiles it finds and the context and target of each declared build. */
export function measureBuilds(root: string): BuildsMeasure {
  const project = readProject(root);
  const rel = (file: string) => relative(root, file);
  const texts = new Map(project.dockerfiles.map((file) => [file, readFileSync(file, 'utf8')]));
  const measure: BuildsMeasure = {
    found: project.dockerfiles.map(rel),
    named: new Set(project.builds.filter((build) => build.inline === undefined).map((build) => resolve(build.dockerfile))).size,
    namedMissing: project.notes.filter((note) => /but not found|not read$/.test(note.message)).map((note) => `${rel(note.file)}: ${note.message.replace(root, '<root>')}`),
    declared: 0,
    checkedAsDeclared: 0,
    mismatches: [],
    unresolved: 0,
    inferred: [],
    notes: project.notes.map((note) => `${rel(note.file)}: ${note.message}`),
  };
  for (const plan of planChecks(project, texts, root)) {
    if (plan.declared.length === 0) measure.inferred.push(plan);
    for (const declared of plan.declared) {
      measure.declared++;
      if (isUnresolved(declared.context) || isUnresolved(declared.target)) measure.unresolved++;
      // Checked as declared: the context analysed is this build's context, and the target reported is its target.
      const sameContext = !isUnresolved(declared.context) && resolve(plan.build.context) === resolve(declared.context);
      if (sameContext && show(plan.build.target) === show(declared.target)) measure.checkedAsDeclared++;
      else {
        const declaredContext = isUnresolved(declared.context) ? show(declared.context) : rel(declared.context) || '.';
        measure.mismatches.push(
          `${rel(plan.dockerfile)}: checked ${rel(plan.build.context) || '.'} target ${show(plan.build.target)}; declared ${declaredContext} target ${show(declared.target)} (${declared.source.kind} ${rel(declared.source.file ?? '')} ${declared.source.name ?? declared.source.line ?? ''})`,
        );
      }
    }
  }
  return measure;
}
