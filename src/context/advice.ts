// The .dockerignore change that removes what should not be in the context: version control, secrets,
// heavy directories, and the clutter of the ecosystems present, tailored to the files actually there.
// It never leaves out what a COPY names, and it goes at the end of the file, where no later line undoes it (a
// `*` then `!src` would re-include a `.env` written above them); a file the user's own `!` line names is kept in
// by a `!` line after the block. Before it is proposed, the context is walked again with the new file: the change
// must leave something out, take in nothing new, keep what the user re-included and leave every COPY as it was.

import { isAbsolute, join, relative, sep } from 'node:path';
import type { Fix } from '../core/finding.js';
import { CopyResolver, type ResolvedCopy } from './copy/resolve.js';
import type { CopySpec } from './copy/spec.js';
import { secretFileByName, type SecretFileKind } from '../secrets/files.js';
import type { DirectoryHit, HeavyKind, SecretFile } from './detect.js';
import { parseDockerignore } from './dockerignore/read-patterns.js';
import { DockerignoreMatcher } from './dockerignore/matcher.js';
import type { LoadedIgnoreFile } from './ignore-file-choice.js';
import type { ContextEntry, ContextTotals, DockerignoreAdvice } from './types.js';
import { walkContext, type WalkResult } from './walk.js';

/** Kinds whose name means the same thing at any depth, so `**\/name` is safe to write. */
const ANY_DEPTH = new Set(['node_modules', 'python-cache', 'coverage', 'frontend-build', 'editor']);

/** Ecosystem clutter worth excluding when present: marker file at the root → patterns. */
const ECOSYSTEM_EXTRAS: [string[], string[]][] = [
  [['package.json'], ['npm-debug.log*', 'yarn-debug.log*', 'yarn-error.log*', '.npm', '.eslintcache', '.yarn/cache']],
  [['requirements.txt', 'pyproject.toml', 'setup.py', 'Pipfile'], ['**/*.py[cod]', '.coverage']],
  [['Gemfile'], ['.byebug_history']],
  [['go.mod'], ['*.test', '*.out']],
  [[], ['**/.DS_Store', '**/Thumbs.db', '**/*.swp']],
];

export interface AdviceInput {
  /** The context directory as the user gave it. */
  contextDir: string;
  walk: WalkResult;
  ignore: LoadedIgnoreFile;
  specs: CopySpec[];
  copies: ResolvedCopy[];
  secrets: SecretFile[];
  heavy: DirectoryHit<HeavyKind>[];
  vcs: string[];
}

function totalsOf(entries: readonly ContextEntry[]): ContextTotals {
  let bytes = 0;
  let symlinks = 0;
  for (const entry of entries) {
    bytes += entry.size;
    if (entry.kind === 'symlink') symlinks++;
  }
  return { files: entries.length, bytes, symlinks };
}

function oneLine(pattern: string): DockerignoreMatcher {
  return new DockerignoreMatcher([{ pattern, line: 0 }]);
}

/**
 * Patterns that keep a secret file of this kind out: environment files by family (`.env`, `.env.*`, `*.env`),
 * kinds whose name means the same at any depth by name, the others by their path.
 */
function secretPatterns(kind: SecretFileKind, path: string): string[] {
  const nested = path.includes('/');
  const name = path.slice(path.lastIndexOf('/') + 1);
  const anywhere = (pattern: string) => (nested ? `**/${pattern}` : pattern);
  if (kind.id === 'dotenv') return (name.startsWith('.env') ? ['.env', '.env.*'] : ['*.env']).map(anywhere);
  return [kind.anyDepth ? anywhere(name) : path];
}

/** Patterns for one offending path, most general first where that is safe. */
function candidates(input: AdviceInput): { pattern: string; offender?: string; mayBeNeeded: boolean }[] {
  const out: { pattern: string; offender?: string; mayBeNeeded: boolean }[] = [];
  const name = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  for (const path of input.vcs) out.push({ pattern: path.includes('/') ? `**/${name(path)}` : path, offender: path, mayBeNeeded: false });
  for (const { entry, kind } of input.secrets) {
    for (const pattern of secretPatterns(kind, entry.path)) out.push({ pattern, offender: entry.path, mayBeNeeded: false });
  }
  for (const { path, kind } of input.heavy) {
    const pattern = !path.includes('/') ? path : ANY_DEPTH.has(kind.id) ? `**/${name(path)}` : path;
    out.push({ pattern, offender: path, mayBeNeeded: kind.mayBeNeeded });
  }
  const rootNames = new Set(input.walk.entries.filter((e) => !e.path.includes('/')).map((e) => e.path));
  for (const [markers, patterns] of ECOSYSTEM_EXTRAS) {
    if (markers.length > 0 && !markers.some((m) => rootNames.has(m))) continue;
    for (const pattern of patterns) out.push({ pattern, mayBeNeeded: false });
  }
  return out;
}

/** Environment-file templates (`.env.example`) that the added environment-file patterns also catch: kept with `!` lines. */
function templateExceptions(entries: readonly ContextEntry[], patterns: readonly string[]): string[] {
  const envPatterns = patterns.filter((pattern) => /(?:^|\/)(?:\.env|\.env\.\*|\*\.env)$/.test(pattern));
  if (envPatterns.length === 0) return [];
  const matcher = new DockerignoreMatcher(envPatterns.map((pattern, line) => ({ pattern, line })));
  return entries
    .filter((entry) => /(?:^|\/)(?:\.env\.[^/]+|[^/.][^/]*\.env)$/.test(entry.path) && matcher.matches(entry.path))
    .filter((entry) => secretFileByName(entry.path)?.id !== 'dotenv')
    .map((entry) => `!${entry.path}`);
}

function resolveAll(walk: WalkResult, matcher: DockerignoreMatcher, specs: readonly CopySpec[]): ResolvedCopy[] {
  const resolver = new CopyResolver(walk, matcher);
  return specs.map((spec) => resolver.resolve(spec));
}

/** Whether every COPY still takes what it took before (same status per source, nothing named lost). */
function copiesUnchanged(before: readonly ResolvedCopy[], after: readonly ResolvedCopy[]): boolean {
  return before.every((copy, i) =>
    copy.sources.every((source, j) => {
      const now = after[i].sources[j];
      if (now.status !== source.status || now.matches.length !== source.matches.length) return false;
      return source.matches.every((m) => m === '') || now.files === source.files;
    }),
  );
}

function relativeToContext(contextDir: string, file: string): string | undefined {
  const path = relative(contextDir, file);
  return path.startsWith('..') || isAbsolute(path) ? undefined : path.split(sep).join('/');
}

/** A candidate pattern the change may write: which walked entries it leaves out, and how many. */
interface Accepted {
  pattern: string;
  mayBeNeeded: boolean;
  excluded: boolean[];
  removes: number;
}

/**
 * The patterns without those that leave out nothing the others do not (a key file inside an excluded `.cache`,
 * `node_modules` beside `**\/node_modules`): the most sweeping are taken first, and the rest keep their order.
 */
function withoutRedundant(accepted: readonly Accepted[]): Accepted[] {
  const covered = new Uint8Array(accepted[0]?.excluded.length ?? 0);
  const chosen = new Set<Accepted>();
  for (const candidate of [...accepted].sort((a, b) => b.removes - a.removes)) {
    if (!candidate.excluded.some((hit, index) => hit && covered[index] === 0)) continue;
    chosen.add(candidate);
    candidate.excluded.forEach((hit, index) => {
      if (hit) covered[index] = 1;
    });
  }
  return accepted.filter((candidate) => chosen.has(candidate));
}

/** A path as a .dockerignore line that names exactly it: the pattern characters escaped. */
function literalPattern(path: string): string {
  return path.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * The entries the user's own `!` lines name (the line matches the path itself, not only a directory above it): a
 * re-include of a file by name is the user's decision, which the change keeps.
 */
function namedByUserExceptions(entries: readonly ContextEntry[], ignore: LoadedIgnoreFile): Set<string> {
  const negations = ignore.matcher?.patterns.filter((pattern) => pattern.exclusion) ?? [];
  if (negations.length === 0) return new Set();
  return new Set(entries.map((entry) => entry.path).filter((path) => negations.some((negation) => negation.test(path))));
}

/** `!` lines, after the added patterns, for the files the user re-included by name that the patterns would leave out. */
function userExceptions(entries: readonly ContextEntry[], named: ReadonlySet<string>, patterns: readonly string[]): string[] {
  if (named.size === 0) return [];
  const added = new DockerignoreMatcher(patterns.map((pattern, line) => ({ pattern, line })));
  const paths = entries.map((entry) => entry.path);
  const excluded = added.matchesEach(paths);
  return paths.filter((path, i) => excluded[i] && named.has(path)).map((path) => `!${literalPattern(path)}`);
}

/** The proposed change, or undefined when nothing needs excluding or the change would leave nothing out. */
export function proposeDockerignore(input: AdviceInput): DockerignoreAdvice | undefined {
  const { walk, copies } = input;
  const accepted: Accepted[] = [];
  const kept = new Set<string>();
  const paths = walk.entries.map((entry) => entry.path);
  const named = namedByUserExceptions(walk.entries, input.ignore);
  for (const candidate of candidates(input)) {
    if (accepted.some((a) => a.pattern === candidate.pattern)) continue;
    const excluded = oneLine(candidate.pattern).matchesEach(paths).map((hit, index) => hit && !named.has(paths[index]!));
    const removed = walk.entries.filter((_, index) => excluded[index]);
    if (removed.length === 0) continue;
    // Never exclude something a COPY names (`COPY dist /srv`, `COPY .npmrc .`): it is there on purpose.
    if (removed.some((entry) => copies.some((copy) => copy.needs(entry.path)))) {
      if (candidate.offender) kept.add(candidate.offender);
      continue;
    }
    accepted.push({ pattern: candidate.pattern, mayBeNeeded: candidate.mayBeNeeded, excluded, removes: removed.length });
  }
  const chosen = withoutRedundant(accepted);
  if (chosen.length === 0) return undefined;
  const patterns = chosen.map((a) => a.pattern);
  const mayBeNeeded = chosen.filter((a) => a.mayBeNeeded).map((a) => a.pattern);
  const reincluded = userExceptions(walk.entries, named, patterns);
  const entries = [...new Set([...patterns, ...templateExceptions(walk.entries, patterns), ...reincluded])];

  const existing = input.ignore.text ?? '';
  const before = totalsOf(walk.entries);
  // After the user's last line, so that no `*`-then-`!` pair of theirs undoes it; a blank line sets it apart.
  const separator = existing === '' || /\n[ \t]*\n$/.test(existing) ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  const block = (header: string) => `${separator}${header}\n${entries.join('\n')}\n`;
  // The patterns decide what is excluded; the header comment is settled once the sizes are known.
  const newText = existing + block('#');
  const file = input.ignore.choice.path ?? join(input.contextDir, '.dockerignore');
  const newMatcher = parseDockerignore(newText, file);
  const newWalk = walkContext(walk.root, { matcher: newMatcher });
  if (!changesOnlyByLeavingOut(walk, newWalk, reincluded) || !copiesUnchanged(copies, resolveAll(newWalk, newMatcher, input.specs))) {
    return undefined;
  }
  const after = totalsOf(newWalk.entries);
  const savedBytes = before.bytes - after.bytes;
  // The walk ran before the file changed; the file itself is part of the context it lives in.
  const relativeFile = relativeToContext(input.contextDir, file);
  const countsItself = relativeFile !== undefined && !newMatcher.matches(relativeFile);
  if (countsItself && input.ignore.text === undefined) after.files++;
  // The sizes belong on the report: written into the file they would be stale by the next commit, and for a
  // small context the comment itself would outweigh what it keeps out.
  const finalBlock = block('# Added by shipshape: keeps these out of the build context');
  if (countsItself) after.bytes += Buffer.byteLength(finalBlock);
  const fix: Fix = {
    kind: mayBeNeeded.length > 0 ? 'unsafe' : 'safe',
    description: `${input.ignore.text === undefined ? 'create' : 'add to'} ${file}: ${entries.join(', ')}`,
    edits: [{ range: [existing.length, existing.length], text: finalBlock }],
    file,
  };
  const stillIn = new Set(newWalk.entries.map((e) => e.path));
  const offenders = [...input.vcs, ...input.secrets.map((s) => s.entry.path), ...input.heavy.map((h) => h.path)];
  const removes = offenders.filter((path) => !stillIn.has(path) && !(newWalk.directories.get(path)?.files));
  const advice: DockerignoreAdvice = { file, entries, fix, removes, before, after, savedBytes, kept: [...kept] };
  if (mayBeNeeded.length > 0) {
    advice.unsafeBecause = `${mayBeNeeded.join(', ')} may hold what the build runs on (dependencies installed or output built outside the image, taken by a broad COPY)`;
  }
  return advice;
}

/**
 * Whether the walk with the new file left something out, took in nothing that was not in before, and kept every
 * file the user re-included by name (`reincluded`, as `!path` lines).
 */
function changesOnlyByLeavingOut(before: WalkResult, after: WalkResult, reincluded: readonly string[]): boolean {
  if (after.entries.length >= before.entries.length) return false;
  const was = new Set(before.entries.map((entry) => entry.path));
  if (!after.entries.every((entry) => was.has(entry.path))) return false;
  const now = new Set(after.entries.map((entry) => entry.path));
  return reincluded.every((line) => now.has(line.slice(1).replace(/\\(.)/g, '$1')));
}
