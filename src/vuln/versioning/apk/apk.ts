// Alpine, Wolfi and Chainguard package versions, ordered as apk-tools 3 does (src/version.c):
// number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}, read as a stream of typed tokens. Two versions
// are walked token by token while the token types agree; where they part, a pre-release suffix (_alpha,
// _beta, _pre, _rc) sorts lower, otherwise the side whose next token comes earlier in the grammar is newer.
import { checkLength, MAX_VERSION_LENGTH, compareDigits, compareStrings, isDigitCode, sign, type Comparison, type VersionScheme } from '../scheme.js';

const enum Token {
  InitialDigit,
  Digit,
  Letter,
  Suffix,
  SuffixNumber,
  CommitHash,
  RevisionNumber,
  End,
  Invalid,
}

/** Suffix weights in apk's order; `none` is where a version without a suffix would sit. */
const suffixWeights: Readonly<Record<string, number>> = {
  alpha: 1,
  beta: 2,
  pre: 3,
  rc: 4,
  cvs: 6,
  svn: 7,
  git: 8,
  hg: 9,
  p: 10,
};
const noSuffix = 5;

class TokenReader {
  token = Token.InitialDigit;
  /** The token's text: digits, the letter, the suffix name or the hash. */
  value = '';
  suffix = 0;
  /** Where the current token starts. */
  start = 0;
  private position = 0;

  constructor(private readonly text: string) {
    this.readDigits();
  }

  private readDigits(): void {
    const start = this.position;
    while (this.position < this.text.length && isDigitCode(this.text.charCodeAt(this.position))) this.position++;
    this.value = this.text.slice(start, this.position);
    if (this.value.length === 0) this.token = Token.Invalid;
  }

  private readWhile(test: (code: number) => boolean): string {
    const start = this.position;
    while (this.position < this.text.length && test(this.text.charCodeAt(this.position))) this.position++;
    return this.text.slice(start, this.position);
  }

  /** The text from the current token on. */
  rest(): string {
    return this.text.slice(this.start);
  }

  next(): void {
    this.start = this.position;
    if (this.position >= this.text.length) {
      this.token = Token.End;
      return;
    }
    const code = this.text.charCodeAt(this.position);
    if (code >= 97 && code <= 122) {
      if (this.token > Token.Digit) return this.invalid();
      this.value = this.text[this.position]!;
      this.token = Token.Letter;
      this.position++;
    } else if (code === 46 || isDigitCode(code)) {
      if (code === 46) {
        if (this.token > Token.Digit) return this.invalid();
        this.position++;
      }
      if (this.token === Token.InitialDigit || this.token === Token.Digit) this.token = Token.Digit;
      else if (this.token === Token.Suffix) this.token = Token.SuffixNumber;
      else return this.invalid();
      this.readDigits();
    } else if (code === 95) {
      if (this.token > Token.SuffixNumber) return this.invalid();
      this.position++;
      this.value = this.readWhile((c) => c >= 97 && c <= 122);
      const weight = suffixWeights[this.value];
      if (weight === undefined) return this.invalid();
      this.suffix = weight;
      this.token = Token.Suffix;
    } else if (code === 126) {
      if (this.token >= Token.CommitHash) return this.invalid();
      this.position++;
      this.value = this.readWhile((c) => isDigitCode(c) || (c >= 97 && c <= 102));
      if (this.value.length === 0) return this.invalid();
      this.token = Token.CommitHash;
    } else if (code === 45) {
      if (this.token >= Token.RevisionNumber || this.text.charCodeAt(this.position + 1) !== 114) return this.invalid();
      this.position += 2;
      this.token = Token.RevisionNumber;
      this.readDigits();
    } else {
      this.invalid();
    }
  }

  private invalid(): void {
    this.token = Token.Invalid;
  }
}

function compareTokens(a: TokenReader, b: TokenReader): Comparison {
  switch (a.token) {
    case Token.Digit:
      // a leading zero makes the part a string, as in Gentoo's rules: 1.01 < 1.1
      if (a.value.startsWith('0') || b.value.startsWith('0')) return compareStrings(a.value, b.value);
      return compareDigits(a.value, b.value);
    case Token.InitialDigit:
    case Token.SuffixNumber:
    case Token.RevisionNumber:
      return compareDigits(a.value || '0', b.value || '0');
    case Token.Suffix:
      return sign(a.suffix - b.suffix);
    default:
      return compareStrings(a.value, b.value);
  }
}

function compareVersions(a: string, b: string, fuzzy: boolean): Comparison {
  checkLength(a);
  checkLength(b);
  const left = new TokenReader(a);
  const right = new TokenReader(b);
  for (; left.token === right.token && left.token < Token.End; left.next(), right.next()) {
    const order = compareTokens(left, right);
    if (order !== 0) return order;
  }
  // apk stops at the first token its grammar refuses and calls two such versions equal; real packages
  // (openssh 6.6.1p1-r0 .. -r3) and advisories carry them, so the rest of each is compared as text instead,
  // except for junk in or after the revision (1-r0-1, 1-ruff), which stays ignored as apk ignores it
  if (left.token === Token.Invalid && right.token === Token.Invalid) {
    const leftRest = left.rest();
    const rightRest = right.rest();
    return leftRest.startsWith('-') && rightRest.startsWith('-') ? 0 : compareStrings(leftRest, rightRest);
  }
  if (left.token === right.token) return 0;
  if (fuzzy && right.token === Token.End) return 0;
  if (left.token === Token.Suffix && left.suffix < noSuffix) return -1;
  if (right.token === Token.Suffix && right.suffix < noSuffix) return 1;
  return left.token > right.token ? -1 : 1;
}

function compare(a: string, b: string): Comparison {
  return compareVersions(a, b, false);
}

/** apk's `~` operator: `version` lies within `prefix` (3.6.9 ~ 3.6, not 3.8 ~ 3.8.1). */
export function apkFuzzyMatch(version: string, prefix: string): boolean {
  return compareVersions(version, prefix, true) === 0;
}

function isValid(version: string): boolean {
  if (version.length > MAX_VERSION_LENGTH) return false;
  const reader = new TokenReader(version);
  while (reader.token < Token.End) reader.next();
  return reader.token === Token.End;
}

export const apk: VersionScheme = { name: 'apk', compare, isValid };
