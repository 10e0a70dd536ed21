import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { analyzeContext } from '../../context/analyze.js';
import { copySpecsFromDockerfile } from '../../context/copy/spec.js';
import { unifiedDiff } from '../../core/diff.js';
import { InputError } from '../../core/errors.js';
import { plural } from '../../core/format.js';
import type { Config } from '../../core/config-parse.js';
import { applyFixes } from '../../core/fix.js';
import { formatBytesSI } from '../../core/format.js';
import { makeReport } from '../../core/report.js';
import { fix, parseForLint } from '../../dockerfile/lint.js';
import { digestPinCandidate } from '../../dockerfile/rules/use-digest-pin.js';
import { resolveDigest } from '../../image/resolve.js';
import type { RuleSetting } from '../../core/rule-meta.js';
import type { Dockerfile } from '../../dockerfile/parse/index.js';
import { ConfigCache, readDockerfileInputs, reportOptions, timeoutOption, type CommonFlags } from '../common.js';
import { printDiff, readOrEmpty, tell, writeFileAtomic } from '../io.js';
import { emit, exitCodeFor } from '../output.js';

export interface FixFlags extends CommonFlags {
  dryRun?: boolean;
  unsafe?: boolean;
  /** Resolve the final base image's tag to its digest at its registry and pin it. */
  pinDigests?: boolean;
  insecure?: boolean;
  /** `--timeout SECONDS` for the registry. */
  timeout?: string;
  stdinFilename?: string;
}

/**
 * The `.dockerignore` half of a fix: the build context of the (fixed) Dockerfile — its directory — is
 * analysed, and the tailored `.dockerignore` change is applied when its kind is allowed. The change was
 * verified by re-resolving every COPY of the Dockerfile.
 */
function fixDockerignore(file: string, dockerfile: Dockerfile, config: Config, flags: FixFlags): void {
  const context = analyzeContext(dirname(file), { dockerfile: file, copies: copySpecsFromDockerfile(dockerfile), rules: config.rules });
  const advice = context.advice;
  if (!advice) return;
  if (advice.fix.kind === 'unsafe' && !flags.unsafe) {
    tell(`${advice.file}: would add ${advice.entries.join(', ')} — may drop what a COPY relies on; rerun with --unsafe`);
    return;
  }
  const before = readOrEmpty(advice.file);
  const after = applyFixes(before, [advice.fix]).text;
  if (flags.dryRun) {
    printDiff(unifiedDiff(before, after, `a/${advice.file}`, `b/${advice.file}`));
    return;
  }
  writeFileAtomic(advice.file, after);
  tell(`${advice.file}: added ${plural(advice.entries.length, 'entry', 'entries')}; context ${formatBytesSI(advice.before.bytes)} -> ${formatBytesSI(advice.after.bytes)}`);
}

const DIGEST_PIN = 'dockerfile/use-digest-pin';

/** The settings with the final base's digest resolved at its registry, for the digest-pin rule's fix. */
async function withResolvedDigest(
  file: string,
  text: string,
  settings: Readonly<Record<string, RuleSetting>>,
  flags: FixFlags,
): Promise<Record<string, RuleSetting>> {
  const candidate = digestPinCandidate(parseForLint(text, file));
  if (!candidate || settings[DIGEST_PIN]?.severity === 'off') return { ...settings };
  const digest = await resolveDigest(candidate, { insecure: !!flags.insecure, ...timeoutOption(flags.timeout) });
  const current = settings[DIGEST_PIN];
  const digests = { ...(current?.options?.digests as Record<string, string> | undefined), [candidate]: digest };
  return { ...settings, [DIGEST_PIN]: { ...current, options: { ...current?.options, digests } } };
}

/**
 * Applies fixes to each Dockerfile and writes it back atomically, then tailors the `.dockerignore` of its
 * build context; `--dry-run` prints unified diffs instead, and stdin (`-`) prints the fixed text.
 * Remaining findings are reported as `lint` would.
 */
export async function fixCommand(files: string[], flags: FixFlags): Promise<number> {
  if (files.length === 0) {
    if (!existsSync('Dockerfile')) throw new InputError('no Dockerfile given and none in the current directory (use - for stdin)');
    files = ['Dockerfile'];
  }
  const configs = new ConfigCache(flags.config);
  const inputs = await readDockerfileInputs(files, configs, flags.stdinFilename);
  const remaining = [];
  const sources = new Map<string, string>();
  for (const input of inputs) {
    const settings = flags.pinDigests ? await withResolvedDigest(input.file, input.text, input.config.rules, flags) : input.config.rules;
    const result = fix(input.text, { file: input.file, settings, unsafe: !!flags.unsafe });
    remaining.push(...result.remaining);
    sources.set(input.file, result.text);
    const fromStdin = files[inputs.indexOf(input)] === '-';
    if (flags.dryRun) {
      printDiff(unifiedDiff(input.text, result.text, `a/${input.file}`, `b/${input.file}`));
    } else if (fromStdin) {
      process.stdout.write(result.text);
      continue;
    } else if (result.text !== input.text) {
      writeFileAtomic(input.file, result.text);
    }
    fixDockerignore(input.file, result.dockerfile, input.config, flags);
    const verb = flags.dryRun ? 'would fix' : 'fixed';
    tell(
      `${input.file}: ${result.applied.length ? `${verb} ${plural(result.applied.length, 'problem')}` : 'nothing to fix'}` +
        `${result.remaining.length ? `, ${result.remaining.length} remain` : ''}`,
    );
  }
  const report = makeReport({ kind: 'dockerfile', ref: inputs.map((input) => input.file).join(', ') }, remaining, sources);
  const options = reportOptions(flags, inputs.map((input) => input.config));
  if (!flags.dryRun && !files.includes('-')) emit(report, options);
  return exitCodeFor(report, options.failOn);
}
