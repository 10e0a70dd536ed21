// Edits of RUN scripts that keep the file's style: a command appended the way the script already chains
// its commands (on the same line, or on a new continuation line with the same indentation and the same
// leading or trailing operator), an option inserted after a word, a command removed with its connector.
import type { Edit } from '../../../core/finding.js';
import type { CommandInfo, Statement, Word } from '../../../shell/ast.js';
import type { Dockerfile, Instruction, RunShell, Span } from '../../parse/index.js';

/** How a RUN's script is written: inline (shell form, continuations), a lone heredoc, or both mixed. */
export type ScriptShape = 'inline' | 'heredoc' | 'mixed';

export function scriptShape(instruction: Instruction, shell: RunShell): ScriptShape {
  if (instruction.heredocs.length === 0) return 'inline';
  return shell.toFileOffset(0) === instruction.heredocs[0]!.contentSpan.start ? 'heredoc' : 'mixed';
}

/** The file offset just after the last character of a source range (robust across joined continuations). */
export function fileEnd(shell: RunShell, endInSource: number): number {
  return shell.toFileOffset(endInSource - 1) + 1;
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return { start, end };
}

function indentOf(text: string, lineStart: number): string {
  let at = lineStart;
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return text.slice(lineStart, at);
}

function setsErrexit(statements: Statement[], before: number): boolean {
  for (const statement of statements) {
    if (statement.start >= before) break;
    for (const pipeline of statement.pipelines) {
      const command = pipeline.commands[0];
      if (pipeline.commands.length !== 1 || command?.type !== 'SimpleCommand' || command.name?.value !== 'set') continue;
      for (let i = 0; i < command.args.length; i++) {
        const value = command.args[i]!.value ?? '';
        if (/^-[a-zA-Z]*e/.test(value)) return true;
        if (value === '-o' && command.args[i + 1]?.value === 'errexit') return true;
      }
    }
  }
  return false;
}

/**
 * An edit that runs `command` after everything else in a RUN script, written in the script's own style:
 * ` && cmd` on a one-line RUN; on a multi-line RUN a new continuation line indented like the last command,
 * with `&&` (or `;`) leading or trailing as the script writes it; a new line in a heredoc script that sets
 * `-e`. Undefined when the script's end cannot take a command safely (a trailing `&`, a heredoc at the end,
 * a heredoc mixed with inline commands, a script that does not parse).
 */
export function appendCommandEdit(dockerfile: Dockerfile, instruction: Instruction, shell: RunShell, command: string): Edit | undefined {
  const { script, source } = shell;
  const shape = scriptShape(instruction, shell);
  const last = script.body.at(-1);
  if (!last || shape === 'mixed' || script.errors.length > 0 || last.terminator === '&') return undefined;
  const pipeline = last.pipelines.at(-1)!;
  if (source.slice(pipeline.start, pipeline.end).includes('<<')) return undefined;
  const text = dockerfile.text;
  const at = fileEnd(shell, pipeline.end);
  const atLine = lineBounds(text, at);
  const firstLine = lineBounds(text, shell.toFileOffset(0));
  const escape = dockerfile.escapeChar;

  if (shape === 'heredoc') {
    if (setsErrexit(script.body, pipeline.start)) {
      const start = lineBounds(text, shell.toFileOffset(last.start)).start;
      return { range: [at, at], text: `\n${indentOf(text, start)}${command}` };
    }
    return { range: [at, at], text: ` && ${command}` };
  }
  if (atLine.start === firstLine.start) return { range: [at, at], text: ` && ${command}` };

  const pipelineStart = shell.toFileOffset(pipeline.start);
  const startLine = lineBounds(text, pipelineStart);
  const indentLine = startLine.start === firstLine.start ? atLine : startLine;
  const indent = indentOf(text, indentLine.start);
  const lead = text.slice(startLine.start + indentOf(text, startLine.start).length, pipelineStart).trim();
  if (startLine.start !== firstLine.start && (lead === '&&' || lead === ';' || lead === '||')) {
    const operator = lead === ';' ? ';' : '&&';
    return { range: [at, at], text: ` ${escape}\n${indent}${operator} ${command}` };
  }
  const operator = last.pipelines.length === 1 && script.body.length > 1 && script.body.at(-2)!.terminator === ';' ? ';' : ' &&';
  return { range: [at, at], text: `${operator} ${escape}\n${indent}${command}` };
}

/**
 * An edit that puts ` text` right after a word of a RUN script. It rewrites the word rather than inserting at
 * its end, so that a command appended at the same place by another fix (when the word ends the script) lands
 * after the new text, not between the word and it.
 */
export function insertAfterWord(dockerfile: Dockerfile, shell: RunShell, word: Word, insert: string): Edit {
  const { start, end } = fileSpan(shell, word);
  return { range: [start, end], text: `${dockerfile.text.slice(start, end)} ${insert}` };
}

/** The file span of a node of a RUN script (a command, a word). */
export function fileSpan(shell: RunShell, node: { start: number; end: number }): Span {
  return { start: shell.toFileOffset(node.start), end: fileEnd(shell, node.end) };
}

/**
 * An edit that deletes a command of a RUN script together with the operator that chains it: `cmd && ` when
 * it comes first, ` && cmd` when it comes last, the whole statement when it stands alone. Only for a command
 * that is a whole pipeline of a top-level statement joined by `&&` (or a statement of its own); undefined
 * otherwise, and when it is the script's only command.
 */
export function removeCommandEdit(shell: RunShell, info: CommandInfo): Edit | undefined {
  const { body } = shell.script;
  const start = info.command.start;
  if (info.inSubshell || info.inSubstitution || info.inFunction || info.inCondition || info.nestedIn) return undefined;
  if (info.pipeline.length !== 1) return undefined;
  const s = body.findIndex((statement) => statement.start <= start && start < statement.end);
  const statement = body[s];
  if (!statement) return undefined;
  const p = statement.pipelines.findIndex((pipeline) => pipeline.start === info.pipeline.node.start);
  if (p < 0) return undefined;
  const pipelines = statement.pipelines;
  if (pipelines.length === 1) {
    const next = body[s + 1];
    if (next) return { range: [shell.toFileOffset(statement.start), shell.toFileOffset(next.start)], text: '' };
    const previous = body[s - 1];
    if (!previous) return undefined;
    const end = previous.pipelines.at(-1)!.end;
    return { range: [fileEnd(shell, end), fileEnd(shell, statement.pipelines[0]!.end)], text: '' };
  }
  if (p < pipelines.length - 1) {
    if (statement.operators[p] !== '&&' || (p > 0 && statement.operators[p - 1] !== '&&')) return undefined;
    return { range: [shell.toFileOffset(pipelines[p]!.start), shell.toFileOffset(pipelines[p + 1]!.start)], text: '' };
  }
  if (statement.operators[p - 1] !== '&&') return undefined;
  return { range: [fileEnd(shell, pipelines[p - 1]!.end), fileEnd(shell, pipelines[p]!.end)], text: '' };
}
