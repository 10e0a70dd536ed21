// `.gitignore` semantics (git's, not .dockerignore's): a pattern without a slash matches a name at any depth,
// one with a slash is anchored to the directory of its file, `**` spans directories, a trailing `/` matches
// directories only, `!` re-includes, the last matching line decides, and a deeper file overrides a shallower
// one. An excluded directory is not entered, so nothing inside it can be re-included (as in git).

import { goMatch } from '../context/dockerignore/go-path.js';

/** `**` as a whole component: any number of directories; at the end of a pattern, at least one entry. */
const ANY_DEPTH = '**';
const INSIDE = '**/';

interface GitignoreRule {
  /** Components to match, one per path component, with ANY_DEPTH / INSIDE for `**`. */
  components: string[];
  negated: boolean;
  directoryOnly: boolean;
}

/** One component against a pattern component, as fnmatch does (`[!…]` negates too); a malformed one matches nothing. */
function componentMatches(pattern: string, name: string): boolean {
  try {
    return goMatch(pattern.replace(/\[!/g, '[^'), name);
  } catch {
    return false;
  }
}

/**
 * Whether the pattern's components match the path's, `**` spanning any number of them. Dynamic programming over
 * (pattern component, path component): linear in their product, whatever the pattern (no backtracking blow-up).
 */
function componentsMatch(pattern: readonly string[], path: readonly string[]): boolean {
  const width = path.length + 1;
  // reach[i * width + j]: pattern components from i match path components from j.
  const reach = new Uint8Array((pattern.length + 1) * width);
  reach[pattern.length * width + path.length] = 1;
  for (let i = pattern.length - 1; i >= 0; i--) {
    const component = pattern[i]!;
    for (let j = path.length; j >= 0; j--) {
      let hit = false;
      if (component === ANY_DEPTH) hit = reach[(i + 1) * width + j] === 1 || (j < path.length && reach[i * width + j + 1] === 1);
      else if (component === INSIDE) hit = j < path.length && (reach[(i + 1) * width + j + 1] === 1 || reach[i * width + j + 1] === 1);
      else hit = j < path.length && reach[(i + 1) * width + j + 1] === 1 && componentMatches(component, path[j]!);
      if (hit) reach[i * width + j] = 1;
    }
  }
  return reach[0] === 1;
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
  const components: string[] = anchored ? [] : [ANY_DEPTH];
  const written = text.replace(/^\//, '').split('/').filter((component) => component !== '');
  written.forEach((component, index) => {
    if (component === '**') {
      const last = index === written.length - 1;
      // Consecutive `**` mean what one does.
      if (components.at(-1) !== ANY_DEPTH) components.push(last && index > 0 ? INSIDE : ANY_DEPTH);
    } else components.push(component.replace(/\*\*+/g, '*'));
  });
  return { components, negated, directoryOnly };
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
      if (componentsMatch(rule.components, path.split('/'))) return !rule.negated;
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
