import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeContext } from '../../context/analyze.js';
import { copySpecsFromDockerfile } from '../../context/copy/spec.js';
import type { ContextReport } from '../../context/types.js';
import { InputError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import { makeReport } from '../../core/report.js';
import { lint } from '../../dockerfile/lint.js';
import { contextPreamble, contextSection } from '../../report/context.js';
import { ConfigCache, readDockerfileInputs, reportOptions, type CommonFlags } from '../common.js';
import { emit, exitCodeFor } from '../output.js';

/** Directories that hold dependencies or build output, never a project's own Dockerfiles. */
const SKIPPED_DIRS = new Set(['node_modules', 'vendor', 'target', '__pycache__', 'venv']);

export function isDockerfileName(name: string): boolean {
  if (name.endsWith('.dockerignore')) return false;
  return (
    name === 'Dockerfile' ||
    name === 'Containerfile' ||
    name.startsWith('Dockerfile.') ||
    name.startsWith('Containerfile.') ||
    name.endsWith('.Dockerfile') ||
    name.endsWith('.dockerfile') ||
    name.endsWith('.Containerfile')
  );
}

/** The Dockerfiles under a directory, in a stable order (sorted paths), hidden and dependency directories skipped. */
export function findDockerfiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && isDockerfileName(entry.name)) {
        found.push(path);
      }
    }
  };
  walk(root);
  return found;
}

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
  const findings: Finding[] = [];
  const contexts: ContextReport[] = [];
  for (const input of inputs) {
    const result = lint(input.text, { file: input.file, settings: input.config.rules });
    // The build context of a Dockerfile is taken to be its directory, as `docker build -f DIR/Dockerfile DIR`.
    const context = analyzeContext(dirname(input.file), {
      dockerfile: input.file,
      copies: copySpecsFromDockerfile(result.dockerfile),
      rules: input.config.rules,
    });
    findings.push(...result.findings, ...context.findings);
    contexts.push(context);
  }
  const report = {
    ...makeReport({ kind: 'check', ref: root }, findings, new Map(inputs.map((input) => [input.file, input.text]))),
    contexts: contexts.map(contextSection),
  };
  const options = reportOptions(flags, inputs.map((input) => input.config));
  emit(report, options, contexts.flatMap(contextPreamble));
  return exitCodeFor(report, options.failOn);
}
