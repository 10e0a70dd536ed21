import type { Expanded } from './types.js';

/**
 * Variables in scope at an instruction: a name maps to its value, or to `undefined` when it is declared
 * (an `ARG` without default, a platform ARG) but its value is only known at build time.
 */
export type VariableScope = Pick<ReadonlyMap<string, string | undefined>, 'get'>;

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isNameChar(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

/** A shell glob (`*`, `?`, `[…]`) as a regular expression body, for `${VAR#pattern}` and friends. */
function globToRegExpSource(pattern: string): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        source += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) {
      source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return source;
}

function removeAffix(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const whole = new RegExp(`^(?:${globToRegExpSource(pattern)})$`, 's');
  const lengths = Array.from({ length: value.length + 1 }, (_, n) => n);
  // `#`/`%` remove the shortest match, `##`/`%%` the longest.
  if (op === '##' || op === '%') lengths.reverse();
  if (op === '#' || op === '##') {
    const n = lengths.find((k) => whole.test(value.slice(0, k)));
    return n === undefined ? value : value.slice(n);
  }
  const n = lengths.find((k) => whole.test(value.slice(k)));
  return n === undefined ? value : value.slice(0, n);
}

/**
 * Expands a word as BuildKit's shell lexer does for FROM, COPY, ENV, WORKDIR…: quotes removed, the escape
 * character honoured, `$VAR`, `${VAR}`, `${VAR:-x}`, `${VAR-x}`, `${VAR:+x}`, `${VAR+x}`, `${VAR:?x}`,
 * `${VAR#p}`, `${VAR##p}`, `${VAR%p}`, `${VAR%%p}` and `${VAR/p/r}` resolved against the scope.
 */
export function expandWord(word: string, scope: VariableScope, escapeChar = '\\'): Expanded {
  const unresolved: string[] = [];
  const escape = escapeChar.charCodeAt(0);
  let at = 0;

  function lookup(name: string): string | undefined {
    return scope.get(name);
  }

  function readBraced(): string {
    // at points just past `${`
    const nameStart = at;
    while (at < word.length && isNameChar(word.charCodeAt(at))) at++;
    const name = word.slice(nameStart, at);
    const value = lookup(name);
    const known = value !== undefined;
    if (word[at] === '}') {
      at++;
      if (!known) unresolved.push(name);
      return value ?? '';
    }
    let op = word[at] ?? '';
    at++;
    if (op === ':' && '-+?'.includes(word[at] ?? '')) op += word[at++];
    else if ((op === '#' || op === '%') && word[at] === op) op += word[at++];
    const operand = readUntilBrace();
    switch (op) {
      case ':-':
        return known && value !== '' ? value : operand;
      case '-':
        return known ? value : operand;
      case ':+':
        return known && value !== '' ? operand : '';
      case '+':
        return known ? operand : '';
      case ':?':
      case '?':
        if (!known) unresolved.push(name);
        return value ?? '';
      case '#':
      case '##':
      case '%':
      case '%%':
        if (!known) {
          unresolved.push(name);
          return '';
        }
        return removeAffix(value, operand, op);
      case '/': {
        if (!known) {
          unresolved.push(name);
          return '';
        }
        const slash = operand.indexOf('/');
        const pattern = slash === -1 ? operand : operand.slice(0, slash);
        const replacement = slash === -1 ? '' : operand.slice(slash + 1);
        const match = new RegExp(globToRegExpSource(pattern), 's').exec(value);
        return match ? value.slice(0, match.index) + replacement + value.slice(match.index + match[0].length) : value;
      }
      default:
        if (!known) unresolved.push(name);
        return value ?? '';
    }
  }

  /** The operand of `${VAR<op>operand}`, itself expanded, up to the matching `}`. */
  function readUntilBrace(): string {
    let out = '';
    while (at < word.length && word[at] !== '}') {
      const code = word.charCodeAt(at);
      if (code === 36 /* $ */) out += readDollar();
      else if (code === escape && at + 1 < word.length) {
        out += word[at + 1];
        at += 2;
      } else out += word[at++];
    }
    at++;
    return out;
  }

  function readDollar(): string {
    // at points at `$`
    at++;
    const next = word.charCodeAt(at);
    if (next === 123 /* { */) {
      at++;
      return readBraced();
    }
    if (!isNameStart(next)) return '$';
    const nameStart = at;
    while (at < word.length && isNameChar(word.charCodeAt(at))) at++;
    const name = word.slice(nameStart, at);
    const value = lookup(name);
    if (value === undefined) unresolved.push(name);
    return value ?? '';
  }

  let out = '';
  while (at < word.length) {
    const code = word.charCodeAt(at);
    if (code === 39 /* ' */) {
      const close = word.indexOf("'", at + 1);
      const end = close === -1 ? word.length : close;
      out += word.slice(at + 1, end);
      at = end + 1;
    } else if (code === 34 /* " */) {
      at++;
      while (at < word.length && word.charCodeAt(at) !== 34) {
        const inner = word.charCodeAt(at);
        if (inner === 36) out += readDollar();
        else if (inner === escape) {
          const following = word[at + 1];
          if (following === undefined) at++;
          else if (following === '"' || following === '$' || following === escapeChar) {
            out += following;
            at += 2;
          } else out += word[at++];
        } else out += word[at++];
      }
      at++;
    } else if (code === 36) out += readDollar();
    else if (code === escape) {
      if (at + 1 < word.length) out += word[at + 1];
      at += 2;
    } else out += word[at++];
  }
  return { value: out, unresolved };
}
