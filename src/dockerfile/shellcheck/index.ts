// ShellCheck inside RUN, the way hadolint runs it: every shell-form RUN (and heredoc script) of a POSIX shell
// is checked as a script of its stage's shell, with the ARG and ENV names in scope declared as set and
// hadolint's exclusions; each ShellCheck comment is mapped back to the Dockerfile line and column it is about.
// One `shellcheck` process checks every script of every Dockerfile given at once (a process per RUN would cost
// more than the linting itself).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Edit, Finding } from '../../core/finding.js';
import { findProgram } from '../../core/program-path.js';
import { compareFindings } from '../../core/report.js';
import type { Severity } from '../../core/severity.js';
import type { Dockerfile, Instruction, RunShell } from '../parse/index.js';
import { shellInstructionAt } from '../parse/run-shell.js';
import { variableNamesAt } from '../parse/stages.js';
import { SHELLCHECK_DOMAIN } from './codes.js';

export { SHELLCHECK_DOMAIN, shellcheckRuleId, shellcheckRuleMeta } from './codes.js';

/**
 * Codes hadolint never reports: SC2187 (ash is checked as dash), SC1090 and SC1091 (`source` of a file
 * ShellCheck cannot follow: the directive that would fix it cannot be written in a Dockerfile).
 */
export const HADOLINT_EXCLUSIONS = ['SC2187', 'SC1090', 'SC1091'] as const;

/** Names hadolint declares in every script: the proxy variables the builder passes without an ARG. */
const PREDEFINED_NAMES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

export type ShellDialect = 'sh' | 'bash' | 'dash' | 'ksh';

const DIALECTS: Readonly<Record<string, ShellDialect>> = {
  sh: 'sh',
  bash: 'bash',
  dash: 'dash',
  ksh: 'ksh',
  mksh: 'ksh',
  // ShellCheck checks ash as dash (the warning saying so is one of hadolint's exclusions).
  ash: 'dash',
  busybox: 'dash',
};

const SEVERITIES: Readonly<Record<string, Severity>> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ShellcheckOptions {
  /** The ShellCheck program; `shellcheck` on PATH by default. */
  command?: string;
  /** More codes to leave out (`SC2086`), on top of hadolint's exclusions. */
  exclude?: readonly string[];
  /** How long ShellCheck may run before it is stopped and skipped; 60 s by default. */
  timeoutMs?: number;
}

/**
 * ShellCheck's time grows faster than the scripts it is given (a hostile 1 MB Dockerfile of single-line RUNs
 * kept it busy for many minutes): past this, lint goes on without it and says so.
 */
export const SHELLCHECK_TIMEOUT_MS = 60_000;

export interface ShellcheckResult {
  findings: Finding[];
  /** Set when ShellCheck could not run (not installed): one line to tell the user, instead of findings. */
  skipped?: string;
}

/** One script handed to ShellCheck, and how to map its positions back to its Dockerfile. */
interface Script {
  dockerfile: Dockerfile;
  shell: RunShell;
  text: string;
  /** Lines before the RUN's own source (shebang, declarations). */
  headerLines: number;
  /** Start offset of each line of the source. */
  lineStarts: number[];
}

function basenameOf(program: string): string {
  return program.split(/[\\/]/).pop()!.toLowerCase();
}

/** The shell a `# hadolint shell=` (or `# shipshape shell=`) pragma names for the whole file. */
function pragmaShell(dockerfile: Dockerfile): string | undefined {
  for (const comment of dockerfile.comments) {
    const named = /^(?:hadolint|shipshape)\s+shell\s*=\s*(\S+)/.exec(comment.text)?.[1];
    if (named) return named;
  }
  return undefined;
}

/** The program that runs a RUN: the pragma's shell, else the SHELL in effect, else `/bin/sh`. */
function shellProgram(dockerfile: Dockerfile, instruction: Instruction, pragma: string | undefined): string {
  if (pragma) return pragma;
  const shell = shellInstructionAt(dockerfile, instruction);
  return shell?.json ? (shell.args[0]?.value ?? '/bin/sh') : '/bin/sh';
}

/** The ShellCheck dialect of a script: its own `#!` line (a heredoc script), else its RUN's shell. */
function dialectOf(dockerfile: Dockerfile, instruction: Instruction, source: string, pragma: string | undefined): ShellDialect | undefined {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(source);
  if (shebang) {
    const program = basenameOf(shebang[1]!) === 'env' ? shebang[2] : shebang[1];
    return program ? DIALECTS[basenameOf(program)] : undefined;
  }
  return DIALECTS[basenameOf(shellProgram(dockerfile, instruction, pragma))];
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function scriptsOf(dockerfile: Dockerfile): Script[] {
  const scripts: Script[] = [];
  const pragma = pragmaShell(dockerfile);
  for (const instruction of dockerfile.instructions) {
    const run = instruction.keyword === 'RUN' ? instruction : instruction.trigger?.keyword === 'RUN' ? instruction.trigger : undefined;
    if (!run) continue;
    const shell = dockerfile.shellOf(run);
    if (!shell || shell.source.trim() === '') continue;
    const dialect = dialectOf(dockerfile, run, shell.source, pragma);
    if (!dialect) continue;
    const names = new Set(PREDEFINED_NAMES);
    for (const name of variableNamesAt(dockerfile, instruction)) if (SHELL_NAME.test(name)) names.add(name);
    const header = [`#!/bin/${dialect}`, ...[...names].sort().map((name) => `export ${name}=1`)];
    // A heredoc script's own `#!` line stays where it is, as a comment after ours.
    scripts.push({
      dockerfile,
      shell,
      text: `${header.join('\n')}\n${shell.source}`,
      headerLines: header.length,
      lineStarts: lineStartsOf(shell.source),
    });
  }
  return scripts;
}

/** ShellCheck's json1 comments: 1-based lines and columns, a tab counting as one column, in code points. */
interface ShellcheckPosition {
  line: number;
  column: number;
}

interface ShellcheckComment extends ShellcheckPosition {
  file: string;
  endLine: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
  fix: { replacements: (ShellcheckPosition & { endLine: number; endColumn: number; replacement: string })[] } | null;
}

/** The Dockerfile offset of a ShellCheck position in a script, or undefined when it is in the header. */
function fileOffset(script: Script, position: ShellcheckPosition): number | undefined {
  const lineIndex = position.line - script.headerLines - 1;
  const lineStart = script.lineStarts[lineIndex];
  if (lineIndex < 0 || lineStart === undefined) return undefined;
  const source = script.shell.source;
  let offset = lineStart;
  for (let column = 1; column < position.column && offset < source.length && source[offset] !== '\n'; column++) {
    offset += (source.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  }
  return script.shell.toFileOffset(offset);
}

function findingOf(script: Script, comment: ShellcheckComment): Finding | undefined {
  const start = fileOffset(script, comment);
  if (start === undefined) return undefined;
  const end = Math.max(start, fileOffset(script, { line: comment.endLine, column: comment.endColumn }) ?? start);
  const { dockerfile } = script;
  const from = dockerfile.position(start);
  const to = dockerfile.position(end);
  const code = `SC${comment.code}`;
  const finding: Finding = {
    ruleId: `${SHELLCHECK_DOMAIN}/${code}`,
    severity: SEVERITIES[comment.level] ?? 'warning',
    message: comment.message,
    messageId: code,
    location: { file: dockerfile.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column },
    aliases: [code],
  };
  const edits: Edit[] = [];
  for (const replacement of comment.fix?.replacements ?? []) {
    const editStart = fileOffset(script, replacement);
    const editEnd = fileOffset(script, { line: replacement.endLine, column: replacement.endColumn });
    if (editStart === undefined || editEnd === undefined || editEnd < editStart) return finding;
    edits.push({ range: [editStart, editEnd], text: replacement.replacement });
  }
  if (edits.length > 0) finding.fix = { kind: 'unsafe', description: `ShellCheck's fix for ${code}`, edits };
  return finding;
}

function readOutput(stdout: string): { comments: ShellcheckComment[] } | undefined {
  try {
    const output = JSON.parse(stdout) as { comments?: unknown };
    return Array.isArray(output.comments) ? (output as { comments: ShellcheckComment[] }) : undefined;
  } catch {
    return undefined;
  }
}

function skippedAll(dockerfiles: readonly Dockerfile[], reason: string): ShellcheckResult[] {
  const skipped = `ShellCheck was skipped: ${reason} (RUN scripts were not checked)`;
  return dockerfiles.map(() => ({ findings: [], skipped }));
}

/**
 * Runs ShellCheck once over the RUN scripts of all the given Dockerfiles; the result of each Dockerfile is at
 * its index. Without a `shellcheck` program, every result says it was skipped.
 */
export function shellcheckDockerfiles(dockerfiles: readonly Dockerfile[], options: ShellcheckOptions = {}): ShellcheckResult[] {
  const perFile = dockerfiles.map((dockerfile) => ({ dockerfile, scripts: scriptsOf(dockerfile) }));
  const scripts = perFile.flatMap((entry) => entry.scripts);
  const results: ShellcheckResult[] = dockerfiles.map(() => ({ findings: [] }));
  if (scripts.length === 0) return results;
  const command = options.command ?? 'shellcheck';
  const program = findProgram(command);
  if (!program) return skippedAll(dockerfiles, `no ${command} on PATH`);
  const excluded = [...HADOLINT_EXCLUSIONS, ...(options.exclude ?? [])].map((code) => code.replace(/^SC/, ''));
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-shellcheck-'));
  try {
    const files = scripts.map((script, i) => {
      const path = join(dir, `${i}.sh`);
      writeFileSync(path, script.text);
      return path;
    });
    // --norc: a .shellcheckrc above the temporary directory must not change what a Dockerfile's check says.
    const args = ['--norc', '--format=json1', '--severity=style', `--exclude=${excluded.join(',')}`, ...files];
    const timeout = options.timeoutMs ?? SHELLCHECK_TIMEOUT_MS;
    const run = spawnSync(program, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout, killSignal: 'SIGKILL' });
    // ShellCheck exits 1 when it has comments; anything else (3: options it does not know, as a ShellCheck
    // older than 0.7 does not know json1) means it did not check.
    const failure = (run.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT'
      ? `${command} ran past its limit of ${timeout / 1000} s`
      : run.error
      ? run.error.message
      : run.status !== 0 && run.status !== 1
        ? `${command} exited with ${run.status}: ${run.stderr.trim().split('\n')[0] ?? ''}`
        : undefined;
    const output = failure ? undefined : readOutput(run.stdout);
    if (!output) return skippedAll(dockerfiles, failure ?? `${command} wrote no json1 report`);
    const byPath = new Map(files.map((path, i) => [path, scripts[i]!]));
    const resultOf = new Map(perFile.map((entry, i) => [entry.dockerfile, results[i]!]));
    for (const comment of output.comments) {
      const script = byPath.get(comment.file);
      if (!script) continue;
      const finding = findingOf(script, comment);
      if (finding) resultOf.get(script.dockerfile)!.findings.push(finding);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const result of results) result.findings.sort(compareFindings);
  return results;
}

/** ShellCheck over one Dockerfile's RUN scripts, in one process. */
export function shellcheckDockerfile(dockerfile: Dockerfile, options: ShellcheckOptions = {}): ShellcheckResult {
  return shellcheckDockerfiles([dockerfile], options)[0]!;
}
