// The builds that command lines declare, in package.json scripts, Makefiles and shell scripts: `docker build`,
// `docker buildx build`, `podman build`, `buildah bud`, with `-f FILE CONTEXT`, `--target`, `--build-arg`. Relative
// paths resolve against the directory the command runs in: the package's, the Makefile's, and for a shell script
// (run from anywhere) the repository root or else the script's own directory, whichever holds the Dockerfile.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readCommandLines, type CommandLineBuild, type CommandLineFiles } from './command-line.js';
import type { DeclaredBuilds } from './compose.js';
import { joinWritten, type Written } from './paths.js';
import { isUnresolved, type Build, type BuildSource } from './types.js';

export interface ScriptFindings extends DeclaredBuilds {
  /** Compose and bake files the commands name (`docker compose -f`, `docker buildx bake -f`), as paths. */
  composeFiles: string[];
  bakeFiles: string[];
}

export function emptyFindings(): ScriptFindings {
  return { builds: [], notes: [], composeFiles: [], bakeFiles: [] };
}

/**
 * The Build a command line declares, run in one of `directories` (the first where its Dockerfile exists, else the
 * first); undefined, with a note, when it cannot name a Dockerfile.
 */
export function commandLineBuild(command: CommandLineBuild, directories: readonly Written[], source: BuildSource, findings: ScriptFindings): Build | undefined {
  if (command.file === '-' || command.context === '-') {
    findings.notes.push({ file: source.file ?? '', message: `line ${source.line}: ${command.tool} reads its Dockerfile from stdin: not checked here` });
    return undefined;
  }
  const candidates = directories.map((directory) => {
    const cwd = joinWritten(directory, command.cwd === '' ? '.' : command.cwd);
    const context = joinWritten(cwd, command.context);
    let dockerfile: Written;
    if (command.file !== undefined) dockerfile = joinWritten(cwd, command.file);
    else {
      dockerfile = joinWritten(context, 'Dockerfile');
      const containerfile = joinWritten(context, 'Containerfile');
      if (typeof dockerfile === 'string' && !existsSync(dockerfile) && typeof containerfile === 'string' && existsSync(containerfile)) {
        dockerfile = containerfile;
      }
    }
    return { context, dockerfile };
  });
  const chosen = candidates.find((candidate) => typeof candidate.dockerfile === 'string' && existsSync(candidate.dockerfile)) ?? candidates[0]!;
  if (isUnresolved(chosen.dockerfile)) {
    findings.notes.push({
      file: source.file ?? '',
      message: `line ${source.line}: ${command.tool}: Dockerfile ${chosen.dockerfile.unresolved} is not resolved (an expression this reader does not evaluate)`,
    });
    return undefined;
  }
  return {
    dockerfile: chosen.dockerfile,
    context: chosen.context,
    ...(command.target !== undefined && { target: command.target }),
    args: command.args,
    additionalContexts: command.additionalContexts,
    source,
  };
}

/** Adds what a shell text declares, its relative paths taken from `directories`. */
export function addCommandLines(
  found: CommandLineFiles,
  directories: readonly Written[],
  source: (line: number) => BuildSource,
  findings: ScriptFindings,
): void {
  for (const command of found.builds) {
    const build = commandLineBuild(command, directories, source(command.line), findings);
    if (build) findings.builds.push(build);
  }
  const named = (path: string) => {
    for (const directory of directories) {
      const joined = joinWritten(directory, path);
      if (typeof joined === 'string' && existsSync(joined)) return joined;
    }
    return undefined;
  };
  for (const file of found.composeFiles) {
    const path = named(file);
    if (path) findings.composeFiles.push(path);
  }
  for (const file of found.bakeFiles) {
    const path = named(file);
    if (path) findings.bakeFiles.push(path);
  }
}

function readText(file: string, findings: ScriptFindings): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    findings.notes.push({ file, message: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'}): its builds are not known` });
    return undefined;
  }
}

const BUILD_WORDS = /\b(docker|podman|buildah|nerdctl|docker-compose|podman-compose)\b/;

/** Builds in a package.json's `scripts`, each run in the package's directory. */
export function packageJsonBuilds(file: string, findings: ScriptFindings): void {
  const text = readText(file, findings);
  if (text === undefined || !BUILD_WORDS.test(text)) return;
  let scripts: unknown;
  try {
    scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
  } catch {
    findings.notes.push({ file, message: 'invalid JSON: its scripts are not read' });
    return;
  }
  if (!scripts || typeof scripts !== 'object') return;
  const lines = text.split('\n');
  for (const [name, script] of Object.entries(scripts)) {
    if (typeof script !== 'string' || !BUILD_WORDS.test(script)) continue;
    const line = lines.findIndex((l) => l.includes(JSON.stringify(name))) + 1;
    addCommandLines(readCommandLines(script), [dirname(file)], () => ({ kind: 'script', file, name: `script ${name}`, ...(line > 0 && { line }) }), findings);
  }
}

const ASSIGNMENT = /^(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(?:\?|:|::)?=\s*(.*)$/;

/** Simple variable assignments (`NAME = value`, `:=`, `?=`) of a Makefile and the files it `include`s; the first wins. */
function makeVariables(text: string, dir: string, variables = new Map<string, string>(), depth = 0): Map<string, string> {
  for (const line of text.split('\n')) {
    const include = /^-?include\s+(\S+)\s*$/.exec(line);
    if (include && depth < 4 && !include[1]!.includes('$')) {
      try {
        makeVariables(readFileSync(join(dir, include[1]!), 'utf8'), dir, variables, depth + 1);
      } catch {
        // An include that does not exist here (often generated) adds nothing.
      }
      continue;
    }
    const match = ASSIGNMENT.exec(line);
    if (match && !variables.has(match[1]!)) variables.set(match[1]!, match[2]!.replace(/\s+#.*$/, '').trim());
  }
  return variables;
}

/**
 * A Makefile's recipe lines as shell texts, each with its first line (make runs each in its own shell, so a `cd`
 * lasts one line): simple variables substituted, `$$` made `$`, the `@`/`-`/`+` prefixes removed; a variable
 * without a plain value stays `$(NAME)`.
 */
export function makeRecipes(text: string, dir: string): Array<{ line: number; text: string }> {
  const variables = makeVariables(text, dir);
  variables.set('CURDIR', '.');
  const expand = (value: string, depth: number): string =>
    value.replace(/\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]/g, (whole, name: string) => {
      const known = variables.get(name);
      return known === undefined || depth > 8 || /\$\((shell|call|eval|if|foreach)/.test(known) ? whole : expand(known, depth + 1);
    });
  const recipes: Array<{ line: number; text: string }> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('\t')) continue;
    const first = i;
    const parts = [lines[i]!.slice(1)];
    while (/\\$/.test(lines[i]!) && i + 1 < lines.length) parts.push(lines[++i]!.replace(/^\t/, ''));
    const recipe = parts.join('\n').replace(/^[@+-]+/, '');
    recipes.push({ line: first + 1, text: expand(recipe, 0).replace(/\$\$/g, '$') });
  }
  return recipes;
}

/** Builds in a Makefile's recipes, each run in the Makefile's directory. */
export function makefileBuilds(file: string, findings: ScriptFindings): void {
  const text = readText(file, findings);
  if (text === undefined || !BUILD_WORDS.test(text)) return;
  for (const recipe of makeRecipes(text, dirname(file))) {
    if (!BUILD_WORDS.test(recipe.text)) continue;
    addCommandLines(readCommandLines(recipe.text), [dirname(file)], (line) => ({ kind: 'script', file, line: recipe.line + line - 1 }), findings);
  }
}

/** Builds in a shell script, resolved against the repository root or else the script's directory. */
export function shellScriptBuilds(file: string, root: string, findings: ScriptFindings): void {
  const text = readText(file, findings);
  if (text === undefined || !BUILD_WORDS.test(text)) return;
  addCommandLines(readCommandLines(text, dirname(file)), [root, dirname(file)], (line) => ({ kind: 'script', file, line }), findings);
}
