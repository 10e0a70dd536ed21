// The word-level parsing of BuildKit's Dockerfile parser (frontend/dockerfile/parser), reimplemented:
// flags, whitespace-delimited lists, quote-aware words for ENV/LABEL/ARG, and JSON arrays.
// Positions are offsets into the instruction's joined text; the caller maps them to the file.

export interface RawWord {
  value: string;
  start: number;
  end: number;
}

export interface RawFlag {
  /** The whole flag token with quotes and escapes removed, e.g. `--from=build`. */
  text: string;
  start: number;
  end: number;
}

function isSpace(code: number): boolean {
  // unicode.IsSpace for the characters that occur in Dockerfiles: \t \n \v \f \r, space, NEL, NBSP.
  return code === 32 || (code >= 9 && code <= 13) || code === 0x85 || code === 0xa0;
}

export function skipSpaces(text: string, from: number): number {
  let at = from;
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

export function trimEndIndex(text: string, end: number): number {
  let at = end;
  while (at > 0 && isSpace(text.charCodeAt(at - 1))) at--;
  return at;
}

/**
 * Leading `--flag` tokens (BuildKit's extractBuilderFlags). Returns the flags and where the remaining
 * arguments start; a lone `--` ends the flags and is dropped.
 */
export function extractFlags(text: string, from: number): { flags: RawFlag[]; restStart: number } {
  const flags: RawFlag[] = [];
  let at = from;
  for (;;) {
    at = skipSpaces(text, at);
    if (at >= text.length) return { flags, restStart: text.length };
    if (text.charCodeAt(at) !== 45 /* - */ || text.charCodeAt(at + 1) !== 45) return { flags, restStart: at };
    const start = at;
    let word = '';
    let quote = 0;
    let blankOk = false;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (quote === 0) {
        if (isSpace(code)) break;
        if (code === 39 || code === 34) {
          quote = code;
          blankOk = true;
          at++;
          continue;
        }
      } else if (code === quote) {
        quote = 0;
        at++;
        continue;
      }
      if (code === 92 /* \ */) {
        if (at + 1 === text.length) {
          at++;
          break;
        }
        at++;
      }
      word += text[at];
      at++;
    }
    if (word === '--') return { flags, restStart: at };
    if (blankOk || word.length > 0) flags.push({ text: word, start, end: at });
  }
}

/** BuildKit's parseStringsWhitespaceDelimited: split on whitespace, nothing else. */
export function whitespaceFields(text: string, from: number, to: number): RawWord[] {
  const words: RawWord[] = [];
  let at = from;
  while (at < to) {
    at = skipSpaces(text, at);
    if (at >= to) break;
    const start = at;
    while (at < to && !isSpace(text.charCodeAt(at))) at++;
    words.push({ value: text.slice(start, at), start, end: at });
  }
  return words;
}

/**
 * BuildKit's parseWords: whitespace-separated words where quotes group and the escape character protects
 * the next character; quotes and escapes are kept in the value (they are removed when the word is expanded).
 */
export function quotedWords(text: string, from: number, to: number, escapeChar: string): RawWord[] {
  const escape = escapeChar.charCodeAt(0);
  const words: RawWord[] = [];
  let at = from;
  while (at < to) {
    at = skipSpaces(text, at);
    if (at >= to) break;
    const start = at;
    let quote = 0;
    let blankOk = false;
    let value = '';
    while (at < to) {
      const code = text.charCodeAt(at);
      if (quote === 0) {
        if (isSpace(code)) break;
        if (code === 39 || code === 34) {
          quote = code;
          blankOk = true;
        }
        if (code === escape) {
          if (at + 1 === to) {
            at++;
            continue;
          }
          value += text[at];
          at++;
        }
        value += text[at];
        at++;
        continue;
      }
      if (code === quote) quote = 0;
      if (code === escape && quote !== 39) {
        if (at + 1 === to) {
          quote = 0;
          at++;
          continue;
        }
        value += text[at];
        at++;
      }
      value += text[at];
      at++;
    }
    if (blankOk || value.length > 0) words.push({ value, start, end: at });
  }
  return words;
}

export type JsonArrayResult =
  | { kind: 'strings'; words: RawWord[] }
  /** Valid JSON, but not an array of strings: BuildKit refuses the instruction. */
  | { kind: 'not-strings' }
  /** Not a JSON array: BuildKit falls back to the shell/whitespace form. */
  | { kind: 'invalid' };

/** Offset just past the JSON value starting at `start` (brackets matched outside strings), or -1. */
function jsonValueEnd(text: string, start: number, to: number): number {
  let depth = 0;
  let inString = false;
  for (let at = start; at < to; at++) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === 92) at++;
      else if (code === 34) inString = false;
      continue;
    }
    if (code === 34) inString = true;
    else if (code === 91 || code === 123) depth++;
    else if (code === 93 || code === 125) {
      depth--;
      if (depth === 0) return at + 1;
    }
  }
  return -1;
}

/**
 * BuildKit's parseJSON: the first JSON value of the text, which must be an array of strings. Like Go's
 * json.Decoder, anything after that first value is ignored.
 */
export function parseJsonArray(text: string, from: number, to: number): JsonArrayResult {
  const start = skipSpaces(text, from);
  if (text.charCodeAt(start) !== 91 /* [ */) return { kind: 'invalid' };
  const end = jsonValueEnd(text, start, to);
  if (end === -1) return { kind: 'invalid' };
  let decoded: unknown;
  try {
    decoded = JSON.parse(text.slice(start, end));
  } catch {
    return { kind: 'invalid' };
  }
  if (!Array.isArray(decoded)) return { kind: 'invalid' };
  if (!decoded.every((item) => typeof item === 'string')) return { kind: 'not-strings' };
  // The array is valid; find each string literal's span for positions.
  const words: RawWord[] = [];
  let index = 0;
  for (let at = start + 1; at < end; at++) {
    if (text.charCodeAt(at) !== 34) continue;
    const literalStart = at;
    for (at++; at < end && text.charCodeAt(at) !== 34; at++) {
      if (text.charCodeAt(at) === 92) at++;
    }
    words.push({ value: decoded[index++] as string, start: literalStart, end: at + 1 });
  }
  return { kind: 'strings', words };
}
