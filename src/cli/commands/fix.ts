import { existsSync } from 'node:fs';
import { unifiedDiff } from '../../core/diff.js';
import { InputError } from '../../core/errors.js';
import { plural } from '../../core/format.js';
import { makeReport } from '../../core/report.js';
import { fix } from '../../dockerfile/lint.js';
import { ConfigCache, readDockerfileInputs, reportOptions, type CommonFlags } from '../common.js';
import { writeFileAtomic } from '../io.js';
import { emit, exitCodeFor } from '../output.js';

export interface FixFlags extends CommonFlags {
  dryRun?: boolean;
  unsafe?: boolean;
  stdinFilename?: string;
}

/**
 * Applies fixes to each Dockerfile and writes it back atomically; `--dry-run` prints the unified diff
 * instead, and stdin (`-`) prints the fixed text. Remaining findings are reported as `lint` would.
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
    const result = fix(input.text, { file: input.file, settings: input.config.rules, unsafe: !!flags.unsafe });
    remaining.push(...result.remaining);
    sources.set(input.file, result.text);
    const fromStdin = files[inputs.indexOf(input)] === '-';
    if (flags.dryRun) {
      process.stdout.write(unifiedDiff(input.text, result.text, `a/${input.file}`, `b/${input.file}`));
    } else if (fromStdin) {
      process.stdout.write(result.text);
      continue;
    } else if (result.text !== input.text) {
      writeFileAtomic(input.file, result.text);
    }
    const verb = flags.dryRun ? 'would fix' : 'fixed';
    process.stderr.write(
      `${input.file}: ${result.applied.length ? `${verb} ${plural(result.applied.length, 'problem')}` : 'nothing to fix'}` +
        `${result.remaining.length ? `, ${result.remaining.length} remain` : ''}\n`,
    );
  }
  const report = makeReport({ kind: 'dockerfile', ref: inputs.map((input) => input.file).join(', ') }, remaining, sources);
  const options = reportOptions(flags, inputs.map((input) => input.config));
  if (!flags.dryRun && !files.includes('-')) emit(report, options);
  return exitCodeFor(report, options.failOn);
}
