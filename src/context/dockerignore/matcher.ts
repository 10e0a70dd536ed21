// The .dockerignore matcher with BuildKit's semantics: the last matching pattern wins, `!` marks an
// exception, and a directory's result carries over to what is inside it. BuildKit's context walker
// (tonistiigi/fsutil) evaluates each path with patternmatcher's MatchesUsingParentResults, passing
// down per-pattern results from the parent directory; this matcher does the same, so its answers are
// the files the builder really receives.

import { InputError } from '../../core/errors.js';
import { GoBadPatternError, goClean, goDir, goMatch } from './go-path.js';
import { IgnorePattern } from './pattern.js';

/** Per-pattern results for a directory, handed to its children (patternmatcher's MatchInfo). */
export type ParentMatches = Uint8Array;

export interface MatchResult {
  excluded: boolean;
  /** Pass to the children of this path when it is a directory. */
  matches: ParentMatches;
}

/** A pattern as read from the file: the text handed to the matcher and the line it came from. */
export interface PatternLine {
  pattern: string;
  line: number;
}

/**
 * Components of an exception pattern that can be compared one by one: only literals, `*` and `?`,
 * where patternmatcher and filepath.Match agree and nothing can match a `/`.
 */
function isPlainComponent(component: string): boolean {
  return !/[[\]\\^]/.test(component) && !component.includes('**');
}

export class DockerignoreMatcher {
  readonly patterns: readonly IgnorePattern[];
  /** Whether any pattern is an exception (`!`). */
  readonly hasExceptions: boolean;
  /** The ignore file the patterns came from, used in error messages. */
  readonly file: string;
  /** The lines it was made from: another thread makes the same matcher from them. */
  readonly lines: readonly PatternLine[];

  /**
   * Port of patternmatcher.New: trims, cleans, rejects a lone `!` and patterns `filepath.Match`
   * rejects. Throws InputError naming `file:LINE`.
   */
  constructor(lines: readonly PatternLine[], file = '.dockerignore') {
    this.file = file;
    this.lines = lines;
    const patterns: IgnorePattern[] = [];
    for (const { pattern: raw, line } of lines) {
      let text = raw.trim();
      if (text === '') continue;
      text = goClean(text);
      const where = line > 0 ? `${file}:${line}` : file;
      let exclusion = false;
      if (text.startsWith('!')) {
        if (text.length === 1) throw new InputError(`${where}: a lone "!" is not a valid pattern (Docker fails the build)`);
        exclusion = true;
        text = text.slice(1);
      }
      try {
        goMatch(text, '.');
      } catch (error) {
        if (!(error instanceof GoBadPatternError)) throw error;
        throw new InputError(`${where}: bad pattern "${raw.trim()}": syntax error in pattern (Docker fails the build)`);
      }
      patterns.push(new IgnorePattern(text, exclusion, line, file));
    }
    this.patterns = patterns;
    this.hasExceptions = patterns.some((p) => p.exclusion);
  }

  /**
   * Port of MatchesUsingParentResults: `path` is a `/`-separated path relative to the context;
   * `parent` is the result of its directory (omit it for top-level entries).
   */
  match(path: string, parent?: ParentMatches): MatchResult {
    const count = this.patterns.length;
    const matches = new Uint8Array(count);
    let excluded = false;
    for (let i = 0; i < count; i++) {
      const pattern = this.patterns[i];
      let hit = parent !== undefined && parent.length > 0 && parent[i] === 1;
      if (!hit) {
        if (pattern.exclusion !== excluded) continue;
        hit = pattern.test(path);
        if (!hit && (parent === undefined || parent.length === 0)) hit = this.matchesAnAncestor(pattern, path);
      }
      if (hit) {
        matches[i] = 1;
        excluded = !pattern.exclusion;
      }
    }
    return { excluded, matches };
  }

  /** Like `match(path, parent).excluded`, without keeping per-pattern results (for files). */
  excludes(path: string, parent?: ParentMatches): boolean {
    const hasParent = parent !== undefined && parent.length > 0;
    let excluded = false;
    for (let i = 0; i < this.patterns.length; i++) {
      const pattern = this.patterns[i];
      let hit = hasParent && parent[i] === 1;
      if (!hit) {
        if (pattern.exclusion !== excluded) continue;
        hit = pattern.test(path) || (!hasParent && this.matchesAnAncestor(pattern, path));
      }
      if (hit) excluded = !pattern.exclusion;
    }
    return excluded;
  }

  private matchesAnAncestor(pattern: IgnorePattern, path: string): boolean {
    const parentPath = goDir(path);
    if (parentPath === '.') return false;
    const dirs = parentPath.split('/');
    for (let i = 1; i <= dirs.length; i++) {
      if (pattern.test(dirs.slice(0, i).join('/'))) return true;
    }
    return false;
  }

  /**
   * Whether the builder leaves the path out of the context: each ancestor directory is matched in
   * turn and its results passed down, as BuildKit's walk does.
   */
  matches(path: string): boolean {
    const parentPath = goDir(path);
    let parent: ParentMatches | undefined;
    if (parentPath !== '.') {
      const dirs = parentPath.split('/');
      for (let i = 1; i <= dirs.length; i++) parent = this.match(dirs.slice(0, i).join('/'), parent).matches;
    }
    return this.match(path, parent).excluded;
  }

  /**
   * `matches` for many paths at once: each directory among their ancestors is matched once and its results handed
   * down, as the walk does, instead of every ancestor being matched again for every path.
   */
  matchesEach(paths: readonly string[]): boolean[] {
    const results = new Map<string, ParentMatches | undefined>([['.', undefined]]);
    const resultsOf = (dir: string): ParentMatches | undefined => {
      if (results.has(dir)) return results.get(dir);
      const slash = dir.lastIndexOf('/');
      const own = this.match(dir, resultsOf(slash < 0 ? '.' : dir.slice(0, slash))).matches;
      results.set(dir, own);
      return own;
    };
    return paths.map((path) => this.match(path, resultsOf(goDir(path))).excluded);
  }

  /**
   * Whether an exception could re-include something strictly inside the directory `dir`.
   * When it cannot, an excluded directory need not be read at all. Conservative: a pattern whose
   * components cannot be compared one by one counts as "could".
   */
  exceptionCouldMatchInside(dir: string): boolean {
    if (!this.hasExceptions) return false;
    const dirParts = dir.split('/');
    return this.patterns.some((pattern) => {
      if (!pattern.exclusion) return false;
      const parts = pattern.components;
      for (let i = 0; i < dirParts.length; i++) {
        if (i >= parts.length) return false;
        if (!isPlainComponent(parts[i])) return true;
        if (!goMatch(parts[i], dirParts[i])) return false;
      }
      return parts.length > dirParts.length;
    });
  }
}
