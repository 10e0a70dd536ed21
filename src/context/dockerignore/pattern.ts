// One .dockerignore pattern, classified and compiled the way moby/patternmatcher does it:
// exact, prefix (`dir/**`), suffix (`**/name`) or a Go regexp; `*` and `?` never cross `/`,
// `**` spans any number of directories, `.+()|{}$` are literal, `\` escapes the next character.

import { InputError } from '../../core/errors.js';
import { compileGoRegexp, GoRegexpError } from './go-regexp.js';

export type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

/** What the pattern compiles to: its match type and, for `regexp`, the Go regexp source Docker builds. */
export interface CompiledPattern {
  matchType: MatchType;
  goRegexp?: string;
}

const REGEXP_LITERALS = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/** Port of patternmatcher's `Pattern.compile` for `/` separators. */
export function compilePattern(pattern: string): CompiledPattern {
  const chars = Array.from(pattern);
  let source = '^';
  let matchType: MatchType = 'exact';
  let k = 0;
  for (let i = 0; k < chars.length; i++) {
    const ch = chars[k++];
    if (ch === '*') {
      if (chars[k] === '*') {
        k++;
        if (chars[k] === '/') k++;
        if (k >= chars.length) {
          if (matchType === 'exact') {
            matchType = 'prefix';
          } else {
            source += '.*';
            matchType = 'regexp';
          }
        } else {
          source += '(.*/)?';
          matchType = 'regexp';
        }
        if (i === 0) matchType = 'suffix';
      } else {
        source += '[^/]*';
        matchType = 'regexp';
      }
    } else if (ch === '?') {
      source += '[^/]';
      matchType = 'regexp';
    } else if (REGEXP_LITERALS.has(ch)) {
      source += '\\' + ch;
    } else if (ch === '\\') {
      if (k < chars.length) {
        source += '\\' + chars[k++];
        matchType = 'regexp';
      } else {
        source += '\\';
      }
    } else if (ch === '[' || ch === ']') {
      source += ch;
      matchType = 'regexp';
    } else {
      source += ch;
    }
  }
  return matchType === 'regexp' ? { matchType, goRegexp: source + '$' } : { matchType };
}

/** A pattern that Docker accepts when reading the file but cannot compile when it first matches a path. */
export class BadIgnorePatternError extends InputError {}

export class IgnorePattern {
  /** The cleaned pattern, without the leading `!`. */
  readonly pattern: string;
  readonly exclusion: boolean;
  /** 1-based line in the ignore file (0 when the pattern did not come from a file). */
  readonly line: number;
  /** Path components of the pattern, for deciding whether a directory can be skipped. */
  readonly components: readonly string[];
  private readonly file: string;
  /** The compiled pattern: its match type, the Go regexp's JavaScript form, or the literal an exact, prefix or suffix match compares. */
  private compiled?: { matchType: MatchType; regexp?: RegExp; literal?: string };

  constructor(pattern: string, exclusion: boolean, line: number, file: string) {
    this.pattern = pattern;
    this.exclusion = exclusion;
    this.line = line;
    this.file = file;
    this.components = pattern.split('/');
  }

  /** The pattern as it would be written in a .dockerignore file. */
  toString(): string {
    return (this.exclusion ? '!' : '') + this.pattern;
  }

  private compile(): { matchType: MatchType; regexp?: RegExp; literal?: string } {
    if (this.compiled) return this.compiled;
    const { matchType, goRegexp } = compilePattern(this.pattern);
    if (goRegexp === undefined) {
      // `dir/**` compares the text before `/**`, `**/name` the text after `**/`
      const literal = matchType === 'prefix' ? this.pattern.slice(0, -2) : matchType === 'suffix' ? this.pattern.slice(2) : this.pattern;
      return (this.compiled = { matchType, literal });
    }
    try {
      return (this.compiled = { matchType, regexp: compileGoRegexp(goRegexp) });
    } catch (error) {
      if (!(error instanceof GoRegexpError)) throw error;
      const where = this.line > 0 ? `${this.file}:${this.line}` : this.file;
      throw new BadIgnorePatternError(`${where}: bad pattern "${this.toString()}": ${error.message}`);
    }
  }

  /** Whether this pattern alone matches the path (no parent-directory logic); throws BadIgnorePatternError. */
  test(path: string): boolean {
    const { matchType, regexp, literal } = this.compile();
    switch (matchType) {
      case 'exact':
        return path === literal;
      case 'prefix':
        return path.startsWith(literal!);
      case 'suffix':
        if (path.endsWith(literal!)) return true;
        return literal!.startsWith('/') && path === literal!.slice(1);
      case 'regexp':
        return regexp!.test(path);
    }
  }
}
