// Go's path/filepath behaviour on Unix, which Docker's pattern handling is built on:
// `filepath.Clean`, `filepath.Dir` and `filepath.Match` (including its syntax errors).

/** An empty, `.` or `..` element, or a trailing `/`: what Clean changes. */
const UNCLEAN = /\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$/;

/** Go's `filepath.Clean` for `/`-separated paths: lexical, no file-system access. */
export function goClean(path: string): string {
  if (path === '') return '.';
  // Most paths are clean already (every path the walk makes is): those are their own Clean.
  return UNCLEAN.test(path) ? cleanElements(path) : path;
}

/** Clean element by element: empty and `.` elements dropped, `..` taking the one before it away. */
export function cleanElements(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const element of path.split('/')) {
    if (element === '' || element === '.') continue;
    if (element === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(element);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Go's `filepath.Dir`: everything before the last `/`, cleaned (Clean drops the `/` itself, except the root). */
export function goDir(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : goClean(path.slice(0, slash));
}

/** Go's `filepath.ErrBadPattern`: a glob `goMatch` cannot read. */
export class GoBadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;

function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const char of text) out.push(char.codePointAt(0)!);
  return out;
}

/** Splits the pattern at the next run of stars, as Go's scanChunk does. */
function scanChunk(pattern: number[], start: number): { star: boolean; chunkStart: number; chunkEnd: number } {
  let i = start;
  let star = false;
  while (i < pattern.length && pattern[i] === 0x2a) {
    i++;
    star = true;
  }
  const chunkStart = i;
  let inRange = false;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === BACKSLASH) {
      if (i + 1 < pattern.length) i++;
    } else if (c === 0x5b) {
      inRange = true;
    } else if (c === 0x5d) {
      inRange = false;
    } else if (c === 0x2a && !inRange) {
      break;
    }
  }
  return { star, chunkStart, chunkEnd: i };
}

/** One character of a class: a literal or a `\`-escaped one. Returns the rune and the next index. */
function classChar(pattern: number[], i: number, end: number): [number, number] {
  if (i >= end || pattern[i] === 0x2d || pattern[i] === 0x5d) throw new GoBadPatternError();
  if (pattern[i] === BACKSLASH) {
    i++;
    if (i >= end) throw new GoBadPatternError();
  }
  const rune = pattern[i];
  i++;
  if (i >= end) throw new GoBadPatternError();
  return [rune, i];
}

/**
 * Matches one chunk at the start of `name` (from `at`). Returns the index after the match,
 * or -1. Like Go, it keeps parsing after a mismatch so that a malformed chunk always throws.
 */
function matchChunk(pattern: number[], start: number, end: number, name: number[], at: number): number {
  let failed = false;
  let s = at;
  let i = start;
  while (i < end) {
    if (!failed && s >= name.length) failed = true;
    const c = pattern[i];
    if (c === 0x5b) {
      let rune = -1;
      if (!failed) rune = name[s++];
      i++;
      let negated = false;
      if (i < end && pattern[i] === 0x5e) {
        negated = true;
        i++;
      }
      let matched = false;
      let ranges = 0;
      for (;;) {
        if (i < end && pattern[i] === 0x5d && ranges > 0) {
          i++;
          break;
        }
        let lo: number;
        [lo, i] = classChar(pattern, i, end);
        let hi = lo;
        if (pattern[i] === 0x2d) [hi, i] = classChar(pattern, i + 1, end);
        if (lo <= rune && rune <= hi) matched = true;
        ranges++;
      }
      if (matched === negated) failed = true;
    } else if (c === 0x3f) {
      if (!failed) {
        if (name[s] === SLASH) failed = true;
        s++;
      }
      i++;
    } else {
      if (c === BACKSLASH) {
        i++;
        if (i >= end) throw new GoBadPatternError();
      }
      if (!failed) {
        if (pattern[i] !== name[s]) failed = true;
        s++;
      }
      i++;
    }
  }
  return failed ? -1 : s;
}

/** Go's `filepath.Match(pattern, name)` on Unix; throws GoBadPatternError where Go returns ErrBadPattern. */
export function goMatch(patternText: string, nameText: string): boolean {
  const pattern = codePoints(patternText);
  const name = codePoints(nameText);
  let p = 0;
  let n = 0;
  outer: while (p < pattern.length) {
    const { star, chunkStart, chunkEnd } = scanChunk(pattern, p);
    p = chunkEnd;
    if (star && chunkStart === chunkEnd) {
      for (let k = n; k < name.length; k++) if (name[k] === SLASH) return false;
      return true;
    }
    const t = matchChunk(pattern, chunkStart, chunkEnd, name, n);
    if (t >= 0 && (t === name.length || p < pattern.length)) {
      n = t;
      continue;
    }
    if (star) {
      for (let k = n; k < name.length && name[k] !== SLASH; k++) {
        const t2 = matchChunk(pattern, chunkStart, chunkEnd, name, k + 1);
        if (t2 >= 0) {
          if (p === pattern.length && t2 < name.length) continue;
          n = t2;
          continue outer;
        }
      }
    }
    // Before reporting no match, check that the rest of the pattern is well formed.
    while (p < pattern.length) {
      const next = scanChunk(pattern, p);
      p = next.chunkEnd;
      matchChunk(pattern, next.chunkStart, next.chunkEnd, [], 0);
    }
    return false;
  }
  return n === name.length;
}

/** True when the pattern has a character `filepath.Match` treats as a wildcard (a `\` escapes the next one). */
export function hasWildcards(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}
