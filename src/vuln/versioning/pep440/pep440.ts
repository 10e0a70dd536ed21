// PyPI versions. PEP 440 versions are ordered by @renovatebot/pep440, a port of Python's `packaging` (epochs,
// pre/post/dev releases, local versions, normalised spellings such as `1.0-RC1` = `1.0rc1`). Versions PEP 440
// cannot read (`0.9-doduo`, `2013-01-21T20:33:09+0100`) still exist on PyPI and in advisories: they sort
// below every PEP 440 version and among themselves by setuptools' legacy key, as `packaging` < 22 did.
import pep440Package from '@renovatebot/pep440';
import { checkLength, MAX_VERSION_LENGTH, compareStrings, isDigitCode, isLetterCode, sign, type Comparison, type VersionScheme } from '../scheme.js';

const legacyReplacements: Readonly<Record<string, string>> = { pre: 'c', preview: 'c', '-': 'final-', rc: 'c', dev: '@' };

/** The pieces of `packaging`'s legacy split on (\d+|[a-z]+|\.|-), the text between matches included. */
function* legacyPieces(version: string): Generator<string> {
  let position = 0;
  let between = '';
  while (position < version.length) {
    const code = version.charCodeAt(position);
    let end = position + 1;
    if (isDigitCode(code)) while (end < version.length && isDigitCode(version.charCodeAt(end))) end++;
    else if (code >= 97 && code <= 122) while (end < version.length && isLetterCode(version.charCodeAt(end))) end++;
    else if (code !== 46 && code !== 45) {
      between += version[position];
      position++;
      continue;
    }
    if (between !== '') yield between;
    between = '';
    yield version.slice(position, end);
    position = end;
  }
  if (between !== '') yield between;
}

function legacyKey(version: string): string[] {
  const parts: string[] = [];
  const add = (part: string): void => {
    if (part.startsWith('*')) {
      if (part < '*final') while (parts.at(-1) === '*final-') parts.pop();
      while (parts.at(-1) === '00000000') parts.pop();
    }
    parts.push(part);
  };
  for (const piece of legacyPieces(version.toLowerCase())) {
    const part = legacyReplacements[piece] ?? piece;
    if (part === '.') continue;
    add(isDigitCode(part.charCodeAt(0)) ? part.padStart(8, '0') : `*${part}`);
  }
  add('*final');
  return parts;
}

function compareLegacy(a: string, b: string): Comparison {
  const left = legacyKey(a);
  const right = legacyKey(b);
  const shared = Math.min(left.length, right.length);
  for (let i = 0; i < shared; i++) {
    const order = compareStrings(left[i]!, right[i]!);
    if (order !== 0) return order;
  }
  return sign(left.length - right.length);
}

function compare(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  const left = a.trim();
  const right = b.trim();
  const validLeft = pep440Package.valid(left) !== null;
  const validRight = pep440Package.valid(right) !== null;
  if (validLeft && validRight) return sign(pep440Package.compare(left, right));
  if (validLeft !== validRight) return validLeft ? 1 : -1;
  return compareLegacy(left, right);
}

function isValid(version: string): boolean {
  return version.length <= MAX_VERSION_LENGTH && pep440Package.valid(version.trim()) !== null;
}

export const pep440: VersionScheme = { name: 'pep440', compare, isValid };
