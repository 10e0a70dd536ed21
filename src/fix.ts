// `shipshape fix` as a library call: each Dockerfile checked as `check` checks it, its fixes applied until stable,
// the final base pinned by digest when asked, the .dockerignore of its build context tailored, and every change
// written atomically through links inside the project — or, dry, returned as unified diffs. What `check` counts as
// fixable is what this resolves: both ask `planFix`.
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { checkDockerfile, planFix, resolvedFindings } from './check.js';
import type { ContextTotals } from './context/types.js';
import { unifiedDiff } from './core/diff.js';
import type { Finding, FixKind } from './core/finding.js';
import { applyFixes } from './core/fix.js';
import { InputError } from './core/errors.js';
import { describeFileError, readProjectFile, writeFileAtomic } from './core/project-file.js';
import type { RuleSetting } from './core/rule-meta.js';
import { fix as fixDockerfileText, lint, MAX_DOCKERFILE_BYTES, parseForLint } from './dockerfile/lint.js';
import type { Dockerfile } from './dockerfile/parse/index.js';
import { digestPinCandidate } from './dockerfile/rules/use-digest-pin.js';
import { resolveDigest } from './image/resolve.js';
import { readProject } from './project/index.js';
import { planChecks } from './project/plan.js';

export interface FixTarget {
  /** The Dockerfile: its path, or the name its findings carry when `text` is given. */
  file: string;
  /** The Dockerfile's text, when the caller has read it (default: read from `file`). */
  text?: string;
  /** The text came from standard input: it is fixed in memory, never written, and has no build context. */
  stdin?: boolean;
  /** Rule settings from its config (default: `FixFilesOptions.settings`). */
  settings?: Readonly<Record<string, RuleSetting>>;
  /** Its build context (default: the Dockerfile's directory). */
  context?: string;
  /** The stage the build ships (default: the last). */
  target?: string;
}

export interface FixFilesOptions {
  /** The project: a linked Dockerfile is written through only to a file inside it, and diff headers are relative to it (default: the working directory). */
  root?: string;
  /** Compute the changes and their diffs, write nothing. */
  dryRun?: boolean;
  /** Also apply fixes that may change behaviour. */
  unsafe?: boolean;
  /** Resolve the final base image's tag to its digest at its registry and pin it. */
  pinDigests?: boolean;
  /** With `pinDigests`: allow a plain-HTTP or self-signed registry. */
  insecure?: boolean;
  /** With `pinDigests`: give up on a registry request after this many milliseconds. */
  timeoutMs?: number;
  /** Rule settings for targets that bring none. */
  settings?: Readonly<Record<string, RuleSetting>>;
}

export interface FileChange {
  /** The path written (as given). */
  file: string;
  /** The path in the diff headers: relative to the project, `/`-separated. */
  label: string;
  before: string;
  after: string;
  /** `--- a/LABEL` / `+++ b/LABEL` unified diff. */
  diff: string;
  /** Whether the file was written (never in a dry run, never for a change held back). */
  written: boolean;
}

export interface IgnoreChange extends FileChange {
  kind: FixKind;
  /** The lines added. */
  entries: string[];
  /** The context before and after the change. */
  contextBefore: ContextTotals;
  contextAfter: ContextTotals;
  /** Set when the change is unsafe and `unsafe` was not given: why it needs `--unsafe`. Such a change is not written. */
  heldBack?: string;
}

export interface FixedDockerfile {
  file: string;
  /** The fixed text. */
  text: string;
  /** The parse of the fixed text. */
  dockerfile: Dockerfile;
  /** The Dockerfile's change; undefined when there is none (or the text came from stdin, see `text`). */
  change?: FileChange;
  /** The change of its build context's ignore file, when one is proposed (applied, or held back with the reason). */
  ignore?: IgnoreChange;
  /** The findings of `check` that the fix resolves. */
  fixed: Finding[];
  /** The Dockerfile findings left in the fixed text. */
  remaining: Finding[];
}

export interface FixOutcome {
  dockerfiles: FixedDockerfile[];
}

/** A path as diff headers and reports show it: relative to the project, with `/`. */
export function projectLabel(root: string, path: string): string {
  const label = relative(root, resolve(path));
  return (label === '' ? path : label).split(sep).join('/');
}

const DIGEST_PIN = 'dockerfile/use-digest-pin';

/** The settings with the final base's digest resolved at its registry, for the digest-pin rule's fix. */
async function withResolvedDigest(
  file: string,
  text: string,
  settings: Readonly<Record<string, RuleSetting>>,
  options: FixFilesOptions,
): Promise<Readonly<Record<string, RuleSetting>>> {
  const candidate = digestPinCandidate(parseForLint(text, file));
  if (!candidate || settings[DIGEST_PIN]?.severity === 'off') return settings;
  const digest = await resolveDigest(candidate, {
    insecure: !!options.insecure,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
  const current = settings[DIGEST_PIN];
  const digests = { ...(current?.options?.digests as Record<string, string> | undefined), [candidate]: digest };
  return { ...settings, [DIGEST_PIN]: { ...current, options: { ...current?.options, digests } } };
}

/** The directory a link at `file` must resolve inside: the project when the file is in it, else the file's own directory. */
function projectOf(root: string, file: string): string {
  const path = relative(root, resolve(file));
  return path.startsWith('..') || isAbsolute(path) ? dirname(file) : root;
}

/**
 * The Dockerfiles `check DIR` checks, as fix targets: each with the build context and target of its first declared
 * (or inferred) build, so that `fix` changes the .dockerignore that build reads. A Dockerfile the project writes
 * inline in a compose file is not a file to fix.
 */
export function projectFixTargets(root: string, options: { exclude?: readonly string[] } = {}): FixTarget[] {
  const project = readProject(root, { exclude: [...(options.exclude ?? [])] });
  const texts = new Map(project.dockerfiles.map((file) => [file, readDockerfile(file)]));
  const targets = new Map<string, FixTarget>();
  for (const plan of planChecks(project, texts, root)) {
    if (plan.inline !== undefined || targets.has(plan.dockerfile)) continue;
    const target = typeof plan.build.target === 'string' ? { target: plan.build.target } : {};
    targets.set(plan.dockerfile, { file: plan.dockerfile, context: plan.build.context, ...target });
  }
  return [...targets.values()];
}

/** A Dockerfile the caller did not read: refused in one line when it is missing, not a file, too large or not text. */
function readDockerfile(file: string): string {
  let bytes: Buffer;
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new InputError(`${file}: not a regular file`);
    if (stats.size > MAX_DOCKERFILE_BYTES) throw new InputError(`${file}: larger than ${MAX_DOCKERFILE_BYTES / (1024 * 1024)} MiB, the limit for a Dockerfile`);
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: ${describeFileError(error)}`);
  }
  if (bytes.includes(0)) throw new InputError(`${file}: binary file, not a text file`);
  return bytes.toString('utf8');
}

/**
 * Fixes each Dockerfile and the .dockerignore of its build context, as `shipshape fix` does: safe fixes (unsafe
 * ones with `unsafe`), the final base pinned by digest with `pinDigests`, every change re-checked before it is
 * written and written atomically (through a link inside the project, keeping the file's mode and owner). With
 * `dryRun` nothing is written and each change carries its diff. An unsafe .dockerignore change without `unsafe`
 * is returned with its diff and the reason, and not written.
 */
export async function fix(targets: readonly (string | FixTarget)[], options: FixFilesOptions = {}): Promise<FixOutcome> {
  const root = resolve(options.root ?? '.');
  const unsafe = !!options.unsafe;
  const dockerfiles: FixedDockerfile[] = [];
  const ignoreChanges = new Map<string, IgnoreChange>();
  for (const entry of targets) {
    const target: FixTarget = typeof entry === 'string' ? { file: entry } : entry;
    const text = target.text ?? readDockerfile(target.file);
    const configured = target.settings ?? options.settings ?? {};
    const settings = options.pinDigests ? await withResolvedDigest(target.file, text, configured, options) : configured;
    const stage = target.target !== undefined ? { target: target.target } : {};
    if (target.stdin) {
      const result = fixDockerfileText(text, { file: target.file, settings, unsafe, ...stage });
      const fixed = resolvedFindings(lint(text, { file: target.file, settings, ...stage }).findings, result.remaining, unsafe);
      dockerfiles.push({ file: target.file, text: result.text, dockerfile: result.dockerfile, fixed, remaining: result.remaining });
      continue;
    }
    const checked = checkDockerfile(target.file, text, settings, {
      ...(target.context !== undefined && { context: target.context }),
      ...(target.target !== undefined && { target: target.target }),
    });
    const plan = planFix(checked, text, settings, unsafe, target.target);
    const fixedDockerfile: FixedDockerfile = {
      file: target.file,
      text: plan.result.text,
      dockerfile: plan.result.dockerfile,
      fixed: plan.fixed,
      remaining: plan.result.remaining,
    };
    if (plan.result.text !== text) {
      const label = projectLabel(root, target.file);
      const change: FileChange = {
        file: target.file,
        label,
        before: text,
        after: plan.result.text,
        diff: unifiedDiff(text, plan.result.text, `a/${label}`, `b/${label}`),
        written: false,
      };
      if (!options.dryRun) {
        writeFileAtomic(target.file, plan.result.text, { within: projectOf(root, target.file) });
        change.written = true;
      }
      fixedDockerfile.change = change;
    }
    const advice = checked.context.advice;
    const contextDir = checked.context.root;
    const key = advice && resolve(advice.file);
    // A dry run cannot see the first change of a shared context, so it shows it once; a real run re-reads the file.
    if (advice && key && !(options.dryRun && ignoreChanges.has(key))) {
      const before = readProjectFile(advice.file, { within: contextDir })?.toString('utf8') ?? '';
      const after = applyFixes(before, [advice.fix]).text;
      const label = projectLabel(root, advice.file);
      const change: IgnoreChange = {
        file: advice.file,
        label,
        before,
        after,
        diff: unifiedDiff(before, after, `a/${label}`, `b/${label}`),
        written: false,
        kind: advice.fix.kind,
        entries: advice.entries,
        contextBefore: advice.before,
        contextAfter: advice.after,
      };
      if (!plan.ignoreApplied) {
        change.heldBack = `needs --unsafe: ${advice.unsafeBecause ?? 'the change may leave out what the build needs'}`;
      } else if (!options.dryRun) {
        writeFileAtomic(advice.file, after, { within: contextDir });
        change.written = true;
      }
      ignoreChanges.set(key, change);
      fixedDockerfile.ignore = change;
    }
    // The context's findings are fixed by the change of the Dockerfile that makes (or, dry, shows) it, once.
    if (!fixedDockerfile.ignore) fixedDockerfile.fixed = fixedDockerfile.fixed.filter((finding) => !finding.fix?.file);
    dockerfiles.push(fixedDockerfile);
  }
  return { dockerfiles };
}
