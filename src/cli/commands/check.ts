import { statSync } from 'node:fs';
import { checkDockerfile, findDockerfiles } from '../../check.js';
import { InputError } from '../../core/errors.js';
import { makeReport } from '../../core/report.js';
import { contextPreamble, contextSection } from '../../report/context.js';
import { ConfigCache, readDockerfileInputs, reportOptions, type CommonFlags } from '../common.js';
import { emit, exitCodeFor } from '../output.js';

export async function checkCommand(dir: string | undefined, flags: CommonFlags): Promise<number> {
  const root = dir ?? '.';
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new InputError(`${root}: no such directory`);
  }
  if (!isDir) throw new InputError(`${root}: not a directory (check takes a directory; use \`shipshape lint ${root}\` for a file)`);
  const files = findDockerfiles(root);
  if (files.length === 0) {
    throw new InputError(`${root}: no Dockerfile found (looked for Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*)`);
  }
  const configs = new ConfigCache(flags.config);
  const inputs = await readDockerfileInputs(files, configs);
  const checked = inputs.map((input) => checkDockerfile(input.file, input.text, input.config.rules));
  const findings = checked.flatMap((result) => result.findings);
  const contexts = checked.map((result) => result.context);
  const report = {
    ...makeReport({ kind: 'check', ref: root }, findings, new Map(inputs.map((input) => [input.file, input.text]))),
    contexts: contexts.map(contextSection),
  };
  const options = reportOptions(flags, inputs.map((input) => input.config));
  emit(report, options, contexts.flatMap(contextPreamble));
  return exitCodeFor(report, options.failOn);
}
