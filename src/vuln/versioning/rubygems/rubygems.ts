// RubyGems versions, ordered as Gem::Version#<=> does: the version is cut into runs of digits and runs of
// letters (`-` reads as `.pre.`); trailing zeros are dropped from the release part and from the pre-release
// part (what follows the first letter run), then the parts compare in turn, a missing part counting as 0.
// A number beats letters, so any letter run makes a pre-release: 1.0.a < 1.0 and 1.0.b1 < 1.0.b2.
import { checkLength, MAX_VERSION_LENGTH, compareDigits, compareStrings, isDigitCode, isLetterCode, type Comparison, type VersionScheme } from '../scheme.js';

type Segment = { numeric: true; value: string } | { numeric: false; value: string };

function segments(version: string): Segment[] {
  const text = version.trim().replaceAll('-', '.pre.');
  const found: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const start = i;
    if (isDigitCode(code)) {
      while (i < text.length && isDigitCode(text.charCodeAt(i))) i++;
      let value = text.slice(start, i);
      let zeros = 0;
      while (zeros < value.length - 1 && value.charCodeAt(zeros) === 48) zeros++;
      value = value.slice(zeros);
      found.push({ numeric: true, value });
    } else if (isLetterCode(code)) {
      while (i < text.length && isLetterCode(text.charCodeAt(i))) i++;
      found.push({ numeric: false, value: text.slice(start, i) });
    } else {
      i++;
    }
  }
  return canonical(found);
}

const isZero = (segment: Segment | undefined): boolean => segment !== undefined && segment.numeric && segment.value === '0';

/** Gem::Version#canonical_segments: trailing zeros dropped from the release part and from the pre-release part. */
function canonical(found: Segment[]): Segment[] {
  const firstLetters = found.findIndex((segment) => !segment.numeric);
  const release = firstLetters >= 0 ? found.slice(0, firstLetters) : found;
  const prerelease = firstLetters >= 0 ? found.slice(firstLetters) : [];
  while (isZero(release.at(-1))) release.pop();
  while (isZero(prerelease.at(-1))) prerelease.pop();
  return [...release, ...prerelease];
}

const zero: Segment = { numeric: true, value: '0' };

function compare(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  const left = segments(a);
  const right = segments(b);
  const count = Math.max(left.length, right.length);
  for (let i = 0; i < count; i++) {
    const leftSegment = left[i] ?? zero;
    const rightSegment = right[i] ?? zero;
    if (leftSegment.numeric !== rightSegment.numeric) return leftSegment.numeric ? 1 : -1;
    const order = leftSegment.numeric ? compareDigits(leftSegment.value, rightSegment.value) : compareStrings(leftSegment.value, rightSegment.value);
    if (order !== 0) return order;
  }
  return 0;
}

// Gem::Version::ANCHORED_VERSION_PATTERN, written without nested quantifiers that could backtrack
const versionPattern = /^\s*(?:[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*$/;

function isValid(version: string): boolean {
  return version.length <= MAX_VERSION_LENGTH && version.trim() !== '' && versionPattern.test(version);
}

export const rubygems: VersionScheme = { name: 'rubygems', compare, isValid };
