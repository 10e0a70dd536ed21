import { InputError } from '../../core/errors.js';

/** -1, 0 or 1: a sorts before, the same as, or after b. */
export type Comparison = -1 | 0 | 1;

/**
 * One ecosystem's version ordering. `compare` is total: it orders any two strings, valid or not, the way the
 * ecosystem's own tool does (or falls back to a documented order for what the tool refuses), so a matcher
 * never has to stop on one odd version. `isValid` says whether the tool itself would accept the string.
 */
export interface VersionScheme {
  /** The folder name: dpkg, apk, rpm, semver, pep440, maven, rubygems, nuget, composer. */
  readonly name: string;
  compare(a: string, b: string): Comparison;
  isValid(version: string): boolean;
}

/**
 * Versions come from package databases and advisories, which an image or a mirror controls. Every comparer
 * is linear in the length, and nothing longer than this is looked at (real versions stay under 200).
 */
export const MAX_VERSION_LENGTH = 1024;

export function checkLength(version: string): void {
  if (version.length > MAX_VERSION_LENGTH) {
    throw new InputError(
      `version string of ${version.length} characters is longer than the ${MAX_VERSION_LENGTH} allowed: ${JSON.stringify(version.slice(0, 40))}…`,
    );
  }
}

export function sign(value: number): Comparison {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

/** Orders two runs of ASCII digits by value, in linear time and without number overflow. */
export function compareDigits(a: string, b: string): Comparison {
  let startA = 0;
  while (startA < a.length - 1 && a.charCodeAt(startA) === 48) startA++;
  let startB = 0;
  while (startB < b.length - 1 && b.charCodeAt(startB) === 48) startB++;
  const lengthA = a.length - startA;
  const lengthB = b.length - startB;
  if (lengthA !== lengthB) return lengthA < lengthB ? -1 : 1;
  for (let i = 0; i < lengthA; i++) {
    const difference = a.charCodeAt(startA + i) - b.charCodeAt(startB + i);
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return 0;
}

/** Plain code-unit order, as C's strcmp and Go's strings.Compare give for ASCII. */
export function compareStrings(a: string, b: string): Comparison {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
