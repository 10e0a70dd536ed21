// Packagist (Composer) versions, ordered as PHP's version_compare(), which Composer uses, after dropping a
// leading `v`. version_compare reads `-`, `_`, `+` and every other non-alphanumeric character as `.`, puts a
// `.` wherever digits and letters meet (1.0rc1 = 1.0.rc.1), and compares part by part: numbers by value,
// words by their stability: dev < alpha = a < beta = b < RC = rc < a number < pl = p (patch), matched by
// prefix as PHP does (`patch` is `p`, `alpha2x` is `alpha`); any other word sorts below dev.
import { checkLength, MAX_VERSION_LENGTH, compareDigits, isDigitCode, isLetterCode, sign, type Comparison, type VersionScheme } from '../scheme.js';

const NUMBER = '#';
const stabilityForms: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  [NUMBER, 4],
  ['pl', 5],
  ['p', 5],
];

function stability(form: string): number {
  for (const [prefix, order] of stabilityForms) if (form.startsWith(prefix)) return order;
  return -1;
}

function isAlphanumeric(code: number): boolean {
  return isDigitCode(code) || isLetterCode(code);
}

/** PHP's canonicalisation, split at its dots (empty parts dropped, as strtok does). */
function parts(version: string): string[] {
  let text = version.trim();
  if (text.startsWith('v') || text.startsWith('V')) text = text.slice(1);
  const found: string[] = [];
  let current = '';
  const end = (): void => {
    if (current !== '') found.push(current);
    current = '';
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!isAlphanumeric(code)) {
      end();
      continue;
    }
    if (current !== '' && isDigitCode(code) !== isDigitCode(current.charCodeAt(current.length - 1))) end();
    current += text[i];
  }
  end();
  return found;
}

function compareParts(a: string, b: string): Comparison {
  const digitsA = isDigitCode(a.charCodeAt(0));
  const digitsB = isDigitCode(b.charCodeAt(0));
  if (digitsA && digitsB) return compareDigits(a, b);
  return sign(stability(digitsA ? NUMBER : a) - stability(digitsB ? NUMBER : b));
}

/** Where one version has parts left: a number makes it newer, each word is weighed against a number. */
function compareRest(rest: readonly string[]): Comparison {
  for (const part of rest) {
    if (isDigitCode(part.charCodeAt(0))) return 1;
    const order = compareParts(part, NUMBER);
    if (order !== 0) return order;
  }
  return 0;
}

function compare(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  const left = parts(a);
  const right = parts(b);
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const order = compareParts(left[i]!, right[i]!);
    if (order !== 0) return order;
  }
  if (left.length > shared) return compareRest(left.slice(shared));
  if (right.length > shared) return -compareRest(right.slice(shared)) as Comparison;
  return 0;
}

// Composer's VersionParser::normalize accepts: numbers (up to four), an optional stability suffix with an
// optional number (written so that no run of digits can be split two ways), `dev-branch` names, and `.x-dev` branch versions; build metadata after `+` is allowed.
const versionPattern =
  /^v?\d+(?:\.\d+){0,3}(?:[._-]?(?:stable|beta|b|rc|alpha|a|patch|pl|p)(?:[.-]?\d+(?:[.-]\d+)*)?)?(?:[.-]?dev)?(?:\+[0-9A-Za-z.-]+)?$/i;
const branchPattern = /^(?:dev-[^\s]+|v?\d+(?:\.(?:\d+|[xX*])){0,3}\.[xX*]-dev)$/;

function isValid(version: string): boolean {
  const text = version.trim();
  return text.length > 0 && text.length <= MAX_VERSION_LENGTH && (versionPattern.test(text) || branchPattern.test(text));
}

export const composer: VersionScheme = { name: 'composer', compare, isValid };
