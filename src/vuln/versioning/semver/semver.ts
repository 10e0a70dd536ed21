// SemVer 2.0 precedence (semver.org §11), for npm, Go, crates.io, Hex and Pub, and OSV's SEMVER ranges.
// The `semver` package decides validity (what npm itself accepts), but it cannot order versions beyond
// Number.MAX_SAFE_INTEGER or with other than three numbers (both occur in advisories: `1.1.3.4.5`), so the
// order is computed here: numbers by value, any count of them (missing ones are 0), then a release above its
// pre-releases, whose dot-separated identifiers compare numerically, or in ASCII order, numbers first. A
// leading `v` (Go modules) or `=` is dropped and build metadata after `+` is ignored, as the spec says.
import semverPackage from 'semver';
import { checkLength, compareDigits, compareStrings, isDigitCode, type Comparison, type VersionScheme } from '../scheme.js';

interface SemverParts {
  numbers: string[];
  prerelease: string[];
}

function parse(version: string): SemverParts {
  let text = version.trim();
  if (text.startsWith('v') || text.startsWith('V') || text.startsWith('=')) text = text.slice(1);
  const plus = text.indexOf('+');
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
  return { numbers, prerelease: rest === '' ? [] : rest.split('.') };
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

function compare(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  const left = parse(a);
  const right = parse(b);
  const count = Math.max(left.numbers.length, right.numbers.length);
  for (let i = 0; i < count; i++) {
    const order = compareDigits(left.numbers[i] ?? '0', right.numbers[i] ?? '0');
    if (order !== 0) return order;
  }
  if (left.prerelease.length === 0 || right.prerelease.length === 0) {
    return left.prerelease.length === right.prerelease.length ? 0 : left.prerelease.length === 0 ? 1 : -1;
  }
  const shared = Math.min(left.prerelease.length, right.prerelease.length);
  for (let i = 0; i < shared; i++) {
    const order = compareIdentifiers(left.prerelease[i]!, right.prerelease[i]!);
    if (order !== 0) return order;
  }
  return left.prerelease.length === right.prerelease.length ? 0 : left.prerelease.length < right.prerelease.length ? -1 : 1;
}

/** A SemVer 2.0 version as npm's `semver` parses it strictly (a leading `v` or `=` allowed; at most 256 characters). */
function isValid(version: string): boolean {
  return semverPackage.valid(version) !== null;
}

export const semver: VersionScheme = { name: 'semver', compare, isValid };
