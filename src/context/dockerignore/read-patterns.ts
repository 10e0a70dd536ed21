// Reading a .dockerignore file the way Docker does (moby/patternmatcher/ignorefile.ReadAll), keeping
// the line each pattern came from so that problems can be reported as `.dockerignore:LINE`.

import { InputError } from '../../core/errors.js';
import { goClean } from './go-path.js';
import { DockerignoreMatcher, type PatternLine } from './matcher.js';

/** Go's bufio.Scanner gives up on a line that does not fit its 64 KiB buffer. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * The patterns of a .dockerignore text, as ReadAll returns them: lines split on `\n` (a trailing
 * `\r` dropped), a UTF-8 BOM dropped, `#` comments (checked before trimming) and blank lines
 * skipped, whitespace trimmed, each pattern cleaned with one leading `/` removed, `!` kept.
 */
export function readPatterns(text: string, file = '.dockerignore'): PatternLine[] {
  const out: PatternLine[] = [];
  const segments = text.split('\n');
  segments.forEach((segment, index) => {
    const hasNewline = index < segments.length - 1;
    if (!hasNewline && segment === '') return;
    const bytes = Buffer.byteLength(segment) + (hasNewline ? 1 : 0);
    if (bytes > MAX_LINE_BYTES || (!hasNewline && bytes >= MAX_LINE_BYTES)) {
      throw new InputError(`${file}:${index + 1}: line longer than 64 KiB (Docker cannot read the file)`);
    }
    let line = segment.endsWith('\r') ? segment.slice(0, -1) : segment;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.startsWith('#')) return;
    let pattern = line.trim();
    if (pattern === '') return;
    const exception = pattern.startsWith('!');
    if (exception) pattern = pattern.slice(1).trim();
    if (pattern.length > 0) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push({ pattern: exception ? '!' + pattern : pattern, line: index + 1 });
  });
  return out;
}

/** Parses .dockerignore text into a matcher; throws InputError naming `file:LINE` for a pattern Docker rejects. */
export function parseDockerignore(text: string, file = '.dockerignore'): DockerignoreMatcher {
  return new DockerignoreMatcher(readPatterns(text, file), file);
}
