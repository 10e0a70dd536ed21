// `docker build`, `docker buildx build`, `podman build`, `buildah bud|build` command lines in a shell text (a
// workflow's `run:`, a package.json script, a Makefile recipe, a shell script): the Dockerfile, context, target,
// build args and named contexts each names, and the compose and bake files that `docker compose -f` and
// `docker buildx bake -f` name. A word the shell would expand (`$VAR`, `$(cmd)`) or a CI expression is kept as
// written, as an unresolved value.

import { posix } from 'node:path';
import { LineIndex } from '../dockerfile/parse/lines.js';
import { parseShell, wordLiteral, type CommandInfo, type Word } from '../shell/index.js';
import type { Written } from './paths.js';

export interface CommandLineBuild {
  tool: string;
  /** `-f`/`--file` as written; undefined means `<context>/Dockerfile`. */
  file?: Written;
  /** The positional context; `-` (a Dockerfile on stdin) is kept as written. */
  context: Written;
  target?: Written;
  args: Record<string, string>;
  additionalContexts: Record<string, string>;
  /** 1-based line of the command in the text. */
  line: number;
  /** The directory that `cd` commands before it moved to, relative to where the text runs ('' when none). */
  cwd: Written;
}

export interface CommandLineFiles {
  builds: CommandLineBuild[];
  /** `docker compose -f FILE`, `docker-compose --file FILE`, as written. */
  composeFiles: string[];
  /** `docker buildx bake -f FILE`, as written. */
  bakeFiles: string[];
}

/** Options of the build commands that take a value (`--opt value`); the others are switches. */
const VALUE_OPTIONS = new Set([
  'f', 'file', 't', 'tag', 'target', 'build-arg', 'build-context', 'platform', 'label', 'cache-from', 'cache-to', 'o',
  'output', 'secret', 'ssh', 'progress', 'network', 'iidfile', 'metadata-file', 'builder', 'add-host', 'ulimit',
  'shm-size', 'm', 'memory', 'memory-swap', 'cpu-shares', 'cpuset-cpus', 'cpuset-mems', 'cpu-period', 'cpu-quota',
  'cgroup-parent', 'isolation', 'annotation', 'attest', 'provenance', 'sbom', 'call', 'security-opt', 'format',
  'authfile', 'creds', 'arch', 'os', 'variant', 'jobs', 'manifest', 'from', 'timestamp', 'cert-dir', 'env', 'runtime',
  'sign-by', 'volume', 'v', 'logfile', 'retry', 'unsetenv', 'cache-ttl', 'userns', 'ipc', 'pid', 'uts', 'device',
  'dns', 'dns-option', 'dns-search', 'layer-label', 'identity-label', 'secret-env',
]);

/** Global options of docker/podman that come before the subcommand and take a value. */
const GLOBAL_VALUE_OPTIONS = new Set(['context', 'c', 'host', 'H', 'config', 'log-level', 'l', 'connection', 'url', 'root', 'runroot', 'storage-driver']);

/** The working directory written as an expansion (`$(pwd)/api`): the directory the command runs in. */
const WORKING_DIRECTORY = /\$\(pwd\)|`pwd`|\$\{PWD\}|\$PWD\b/g;

/** The script's own directory written as an expansion (`$(dirname "$0")`, `$(dirname "${BASH_SOURCE[0]}")`). */
const SCRIPT_DIRECTORY = /\$\(\s*dirname\s+"?\$(?:0|\{0\}|\{BASH_SOURCE(?:\[0\])?\}|BASH_SOURCE)"?\s*\)|`dirname\s+"?\$0"?`/g;

const EXPRESSION = /\$\{\{[\s\S]*?\}\}/g;
const PLACEHOLDER = /__EXPR(\d+)__/g;

/** Each `${{ … }}` replaced by a word the shell parser keeps as it is, and the expressions to put back. */
function hideExpressions(text: string): { text: string; expressions: string[] } {
  const expressions: string[] = [];
  return {
    text: text.replace(EXPRESSION, (expression) => `__EXPR${expressions.push(expression) - 1}__`),
    expressions,
  };
}

class WordReader {
  constructor(
    private readonly expressions: readonly string[],
    private readonly scriptDirectory: string | undefined,
  ) {}

  /** The word's value, or what it says as written when the shell or the CI would expand it. */
  value(word: Word): Written {
    const literal = wordLiteral(word).replace(PLACEHOLDER, (_, index: string) => this.expressions[Number(index)] ?? '');
    if (word.value !== undefined && !PLACEHOLDER.test(word.value)) return word.value;
    PLACEHOLDER.lastIndex = 0;
    let relative = literal.replace(WORKING_DIRECTORY, '.');
    if (this.scriptDirectory !== undefined) relative = relative.replace(SCRIPT_DIRECTORY, () => this.scriptDirectory!);
    return relative.includes('$') ? { unresolved: literal } : relative;
  }

  text(word: Word): string {
    const written = this.value(word);
    return typeof written === 'string' ? written : written.unresolved;
  }
}

function optionName(arg: string): { name: string; inline?: string } | undefined {
  if (!arg.startsWith('-') || arg === '-' || arg === '--') return undefined;
  const body = arg.replace(/^--?/, '');
  const equals = body.indexOf('=');
  if (equals >= 0) return { name: body.slice(0, equals), inline: body.slice(equals + 1) };
  // `-fDockerfile`, `-tname`: a one-letter option with its value attached.
  if (!arg.startsWith('--') && body.length > 1 && VALUE_OPTIONS.has(body[0]!)) return { name: body[0]!, inline: body.slice(1) };
  return { name: body };
}

/** Where the subcommand words start, after the tool's global options. */
function skipGlobalOptions(args: readonly Word[], reader: WordReader): number {
  let i = 0;
  while (i < args.length) {
    const option = optionName(reader.text(args[i]!));
    if (!option) break;
    i += option.inline === undefined && GLOBAL_VALUE_OPTIONS.has(option.name) ? 2 : 1;
  }
  return i;
}

function keyValue(text: string, into: Record<string, string>): void {
  const equals = text.indexOf('=');
  if (equals > 0) into[text.slice(0, equals)] = text.slice(equals + 1);
  else if (text !== '') into[text] = '';
}

function readBuild(tool: string, args: readonly Word[], reader: WordReader, line: number, cwd: Written): CommandLineBuild {
  const build: CommandLineBuild = { tool, context: '.', args: {}, additionalContexts: {}, line, cwd };
  let context: Written | undefined;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const option = optionName(reader.text(word));
    if (!option) {
      context ??= reader.value(word);
      continue;
    }
    if (!VALUE_OPTIONS.has(option.name)) continue;
    let value: Written;
    if (option.inline !== undefined) value = reader.value(word);
    else if (i + 1 < args.length) value = reader.value(args[++i]!);
    else break;
    if (option.inline !== undefined) {
      value = typeof value === 'string' ? option.inline : { unresolved: value.unresolved.slice(value.unresolved.indexOf(option.inline)) };
    }
    const text = typeof value === 'string' ? value : value.unresolved;
    if (option.name === 'f' || option.name === 'file') build.file = value;
    else if (option.name === 'target') build.target = value;
    else if (option.name === 'build-arg') keyValue(text, build.args);
    else if (option.name === 'build-context') keyValue(text, build.additionalContexts);
  }
  if (context !== undefined) build.context = context;
  return build;
}

/** `-f FILE`/`--file FILE` values among a compose or bake command's words. */
function fileOptions(args: readonly Word[], reader: WordReader): string[] {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const option = optionName(reader.text(args[i]!));
    if (!option || (option.name !== 'f' && option.name !== 'file')) continue;
    const value = option.inline ?? (i + 1 < args.length ? reader.value(args[++i]!) : undefined);
    if (typeof value === 'string') files.push(value);
  }
  return files;
}

/** The directory after `cd target` from `cwd` (both relative to where the text runs). */
function changeDirectory(cwd: Written, target: Written): Written {
  if (typeof cwd !== 'string') return cwd;
  if (typeof target !== 'string' || target.startsWith('/') || target === '-' || target.startsWith('~')) {
    return typeof target === 'string' ? { unresolved: `cd ${target}` } : target;
  }
  return posix.normalize(cwd === '' ? target : `${cwd}/${target}`).replace(/\/$/, '').replace(/^\.$/, '');
}

function commandWords(info: CommandInfo): { name: string; args: Word[] } | undefined {
  const effective = info.effective;
  const name = effective?.name.value;
  if (!effective || name === undefined) return undefined;
  return { name: name.slice(name.lastIndexOf('/') + 1), args: effective.args };
}

/**
 * The build commands, compose files and bake files a shell text names; `scriptDirectory` is what `$(dirname "$0")`
 * stands for when the text is a script file.
 */
export function readCommandLines(script: string, scriptDirectory?: string): CommandLineFiles {
  const found: CommandLineFiles = { builds: [], composeFiles: [], bakeFiles: [] };
  const { text, expressions } = hideExpressions(script);
  const reader = new WordReader(expressions, scriptDirectory);
  const parsed = parseShell(text);
  const lines = new LineIndex(text);
  let cwd: Written = '';
  for (const info of parsed.commands) {
    const words = commandWords(info);
    if (!words) continue;
    const { name, args } = words;
    const line = lines.lineOf(info.command.start);
    if (name === 'cd' && !info.inSubstitution) {
      cwd = changeDirectory(cwd, args[0] ? reader.value(args[0]) : { unresolved: 'cd' });
      continue;
    }
    if (name === 'docker-compose' || name === 'podman-compose') {
      found.composeFiles.push(...fileOptions(args, reader));
      continue;
    }
    if (name !== 'docker' && name !== 'podman' && name !== 'buildah' && name !== 'nerdctl') continue;
    const start = skipGlobalOptions(args, reader);
    const sub = args.slice(start).map((word) => reader.text(word));
    const rest = (count: number) => args.slice(start + count);
    if (sub[0] === 'compose') {
      found.composeFiles.push(...fileOptions(rest(1), reader));
    } else if (sub[0] === 'buildx' && sub[1] === 'bake') {
      found.bakeFiles.push(...fileOptions(rest(2), reader));
    } else if (name === 'buildah' && (sub[0] === 'bud' || sub[0] === 'build')) {
      found.builds.push(readBuild(`buildah ${sub[0]}`, rest(1), reader, line, cwd));
    } else if (sub[0] === 'build' || sub[0] === 'builder' && sub[1] === 'build') {
      const skip = sub[0] === 'build' ? 1 : 2;
      found.builds.push(readBuild(`${name} build`, rest(skip), reader, line, cwd));
    } else if ((sub[0] === 'buildx' || sub[0] === 'image') && (sub[1] === 'build' || sub[1] === 'b')) {
      found.builds.push(readBuild(`${name} ${sub[0]} build`, rest(2), reader, line, cwd));
    }
  }
  return found;
}
