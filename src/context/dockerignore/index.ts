// Docker's .dockerignore semantics, for reuse by other tools:
//   const ignore = dockerignore.parse(text);  ignore.matches('node_modules/x/index.js') === true
import { goClean, goMatch, hasWildcards } from './go-path.js';
import { parseDockerignore, readPatterns } from './read-patterns.js';
import { DockerignoreMatcher } from './matcher.js';

export { DockerignoreMatcher, type MatchResult, type ParentMatches, type PatternLine } from './matcher.js';
export { BadIgnorePatternError, compilePattern, IgnorePattern, type CompiledPattern, type MatchType } from './pattern.js';
export { parseDockerignore, readPatterns } from './read-patterns.js';
export { goClean, goMatch, hasWildcards } from './go-path.js';

export const dockerignore = {
  /** Parses .dockerignore text; throws InputError (`.dockerignore:LINE: …`) for a pattern Docker rejects. */
  parse: parseDockerignore,
  /** The cleaned pattern list of a .dockerignore text, as Docker's ReadAll gives it. */
  read: readPatterns,
  /** A matcher from patterns given one per element (as Docker's PatternMatcher is built). */
  fromPatterns: (patterns: readonly string[], file = '.dockerignore') =>
    new DockerignoreMatcher(patterns.map((pattern) => ({ pattern, line: 0 })), file),
  /** Go's filepath.Clean and filepath.Match, which COPY sources use. */
  clean: goClean,
  globMatch: goMatch,
  hasWildcards,
};
