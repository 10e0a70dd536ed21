// Maven versions, ordered by the POM reference's "Version Order Specification" as OSV applies it. A version
// splits at `.`, `-` and every switch between digits and letters (a switch counts as `-`); `a1`, `b1`, `m1`
// mean alpha, beta, milestone; `cr` is `rc`, and `ga`, `final`, `release` are the release itself. Trailing
// null parts (0, the release) are dropped before each hyphen and at the end, so 1.0.0 = 1 and 1-0 = 1.
// Qualifiers order alpha < beta < milestone < rc < snapshot < release < sp < anything else (by text); a number
// beats a qualifier, and across separators .qualifier < -qualifier < -number < .number (1.0-1 < 1.0.1).
// Like Maven's own ComparableVersion, this is not transitive around an unknown qualifier after a dot
// (1.pre > 1 > 1-alpha > 1.pre): a sort of such versions depends on their input order.
import { checkLength, MAX_VERSION_LENGTH, compareDigits, compareStrings, isDigitCode, sign, type Comparison, type VersionScheme } from '../scheme.js';

interface MavenToken {
  separator: '' | '.' | '-';
  value: string;
  numeric: boolean;
  /** Padding added to the shorter version: equal to what a missing part means. */
  padding?: boolean;
}

const qualifierOrder = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const aliases: Readonly<Record<string, string>> = { cr: 'rc', ga: '', final: '', release: '' };
const shortAliases: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };

function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 48) start++;
  return digits.slice(start);
}

function tokenize(version: string): MavenToken[] {
  const tokens: MavenToken[] = [];
  const text = version.trim().toLowerCase();
  let separator: MavenToken['separator'] = '';
  let start = 0;
  const push = (end: number, followedByDigit: boolean): void => {
    let value = text.slice(start, end) || '0';
    const numeric = isDigitCode(value.charCodeAt(0));
    if (numeric) value = stripLeadingZeros(value);
    else value = (followedByDigit ? shortAliases[value] : undefined) ?? aliases[value] ?? value;
    tokens.push({ separator, value, numeric });
  };
  for (let i = 0; i <= text.length; i++) {
    const code = text.charCodeAt(i);
    if (i === text.length || code === 46 || code === 45) {
      push(i, false);
      separator = code === 46 ? '.' : '-';
      start = i + 1;
    } else if (i > start && isDigitCode(code) !== isDigitCode(text.charCodeAt(i - 1))) {
      push(i, isDigitCode(code));
      separator = '-';
      start = i;
    }
  }
  return trimNulls(tokens);
}

function isNull(token: MavenToken): boolean {
  return token.value === '0' || token.value === '';
}

/** Drops null parts at the end and before each hyphen, never the first part. */
function trimNulls(tokens: MavenToken[]): MavenToken[] {
  const kept: MavenToken[] = [];
  // walking backwards: a null part is dropped while only nulls have been seen since the end or the last hyphen
  let trimming = true;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (trimming && i > 0 && isNull(token)) continue;
    trimming = token.separator === '-';
    kept.push(token);
  }
  return kept.reverse();
}

function paddingFor(other: MavenToken): MavenToken {
  if (other.separator === '.') return other.value === 'sp' ? { separator: '.', value: '', numeric: false, padding: true } : { separator: '.', value: '0', numeric: true, padding: true };
  return { separator: '-', value: '', numeric: false, padding: true };
}

function separatorRank(token: MavenToken): number {
  if (token.numeric) return token.separator === '-' ? 2 : 3;
  return token.separator === '-' ? 1 : 0;
}

function qualifierRank(value: string): number {
  const index = qualifierOrder.indexOf(value);
  return index >= 0 ? index : qualifierOrder.length;
}

function compareTokens(left: MavenToken, right: MavenToken): Comparison {
  if (left.separator === right.separator && left.value === right.value) return 0;
  if (left.separator !== right.separator) return sign(separatorRank(left) - separatorRank(right));
  if (left.numeric && right.numeric) return compareDigits(left.value, right.value);
  if (left.numeric && !left.padding) return 1;
  if (right.numeric && !right.padding) return -1;
  const leftRank = qualifierRank(left.value);
  const rightRank = qualifierRank(right.value);
  if (leftRank === qualifierOrder.length && rightRank === qualifierOrder.length) return compareStrings(left.value, right.value);
  return sign(leftRank - rightRank);
}

function compare(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  const left = tokenize(a);
  const right = tokenize(b);
  const count = Math.max(left.length, right.length);
  for (let i = 0; i < count; i++) {
    const leftToken = left[i] ?? paddingFor(right[i]!);
    const rightToken = right[i] ?? paddingFor(left[i]!);
    const order = compareTokens(leftToken, rightToken);
    if (order !== 0) return order;
  }
  return 0;
}

/** Maven takes any string as a version; refused here are only empty, over-long and control or space characters. */
function isValid(version: string): boolean {
  return version.length > 0 && version.length <= MAX_VERSION_LENGTH && /^[\x21-\x7e]+$/.test(version);
}

export const maven: VersionScheme = { name: 'maven', compare, isValid };
