// The Dockerfile parser. It follows BuildKit's parser (frontend/dockerfile/parser) line for line in
// behaviour — directives, continuations, comments inside continuations, heredocs, JSON vs shell form,
// per-keyword argument splitting — and keeps exact file offsets for every part, which rules and fixes need.
import { NO_BUILD_CHECK_DIRECTIVE, parseBuildCheckDirective, type BuildCheckDirective } from './check-directive.js';
import { expandWord, type VariableScope } from './expand.js';
import { isSpaceCode, parseInstruction, type InstructionProblem } from './instruction.js';
import { LineIndex } from './lines.js';
import { LogicalLine } from './logical.js';
import { runShell, shellKindAt, type RunShell } from './run-shell.js';
import { buildStages, variablesAt } from './stages.js';
import { dropHeredocSources } from './typed.js';
import type {
  Comment,
  Directive,
  Dockerfile,
  Expanded,
  Heredoc,
  Instruction,
  ParseProblem,
  RunInstruction,
  Span,
} from './types.js';

export type * from './types.js';
export type { RunShell, ShellKind } from './run-shell.js';
export type { BuildCheckDirective } from './check-directive.js';
export { expandWord } from './expand.js';

const DIRECTIVE = /^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** The lines of a text: where each starts, where its content ends (before `\r\n`/`\n`), where the next starts. */
class PhysicalLines {
  private next = 0;
  lineNumber = 0;
  start = 0;
  contentEnd = 0;
  end = 0;

  constructor(private readonly text: string) {
    // A UTF-8 byte order mark is not part of the first line.
    if (text.charCodeAt(0) === 0xfeff) this.next = 1;
  }

  advance(): boolean {
    if (this.next >= this.text.length) return false;
    this.start = this.next;
    const newline = this.text.indexOf('\n', this.start);
    this.end = newline === -1 ? this.text.length : newline + 1;
    let contentEnd = newline === -1 ? this.text.length : newline;
    if (contentEnd > this.start && this.text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    this.contentEnd = contentEnd;
    this.next = this.end;
    this.lineNumber++;
    return true;
  }
}

function firstNonSpace(text: string, from: number, to: number): number {
  let at = from;
  while (at < to && isSpaceCode(text.charCodeAt(at))) at++;
  return at;
}

/**
 * Where a line's content ends when it ends in a continuation (the escape character, then only spaces or
 * tabs), or -1. An escaped escape character (`\\`) is no continuation, as in BuildKit.
 */
function continuationAt(text: string, from: number, to: number, escape: number): number {
  let at = to;
  while (at > from && (text.charCodeAt(at - 1) === 32 || text.charCodeAt(at - 1) === 9)) at--;
  if (at === from || text.charCodeAt(at - 1) !== escape) return -1;
  const escapeAt = at - 1;
  if (escapeAt > from && text.charCodeAt(escapeAt - 1) === escape) return -1;
  return escapeAt;
}

/** Splits a line into shell words the way BuildKit finds heredoc markers: quotes kept, escapes kept. */
function rawShellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      word += ch;
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === "'" || ch === '"') quote = ch;
    if (ch === '\\' && i + 1 < line.length) {
      word += ch + line[++i];
      continue;
    }
    word += ch;
  }
  if (inWord) words.push(word);
  return words;
}

function heredocMarkers(line: string): { name: string; chomp: boolean; expand: boolean; fileDescriptor: number }[] {
  const markers = [];
  for (const word of rawShellWords(line)) {
    const match = HEREDOC_WORD.exec(word);
    if (!match || match[3] === '') continue;
    const raw = match[3]!;
    const name = raw.replace(/\\(.)/g, '$1').replace(/["']/g, '');
    if (name === '' || /\s/.test(name)) continue;
    markers.push({
      name,
      chomp: match[2] === '-',
      expand: !/["'\\]/.test(raw),
      fileDescriptor: match[1] ? Number(match[1]) : 0,
    });
  }
  return markers;
}

export function parseDockerfile(text: string, file = 'Dockerfile'): Dockerfile {
  const lines = new LineIndex(text);
  const directives: Directive[] = [];
  const comments: Comment[] = [];
  const instructions: Instruction[] = [];
  const problems: ParseProblem[] = [];
  let escapeChar = '\\';
  let buildChecks: BuildCheckDirective = NO_BUILD_CHECK_DIRECTIVE;
  let escape = 92;
  let lookingForDirectives = true;
  let pendingComments: Comment[] = [];
  // Set once the file is read: a RUN's script is parsed when first asked for, with the shell of its stage.
  let parsed: Dockerfile | undefined;
  const shellOf = (run: RunInstruction): RunShell | undefined =>
    parsed && parsed.shellKindAt(run) === 'posix' ? runShell(parsed, run) : undefined;

  const problemAt = (message: string, span: Span, level: ParseProblem['level'] = 'error'): void => {
    problems.push({ message, span, line: lines.lineOf(span.start), level });
  };

  const physical = new PhysicalLines(text);

  const readDirective = (start: number, end: number): boolean => {
    const match = DIRECTIVE.exec(text.slice(start, end));
    if (!match) return false;
    const name = match[1]!.toLowerCase();
    if (!KNOWN_DIRECTIVES.has(name)) return false;
    const value = match[2]!;
    const valueStart = start + match[0].lastIndexOf(value);
    const span = { start, end };
    if (directives.some((d) => d.name === name)) {
      problemAt(`only one ${name} parser directive can be used`, span);
    } else if (name === 'escape' && value !== '\\' && value !== '`') {
      problemAt(`invalid escape token '${value}': it must be \` or \\`, span);
    } else if (name === 'escape') {
      escapeChar = value;
      escape = value.charCodeAt(0);
    } else if (name === 'check') {
      const parsed = parseBuildCheckDirective(value);
      if ('skipAll' in parsed) buildChecks = parsed;
      else problemAt(parsed.error, span);
    }
    directives.push({ name, value, span, valueSpan: { start: valueStart, end: valueStart + value.length } });
    return true;
  };

  /** Comments between instructions are kept for the next instruction, as BuildKit does; ones inside continuations are not. */
  const recordComment = (start: number, end: number, betweenInstructions: boolean): void => {
    const hash = text.indexOf('#', start);
    const comment = { text: text.slice(hash + 1, end).trim(), span: { start, end }, line: physical.lineNumber };
    comments.push(comment);
    if (!betweenInstructions) return;
    if (comment.text === '') pendingComments = [];
    else pendingComments.push(comment);
  };

  while (physical.advance()) {
    const lineStart = physical.start;
    const contentEnd = physical.contentEnd;
    const contentStart = firstNonSpace(text, lineStart, contentEnd);
    const isComment = contentStart < contentEnd && text.charCodeAt(contentStart) === 35; /* # */

    if (lookingForDirectives) {
      if (isComment && readDirective(contentStart, contentEnd)) continue;
      lookingForDirectives = false;
    }
    if (isComment) {
      recordComment(lineStart, contentEnd, true);
      continue;
    }
    if (contentStart === contentEnd) continue;

    // The first line of an instruction, then its continuation lines.
    const logical = new LogicalLine();
    const firstLine = physical.lineNumber;
    let endOfLine = true;
    let lastContentEnd = contentEnd;
    const firstContinuation = continuationAt(text, contentStart, contentEnd, escape);
    if (firstContinuation === -1) {
      logical.append(text.slice(contentStart, contentEnd), contentStart);
    } else {
      logical.append(text.slice(contentStart, firstContinuation), contentStart);
      endOfLine = false;
    }
    const emptyContinuationLines: Span[] = [];
    while (!endOfLine && physical.advance()) {
      const start = physical.start;
      const end = physical.contentEnd;
      const nonSpace = firstNonSpace(text, start, end);
      if (nonSpace < end && text.charCodeAt(nonSpace) === 35) {
        recordComment(start, end, false);
        continue;
      }
      if (nonSpace === end) {
        emptyContinuationLines.push({ start, end: physical.end });
        continue;
      }
      lastContentEnd = end;
      const continuation = continuationAt(text, start, end, escape);
      if (continuation === -1) {
        logical.append(text.slice(start, end), start);
        endOfLine = true;
      } else {
        logical.append(text.slice(start, continuation), start);
      }
    }
    if (firstNonSpace(logical.text, 0, logical.text.length) === logical.text.length) continue;

    const instructionProblems: InstructionProblem[] = [];
    const endLine = lines.lineOf(Math.max(lastContentEnd - 1, contentStart));
    const instruction = parseInstruction(
      logical,
      0,
      logical.text.length,
      { line: firstLine, endLine },
      escapeChar,
      instructionProblems,
      shellOf,
    );
    for (const problem of instructionProblems) problemAt(problem.message, logical.spanToFile(problem.start, problem.end));
    instruction.comments = pendingComments;
    const trigger = instruction.trigger;
    if (trigger && (trigger.trigger || ['ONBUILD', 'FROM', 'MAINTAINER'].includes(trigger.keyword))) {
      problemAt(`${trigger.keyword} isn't allowed as an ONBUILD trigger`, trigger.keywordSpan);
    }
    pendingComments = [];
    // BuildKit warns about each; the span covers the whole line, newline included, so a fix can delete it.
    for (const line of emptyContinuationLines) problemAt(`empty continuation line in ${instruction.keywordText.toUpperCase()}`, line, 'warning');

    // Heredocs: RUN/COPY/ADD (directly or as an ONBUILD trigger) in shell form.
    const heredocOwner = instruction.trigger ?? instruction;
    if (HEREDOC_KEYWORDS.has(heredocOwner.keyword) && !heredocOwner.json && logical.text.includes('<<')) {
      for (const marker of heredocMarkers(logical.text)) {
        const bodyStart = physical.end;
        let content = '';
        let terminator: Span | undefined;
        while (physical.advance()) {
          let candidateStart = physical.start;
          if (marker.chomp) {
            while (candidateStart < physical.contentEnd && text.charCodeAt(candidateStart) === 9) candidateStart++;
          }
          if (text.slice(candidateStart, physical.contentEnd) === marker.name) {
            terminator = { start: physical.start, end: physical.contentEnd };
            break;
          }
          const lineText = text.slice(physical.start, physical.end);
          content += marker.chomp ? lineText.replace(/^\t+/, '') : lineText;
        }
        if (!terminator) {
          problemAt(`unterminated heredoc ${marker.name}`, { start: instruction.span.start, end: text.length });
          break;
        }
        const heredoc: Heredoc = {
          ...marker,
          content,
          contentSpan: { start: bodyStart, end: terminator.start },
          terminatorSpan: terminator,
        };
        heredocOwner.heredocs.push(heredoc);
        instruction.span = { start: instruction.span.start, end: terminator.end };
        instruction.endLine = lines.lineOf(terminator.start);
      }
      if (heredocOwner !== instruction) {
        heredocOwner.span = { start: heredocOwner.span.start, end: instruction.span.end };
        heredocOwner.endLine = instruction.endLine;
      }
      dropHeredocSources(heredocOwner);
    }
    instructions.push(instruction);
  }

  if (instructions.length === 0) {
    problemAt('file with no instructions', { start: 0, end: text.length });
  }
  for (const instruction of instructions) {
    if (!instruction.known) problemAt(`unknown instruction: ${instruction.keywordText}`, instruction.keywordSpan);
  }

  const { stages, globalArgs } = buildStages(instructions, escapeChar);
  const scopes = new Map<Instruction, VariableScope>();
  // `# hadolint shell=powershell` (or `# shipshape shell=…`) declares the shell for the whole file.
  const pragmaShell = comments.map((c) => /^(?:hadolint|shipshape)\s+shell\s*=\s*(\S+)/.exec(c.text)?.[1]).find(Boolean);

  const dockerfile: Dockerfile = {
    file,
    text,
    escapeChar,
    directives,
    buildChecks,
    comments,
    instructions,
    stages,
    globalArgs,
    problems,
    position: (offset) => lines.position(offset),
    lineStart: (line) => lines.lineStart(line),
    shellKindAt: (instruction) => shellKindAt(dockerfile, instruction, pragmaShell),
    expand(word: string, at: Instruction): Expanded {
      let scope = scopes.get(at);
      if (!scope) {
        scope = variablesAt(dockerfile, at);
        scopes.set(at, scope);
      }
      return expandWord(word, scope, escapeChar);
    },
  };
  parsed = dockerfile;
  return dockerfile;
}
