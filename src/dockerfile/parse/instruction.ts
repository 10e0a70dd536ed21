// Turns one logical line (continuations joined) into an Instruction, following BuildKit's dispatch table:
// which keywords take JSON, whitespace lists, quote-aware words, key=value pairs or a single string.
import type { LogicalLine } from './logical.js';
import { flagProblem, typeInstruction } from './typed.js';
import type { RunShell } from './run-shell.js';
import type { Flag, Instruction, KeyValue, RunInstruction, Span, Word } from './types.js';
import {
  extractFlags,
  parseJsonArray,
  quotedWords,
  skipSpaces,
  trimEndIndex,
  whitespaceFields,
  type RawWord,
} from './words.js';

export const KNOWN_KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** Keywords whose arguments may be a JSON array; the others never are. */
const MAYBE_JSON = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);
const MAYBE_JSON_LIST = new Set(['ADD', 'COPY', 'VOLUME']);
const SINGLE_STRING = new Set(['MAINTAINER', 'STOPSIGNAL', 'USER', 'WORKDIR']);

export interface InstructionProblem {
  message: string;
  start: number;
  end: number;
}

export function isSpaceCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * Parses `logical.text[from, to)` as one instruction spanning the given lines. Problems that make BuildKit
 * refuse the file are pushed to `problems` (logical offsets). Every Instruction is built by the one object
 * literal below, then given the fields of its keyword.
 */
export function parseInstruction(
  logical: LogicalLine,
  from: number,
  to: number,
  lines: { line: number; endLine: number },
  escapeChar: string,
  problems: InstructionProblem[],
  shellOf: (run: RunInstruction) => RunShell | undefined,
): Instruction {
  const text = logical.text;
  const keywordStart = skipSpaces(text, from);
  let keywordEnd = keywordStart;
  while (keywordEnd < to && !isSpaceCode(text.charCodeAt(keywordEnd))) keywordEnd++;
  const keywordText = text.slice(keywordStart, keywordEnd);
  const keyword = keywordText.toUpperCase();
  const known = KNOWN_KEYWORDS.has(keyword);

  const argsEnd = trimEndIndex(text, to);
  const { flags: rawFlags, restStart: flagsEnd } =
    keywordEnd < argsEnd ? extractFlags(text.slice(0, argsEnd), keywordEnd) : { flags: [], restStart: argsEnd };
  const restStart = Math.min(skipSpaces(text, flagsEnd), argsEnd);
  const restEnd = Math.max(restStart, argsEnd);
  const rest = text.slice(restStart, restEnd);

  const toSpan = (start: number, end: number): Span => logical.spanToFile(start, end);
  const toWord = (word: RawWord): Word => ({ value: word.value, span: toSpan(word.start, word.end) });

  const flags: Flag[] = rawFlags.map((raw) => {
    const body = raw.text.slice(2);
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const flag: Flag = {
      name,
      value: eq === -1 ? null : body.slice(eq + 1),
      span: toSpan(raw.start, raw.end),
      nameSpan: toSpan(raw.start, Math.min(raw.end, raw.start + 2 + name.length)),
    };
    const rawEq = text.indexOf('=', raw.start);
    if (eq !== -1 && rawEq !== -1 && rawEq < raw.end) flag.valueSpan = toSpan(rawEq + 1, raw.end);
    return flag;
  });

  let args: Word[] = [];
  let json = false;
  let pairs: KeyValue[] = [];
  let trigger: Instruction | undefined;

  /** JSON-form arguments starting at `start`, or undefined when the text is no JSON array (shell form). */
  const jsonArgs = (start: number): Word[] | undefined => {
    const result = parseJsonArray(text, start, restEnd);
    if (result.kind === 'strings') {
      json = true;
      return result.words.map(toWord);
    }
    if (result.kind === 'not-strings') {
      problems.push({ message: `${keyword} arguments are a JSON array of something other than strings`, start, end: restEnd });
      return [];
    }
    return undefined;
  };
  const wholeRest = (start: number): Word => toWord({ value: text.slice(start, restEnd), start, end: restEnd });

  if (MAYBE_JSON.has(keyword)) {
    if (restStart < restEnd) args = jsonArgs(restStart) ?? [wholeRest(restStart)];
  } else if (MAYBE_JSON_LIST.has(keyword)) {
    args = jsonArgs(restStart) ?? whitespaceFields(text, restStart, restEnd).map(toWord);
  } else if (keyword === 'FROM' || keyword === 'EXPOSE') {
    args = whitespaceFields(text, restStart, restEnd).map(toWord);
  } else if (keyword === 'ARG') {
    args = quotedWords(text, restStart, restEnd, escapeChar).map(toWord);
  } else if (keyword === 'ENV' || keyword === 'LABEL') {
    pairs = parsePairs(text, restStart, restEnd, escapeChar, keyword, problems).map((pair) => ({
      key: pair.key,
      value: pair.value,
      keySpan: toSpan(pair.keyStart, pair.keyEnd),
      valueSpan: toSpan(pair.valueStart, pair.valueEnd),
      span: toSpan(pair.keyStart, pair.valueEnd),
      separator: pair.separator,
    }));
  } else if (keyword === 'HEALTHCHECK') {
    // `HEALTHCHECK NONE` or `HEALTHCHECK [flags] CMD command` (JSON or shell form).
    let typeEnd = restStart;
    while (typeEnd < restEnd && !isSpaceCode(text.charCodeAt(typeEnd))) typeEnd++;
    if (typeEnd > restStart) {
      const type = toWord({ value: text.slice(restStart, typeEnd), start: restStart, end: typeEnd });
      const commandStart = skipSpaces(text, typeEnd);
      const command = commandStart < restEnd ? (jsonArgs(commandStart) ?? [wholeRest(commandStart)]) : [];
      args = [type, ...command];
    }
  } else if (SINGLE_STRING.has(keyword)) {
    if (restStart < restEnd) args = [wholeRest(restStart)];
  } else if (keyword === 'ONBUILD') {
    if (restStart < restEnd) trigger = parseInstruction(logical, restStart, restEnd, lines, escapeChar, problems, shellOf);
  }

  const refused = flagProblem(keyword, rawFlags, keyword === 'HEALTHCHECK' && args[0]?.value.toUpperCase() === 'NONE');
  if (refused) problems.push({ message: refused.message, start: refused.flag.start, end: refused.flag.end });

  const base = {
    keyword,
    known,
    keywordText,
    span: toSpan(keywordStart, restEnd > keywordEnd ? restEnd : keywordEnd),
    keywordSpan: toSpan(keywordStart, keywordEnd),
    line: lines.line,
    endLine: lines.endLine,
    rest,
    restSpan: toSpan(restStart, restEnd),
    flags,
    args,
    json,
    heredocs: [],
    trigger,
    stageIndex: -1,
    comments: [],
    restOffset: (offset: number) => logical.toFile(restStart + offset),
  };
  return typeInstruction(base, pairs, shellOf);
}

interface RawPair {
  key: string;
  value: string;
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  separator: '=' | '';
}

/** BuildKit's parseNameVal: `KEY=value …`, or the legacy `KEY value with spaces`. */
function parsePairs(
  text: string,
  start: number,
  end: number,
  escapeChar: string,
  keyword: string,
  problems: InstructionProblem[],
): RawPair[] {
  const words = quotedWords(text, start, end, escapeChar);
  if (words.length === 0) return [];
  if (!words[0]!.value.includes('=')) {
    let keyEnd = start;
    while (keyEnd < end && !isSpaceCode(text.charCodeAt(keyEnd))) keyEnd++;
    const valueStart = skipSpaces(text, keyEnd);
    if (valueStart >= end) {
      problems.push({ message: `${keyword} must have two arguments`, start, end });
      return [];
    }
    return [
      {
        key: text.slice(start, keyEnd),
        value: text.slice(valueStart, end),
        keyStart: start,
        keyEnd,
        valueStart,
        valueEnd: end,
        separator: '',
      },
    ];
  }
  const pairs: RawPair[] = [];
  for (const word of words) {
    const eq = word.value.indexOf('=');
    if (eq === -1) {
      problems.push({
        message: `${keyword} syntax error: can't find = in "${word.value}"; must be of the form name=value`,
        start: word.start,
        end: word.end,
      });
      continue;
    }
    pairs.push({
      key: word.value.slice(0, eq),
      value: word.value.slice(eq + 1),
      keyStart: word.start,
      keyEnd: word.start + eq,
      valueStart: word.start + eq + 1,
      valueEnd: word.end,
      separator: '=',
    });
  }
  return pairs;
}
