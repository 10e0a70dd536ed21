// Extracts the shell script of every shell-form RUN instruction from the third-party Dockerfiles under
// the conformance directory, the way BuildKit hands them to `/bin/sh -c`: continuation lines joined,
// comment and empty lines inside a continuation dropped, and a RUN that is a lone heredoc replaced by
// the heredoc body. Shared by the shell-parser differential test and the parse benchmark.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';

export interface RunScript {
  /** Where the script comes from: `<folder>/<file>:<line>` or `hadolint-cases#<index>:<line>`. */
  origin: string;
  script: string;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function conformanceDir(): string {
  return process.env.SHIPSHAPE_CONFORMANCE_DIR ?? join(repoRoot, '..', 'shared', 'conformance');
}

/** RUN scripts of the real-world Dockerfiles (official images and applications), Windows ones skipped. */
export function realWorldRunScripts(): RunScript[] {
  const out: RunScript[] = [];
  for (const folder of ['dockerfiles-official', 'dockerfiles-apps']) {
    const dir = join(conformanceDir(), folder);
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.json')) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      for (const run of runScripts(text)) out.push({ origin: `${folder}/${file}:${run.line}`, script: run.script });
    }
  }
  return out;
}

/** RUN scripts of hadolint's rule test cases, one entry per distinct script. */
export function hadolintCaseRunScripts(): RunScript[] {
  const cases = JSON.parse(readFileSync(join(conformanceDir(), 'hadolint-cases', 'hadolint-rule-cases.json'), 'utf8')) as {
    dockerfile: string;
  }[];
  const seen = new Set<string>();
  const out: RunScript[] = [];
  cases.forEach((c, index) => {
    for (const run of runScripts(c.dockerfile)) {
      if (seen.has(run.script)) continue;
      seen.add(run.script);
      out.push({ origin: `hadolint-cases#${index}:${run.line}`, script: run.script });
    }
  });
  return out;
}

/** The shell-form RUN scripts of one Dockerfile (none for a Windows Dockerfile). */
export function runScripts(text: string): { line: number; script: string }[] {
  const dockerfile = DockerfileParser.parse(text);
  const escape = dockerfile.getEscapeCharacter();
  if (escape !== '\\') return [];
  const instructions = dockerfile.getInstructions();
  const windowsShell = instructions.some(
    (i) => i.getKeyword() === 'SHELL' && /powershell|cmd(\.exe)?"/i.test(i.getRawArgumentsContent() ?? ''),
  );
  if (windowsShell) return [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => lineStarts[p.line]! + p.character;

  const out: { line: number; script: string }[] = [];
  for (let instruction of instructions) {
    if (instruction.getKeyword() === 'ONBUILD') {
      const trigger = (instruction as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      if (!trigger) continue;
      instruction = trigger;
    }
    if (instruction.getKeyword() !== 'RUN') continue;
    const run = instruction as unknown as RunLike;
    if (run.getOpeningBracket() && run.getClosingBracket() && run.getJSONStrings().length > 0) continue;
    const args = run.getArguments();
    if (args.length === 0) continue;
    const start = offset(args[0]!.getRange().start);
    const end = offset(run.getRange().end);
    const heredocs = run.getHeredocs();
    let script: string;
    if (heredocs.length === 0) {
      script = joinContinuations(text.slice(start, end));
    } else {
      const firstBody = heredocs[0]!.getContentRange() ?? heredocs[0]!.getDelimiterRange();
      const bodyStart = firstBody ? lineStarts[firstBody.start.line]! : end;
      const commandLine = joinContinuations(text.slice(start, Math.max(start, bodyStart - 1)));
      if (heredocs.length === 1 && /^<<-?["']?\w+["']?\s*$/.test(commandLine)) {
        const content = heredocs[0]!.getContentRange();
        script = content ? text.slice(offset(content.start), offset(content.end)) : '';
      } else {
        script = `${commandLine}\n${text.slice(bodyStart, end)}`;
      }
    }
    out.push({ line: run.getRange().start.line + 1, script });
  }
  return out;
}

interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface RunLike {
  getRange(): RangeLike;
  getArguments(): { getRange(): RangeLike }[];
  getOpeningBracket(): unknown;
  getClosingBracket(): unknown;
  getJSONStrings(): unknown[];
  getHeredocs(): { getContentRange(): RangeLike | null; getDelimiterRange(): RangeLike | null }[];
}

/** BuildKit's line joining: `\` at the end of a line (trailing blanks allowed) continues it. */
function joinContinuations(text: string): string {
  const lines = text.split('\n');
  let out = '';
  let continuing = false;
  for (let line of lines) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (continuing) {
      const trimmed = line.trimStart();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
    } else if (out !== '') {
      out += '\n';
    }
    const match = /\\[ \t]*$/.exec(line);
    if (match) {
      out += line.slice(0, match.index);
      continuing = true;
    } else {
      out += line;
      continuing = false;
    }
  }
  return out;
}
