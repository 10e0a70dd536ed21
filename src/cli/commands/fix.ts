import { InputError } from '../../core/errors.js';
import { contextChange, plural } from '../../core/format.js';
import { makeReport } from '../../core/report.js';
import { fix, projectFixTargets, type FileChange, type FixedDockerfile, type IgnoreChange } from '../../fix.js';
import { ConfigCache, readDockerfileInputs, reportOptions, timeoutOption, type CommonFlags } from '../common.js';
import { printDiff, tell } from '../io.js';
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

/** One change as the JSON report's `changes` section carries it. */
function changeJson(kind: 'dockerfile' | 'dockerignore', change: FileChange | IgnoreChange, fixed?: number): Record<string, unknown> {
  return {
    kind,
    file: change.label,
    written: change.written,
    ...(fixed !== undefined && { fixed }),
    ...('heldBack' in change && change.heldBack !== undefined && { heldBack: change.heldBack }),
    diff: change.diff,
  };
}

/** The line a terminal shows for one fixed Dockerfile, and for its .dockerignore change. */
function summaryLines(result: FixedDockerfile, dryRun: boolean): string[] {
  const verb = dryRun ? 'would fix' : 'fixed';
  const lines = [
    `${result.file}: ${result.fixed.length ? `${verb} ${plural(result.fixed.length, 'problem')}` : 'nothing to fix'}` +
      `${result.remaining.length ? `, ${result.remaining.length} remain` : ''}`,
  ];
  const ignore = result.ignore;
  if (ignore?.heldBack) lines.push(heldBackLine(ignore));
  else if (ignore) {
    const sizes = contextChange(ignore.contextBefore.bytes, ignore.contextAfter.bytes);
    lines.push(`${ignore.file}: ${dryRun ? 'would add' : 'added'} ${plural(ignore.entries.length, 'entry', 'entries')} (${ignore.entries.join(', ')}); ${sizes}`);
  }
  return lines;
}

function heldBackLine(change: IgnoreChange): string {
  return `${change.file}: not changed, ${change.heldBack} (would add ${change.entries.join(', ')})`;
}

/** A held-back change shown in a dry run: the reason, then its diff as comment lines, which `patch` passes over. */
function heldBackBlock(change: IgnoreChange): string {
  const diff = change.diff.replace(/\n$/, '').split('\n').map((line) => `# ${line}`).join('\n');
  return `# ${change.label}: not applied, ${change.heldBack}\n${diff}\n`;
}

/**
 * Applies fixes to each Dockerfile (given, or every one `check .` finds) and writes it back atomically, then
 * tailors the `.dockerignore` of its build context; `--dry-run` prints unified diffs instead, and stdin (`-`) prints the fixed text.
 * Remaining findings are reported as `lint` would.
 */
export async function fixCommand(files: string[], flags: FixFlags): Promise<number> {
  const configs = new ConfigCache(flags.config);
  // Without files, the project in the working directory: every Dockerfile `check .` checks, with its build context.
  const planned = files.length === 0 ? projectFixTargets('.', { exclude: configs.forFile('.shipshape.yaml').exclude ?? [] }) : undefined;
  if (planned?.length === 0) throw new InputError('no Dockerfile given and none found under the current directory (use - for stdin)');
  if (planned) files = planned.map((target) => target.file);
  const inputs = await readDockerfileInputs(files, configs, flags.stdinFilename);
  const targets = inputs.map((input, index) => ({
    ...planned?.[index],
    file: input.file,
    text: input.text,
    settings: input.config.rules,
    ...(files[index] === '-' && { stdin: true }),
  }));
  const outcome = await fix(targets, {
    dryRun: !!flags.dryRun,
    unsafe: !!flags.unsafe,
    pinDigests: !!flags.pinDigests,
    insecure: !!flags.insecure,
    ...timeoutOption(flags.timeout),
  });
  const options = reportOptions(flags, inputs.map((input) => input.config));
  const json = options.format !== 'terminal';
  const results = outcome.dockerfiles;
  const report = {
    ...makeReport(
      { kind: 'dockerfile', ref: inputs.map((input) => input.file).join(', ') },
      results.flatMap((result) => result.remaining),
      new Map(results.map((result) => [result.file, result.text])),
    ),
    changes: results.flatMap((result) => [
      ...(result.change ? [changeJson('dockerfile', result.change, result.fixed.filter((f) => !f.fix?.file).length)] : []),
      ...(result.ignore ? [changeJson('dockerignore', result.ignore, result.ignore.heldBack ? 0 : result.fixed.filter((f) => f.fix?.file).length)] : []),
    ]),
  };
  if (files.includes('-') && !flags.dryRun) {
    for (const result of results) if (targets[results.indexOf(result)]?.stdin) process.stdout.write(result.text);
    return exitCodeFor(report, options.failOn);
  }
  if (flags.dryRun && !json) {
    const changes = results.flatMap((result) => [result.change, result.ignore?.heldBack ? undefined : result.ignore]);
    for (const change of changes) if (change) printDiff(change.diff);
    for (const result of results) if (result.ignore?.heldBack) printDiff(heldBackBlock(result.ignore));
    for (const result of results) summaryLines(result, true).forEach(tell);
    return exitCodeFor(report, options.failOn);
  }
  results.flatMap((result) => summaryLines(result, !!flags.dryRun)).forEach(tell);
  // A change held back is part of the report, not only of the messages on stderr.
  const heldBack = results.flatMap((result) => (result.ignore?.heldBack ? [heldBackLine(result.ignore), ''] : []));
  emit(report, options, heldBack);
  return exitCodeFor(report, options.failOn);
}
