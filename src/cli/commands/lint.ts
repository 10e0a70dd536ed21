import { existsSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { makeReport } from '../../core/report.js';
import { lintParsed, parseForLint } from '../../dockerfile/lint.js';
import { shellcheckDockerfiles } from '../../dockerfile/shellcheck/index.js';
import { ConfigCache, readDockerfileInputs, reportOptions, type CommonFlags } from '../common.js';
import { tell } from '../io.js';
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
  const parsed = inputs.map((input) => parseForLint(input.text, input.file));
  // One ShellCheck process for every file, as its start costs more than checking a script.
  const shellchecked = shellcheckDockerfiles(parsed);
  const skipped = shellchecked.find((result) => result.skipped)?.skipped;
  if (skipped) tell(skipped);
  const findings = inputs.flatMap((input, index) =>
    lintParsed(parsed[index]!, {
      file: input.file,
      settings: input.config.rules,
      shellcheck: shellchecked[index]!.findings,
      disableIgnorePragma: input.config.disableIgnorePragma ?? false,
    }),
  );
  const report = makeReport(
    { kind: 'dockerfile', ref: inputs.map((input) => input.file).join(', ') },
    findings,
    new Map(inputs.map((input) => [input.file, input.text])),
  );
  const options = reportOptions(flags, inputs.map((input) => input.config));
  emit(report, options);
  return exitCodeFor(report, options.failOn);
}
