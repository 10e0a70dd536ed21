// SemVer 2.0 precedence (semver.org §11), for npm, Go, crates.io, Hex and Pub, and OSV's SEMVER ranges.
// The `semver` package decides validity (what npm itself accepts), but it cannot order versions beyond
// Number.MAX_SAFE_INTEGER or with other than three numbers (both occur in advisories: `1.1.3.4.5`), so the
// order is computed here: numbers by value, any count of them (missing ones are 0), then a release above its
// pre-releases, whose dot-separated identifiers compare numerically, or in ASCII order, numbers first. A
// leading `v` (Go modules) or `=` is dropped and build metadata after `+` is ignored, as the spec says.
// Dart's pub differs in one point: it orders build metadata too, after the rest (1.0.0 < 1.0.0+1 < 1.0.0+a).
import semverPackage from 'semver';
import { checkLength, compareDigits, compareStrings, isDigitCode, type Comparison, type VersionScheme } from '../scheme.js';

interface SemverParts {
  numbers: string[];
  prerelease: string[];
  build: string[];
}

function parse(version: string): SemverParts {
  let text = version.trim();
  if (text.startsWith('v') || text.startsWith('V') || text.startsWith('=')) text = text.slice(1);
  const plus = text.indexOf('+');
  const build = plus >= 0 ? text.slice(plus + 1).split('.') : [];
  if (plus >= 0) text = text.slice(0, plus);
  const numbers: string[] = [];
  let position = 0;
  while (position < text.length) {
    const start = position;
    while (position < text.length && isDigitCode(text.charCodeAt(position))) position++;
    if (position === start) break;
    numbers.push(text.slice(start, position));
    if (text[position] !== '.' || !isDigitCode(text.charCodeAt(position + 1))) break;
    position++;
  }
  // whatever follows the numbers is the pre-release: `-beta.1`, or `beta1` in npm's loose form
  let rest = text.slice(position);
  if (rest.startsWith('-') || rest.startsWith('.')) rest = rest.slice(1);
  return { numbers, prerelease: rest === '' ? [] : rest.split('.'), build };
}

function isNumeric(identifier: string): boolean {
  if (identifier.length === 0) return false;
  for (let i = 0; i < identifier.length; i++) if (!isDigitCode(identifier.charCodeAt(i))) return false;
  return true;
}

function compareIdentifiers(a: string, b: string): Comparison {
  const numericA = isNumeric(a);
  const numericB = isNumeric(b);
  if (numericA && numericB) return compareDigits(a, b);
  if (numericA !== numericB) return numericA ? -1 : 1;
  return compareStrings(a, b);
}

/** Identifier lists in SemVer's pre-release order: pairwise, then the longer list is newer. */
function compareIdentifierLists(left: readonly string[], right: readonly string[]): Comparison {
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const order = compareIdentifiers(left[i]!, right[i]!);
    if (order !== 0) return order;
  }
  return left.length === right.length ? 0 : left.length < right.length ? -1 : 1;
}

function compareParts(left: SemverParts, right: SemverParts): Comparison {
  const count = Math.max(left.numbers.length, right.numbers.length);
  for (let i = 0; i < count; i++) {
    const order = compareDigits(left.numbers[i] ?? '0', right.numbers[i] ?? '0');
    if (order !== 0) return order;
  }
  if (left.prerelease.length === 0 || right.prerelease.length === 0) {
    return left.prerelease.length === right.prerelease.length ? 0 : left.prerelease.length === 0 ? 1 : -1;
  }
  return compareIdentifierLists(left.prerelease, right.prerelease);
}

function compare(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  return compareParts(parse(a), parse(b));
}

/** pub_semver's Version.compareTo: SemVer precedence, then no build < any build, builds as pre-releases are. */
function comparePub(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  const left = parse(a);
  const right = parse(b);
  return compareParts(left, right) || compareIdentifierLists(left.build, right.build);
}

/** A SemVer 2.0 version as npm's `semver` parses it strictly (a leading `v` or `=` allowed; at most 256 characters). */
function isValid(version: string): boolean {
  return semverPackage.valid(version) !== null;
}

export const semver: VersionScheme = { name: 'semver', compare, isValid };

/** The SemVer scheme as Dart's pub orders it (build metadata counts). */
export const pubSemver: VersionScheme = { name: 'semver', compare: comparePub, isValid };
