// `.gitignore` semantics (git's, not .dockerignore's): a pattern without a slash matches a name at any depth,
// one with a slash is anchored to the directory of its file, `**` spans directories, a trailing `/` matches
// directories only, `!` re-includes, the last matching line decides, and a deeper file overrides a shallower
// one. An excluded directory is not entered, so nothing inside it can be re-included (as in git).

interface GitignoreRule {
  regex: RegExp;
  negated: boolean;
  directoryOnly: boolean;
}

/** A bracket expression `[...]` starting at `start` as a RegExp class, and where it ends; undefined if unclosed. */
function bracket(pattern: string, start: number): { source: string; end: number } | undefined {
  let i = start + 1;
  let source = '[';
  if (pattern[i] === '!' || pattern[i] === '^') {
    source += '^';
    i++;
  }
  let first = true;
  for (; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === ']' && !first) return { source: source + ']', end: i };
    first = false;
    if (char === '\\' && i + 1 < pattern.length) {
      source += '\\' + pattern[++i];
    } else if (char === '/') {
      return undefined;
    } else {
      source += /[\]\\^-]/.test(char) && char !== '-' ? '\\' + char : char;
    }
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The RegExp source of a glob body (no `**` handling): `*` and `?` stop at `/`. */
function globSource(pattern: string): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') {
      while (pattern[i + 1] === '*') i++;
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const klass = bracket(pattern, i);
      if (klass) {
        source += klass.source;
        i = klass.end;
      } else source += '\\[';
    } else if (char === '\\' && i + 1 < pattern.length) {
      source += escapeRegExp(pattern[++i]!);
    } else {
      source += escapeRegExp(char);
    }
  }
  return source;
}

/** One gitignore line as a rule, or undefined for blanks and comments. */
export function parseGitignoreLine(line: string): GitignoreRule | undefined {
  let text = line.replace(/\r$/, '');
  // Trailing spaces are dropped unless escaped.
  text = text.replace(/(?<!\\)[ \t]+$/, '').replace(/\\ $/, ' ');
  if (text === '' || text.startsWith('#')) return undefined;
  let negated = false;
  if (text.startsWith('!')) {
    negated = true;
    text = text.slice(1);
  } else if (text.startsWith('\\!') || text.startsWith('\\#')) {
    text = text.slice(1);
  }
  let directoryOnly = false;
  if (text.endsWith('/') && text.length > 1) {
    directoryOnly = true;
    text = text.replace(/\/+$/, '');
  }
  if (text === '' || text === '/') return undefined;
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  const segments = text.split('/');
  let source = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (segment === '**') {
      if (last) source += i === 0 ? '.*' : '/.*';
      else source += i === 0 ? '(?:.*/)?' : '/(?:.*/)?';
      continue;
    }
    if (i > 0 && segments[i - 1] !== '**') source += '/';
    source += globSource(segment);
  }
  const prefix = anchored ? '^' : '^(?:.*/)?';
  return { regex: new RegExp(`${prefix}${source}$`, 's'), negated, directoryOnly };
}

export class Gitignore {
  readonly rules: GitignoreRule[];

  constructor(text: string) {
    this.rules = text.split('\n').map(parseGitignoreLine).filter((rule) => rule !== undefined);
  }

  /** true: ignored, false: re-included, undefined: no line speaks of it. `path` is relative to the file's directory. */
  decide(path: string, isDirectory: boolean): boolean | undefined {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i]!;
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.regex.test(path)) return !rule.negated;
    }
    return undefined;
  }
}

/** The ignore files in force at a directory: each with the directory it sits in ('' for the root), deepest last. */
export class GitignoreStack {
  private constructor(private readonly levels: ReadonlyArray<{ dir: string; file: Gitignore }>) {}

  static empty(): GitignoreStack {
    return new GitignoreStack([]);
  }

  /** The stack for a subdirectory `dir` that has its own ignore file (`text`), or the same stack without one. */
  enter(dir: string, text: string | undefined): GitignoreStack {
    if (text === undefined) return this;
    const file = new Gitignore(text);
    return file.rules.length === 0 ? this : new GitignoreStack([...this.levels, { dir, file }]);
  }

  /** Whether `path` (relative to the root) is ignored. */
  ignores(path: string, isDirectory: boolean): boolean {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const { dir, file } = this.levels[i]!;
      if (dir !== '' && !path.startsWith(dir + '/')) continue;
      const decision = file.decide(dir === '' ? path : path.slice(dir.length + 1), isDirectory);
      if (decision !== undefined) return decision;
    }
    return false;
  }
}
