import { existsSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { makeReport } from '../../core/report.js';
import { lint } from '../../dockerfile/lint.js';
import { ConfigCache, readDockerfileInputs, reportOptions, type CommonFlags } from '../common.js';
import { emit, exitCodeFor } from '../output.js';

export interface LintFlags extends CommonFlags {
  stdinFilename?: string;
}

export async function lintCommand(files: string[], flags: LintFlags): Promise<number> {
  if (files.length === 0) {
    if (!existsSync('Dockerfile')) throw new InputError('no Dockerfile given and none in the current directory (use - for stdin)');
    files = ['Dockerfile'];
  }
  const configs = new ConfigCache(flags.config);
  const inputs = await readDockerfileInputs(files, configs, flags.stdinFilename);
  const findings = inputs.flatMap((input) => lint(input.text, { file: input.file, settings: input.config.rules }).findings);
  const report = makeReport(
    { kind: 'dockerfile', ref: inputs.map((input) => input.file).join(', ') },
    findings,
    new Map(inputs.map((input) => [input.file, input.text])),
  );
  const options = reportOptions(flags, inputs.map((input) => input.config));
  emit(report, options);
  return exitCodeFor(report, options.failOn);
}
