// Docker turns each .dockerignore pattern into a Go (RE2) regular expression, passing `[...]`, `^` and
// `\x` escapes through untouched. To match exactly what Docker matches, that Go regexp source is
// parsed here with RE2's rules and rebuilt as an equivalent JavaScript RegExp (Unicode mode).
// Only the syntax a pattern can produce is supported: literals, escapes, classes, `^`, `$`, `.`,
// groups and the `*` `?` `+` repetitions.

import { hasRawBytes } from '../../core/file-names.js';

export class GoRegexpError extends Error {}

interface Range {
  lo: number;
  hi: number;
}

const MAX_RUNE = 0x10ffff;

/** One code point matcher: code point ranges plus Unicode property escapes, optionally negated as a whole. */
interface CharClass {
  ranges: Range[];
  properties: string[];
  /** Parts that are themselves negated unions (`\PC`); force the slower lookahead form. */
  negatedUnions: string[][];
  negated: boolean;
}

const PERL_CLASSES: Record<string, Range[]> = {
  d: [{ lo: 0x30, hi: 0x39 }],
  s: [
    { lo: 0x09, hi: 0x0a },
    { lo: 0x0c, hi: 0x0d },
    { lo: 0x20, hi: 0x20 },
  ],
  w: [
    { lo: 0x30, hi: 0x39 },
    { lo: 0x41, hi: 0x5a },
    { lo: 0x5f, hi: 0x5f },
    { lo: 0x61, hi: 0x7a },
  ],
};

function r(lo: string, hi = lo): Range {
  return { lo: lo.codePointAt(0)!, hi: hi.codePointAt(0)! };
}

const POSIX_CLASSES: Record<string, Range[]> = {
  alnum: [r('0', '9'), r('A', 'Z'), r('a', 'z')],
  alpha: [r('A', 'Z'), r('a', 'z')],
  ascii: [{ lo: 0, hi: 0x7f }],
  blank: [r('\t'), r(' ')],
  cntrl: [
    { lo: 0, hi: 0x1f },
    { lo: 0x7f, hi: 0x7f },
  ],
  digit: [r('0', '9')],
  graph: [r('!', '~')],
  lower: [r('a', 'z')],
  print: [r(' ', '~')],
  punct: [r('!', '/'), r(':', '@'), r('[', '`'), r('{', '~')],
  space: [r('\t', '\r'), r(' ')],
  upper: [r('A', 'Z')],
  word: [r('0', '9'), r('A', 'Z'), r('a', 'z'), r('_')],
  xdigit: [r('0', '9'), r('A', 'F'), r('a', 'f')],
};

/** Go's one-letter Unicode classes; Go's `C` leaves out unassigned code points (Cn). */
const UNICODE_CLASSES: Record<string, string[]> = {
  C: ['Cc', 'Cf', 'Co', 'Cs'],
  L: ['L'],
  M: ['M'],
  N: ['N'],
  P: ['P'],
  S: ['S'],
  Z: ['Z'],
};

function complement(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.lo - b.lo);
  const out: Range[] = [];
  let next = 0;
  for (const { lo, hi } of sorted) {
    if (lo > next) out.push({ lo: next, hi: lo - 1 });
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) out.push({ lo: next, hi: MAX_RUNE });
  return out;
}

function esc(codePoint: number): string {
  return `\\u{${codePoint.toString(16)}}`;
}

function emptyClass(negated: boolean): CharClass {
  return { ranges: [], properties: [], negatedUnions: [], negated };
}

function renderClass(cls: CharClass): string {
  const parts = [
    ...cls.ranges.map(({ lo, hi }) => (lo === hi ? esc(lo) : `${esc(lo)}-${esc(hi)}`)),
    ...cls.properties,
  ];
  if (cls.negatedUnions.length === 0) {
    return `[${cls.negated ? '^' : ''}${parts.join('')}]`;
  }
  const alternatives = [
    ...(parts.length > 0 ? [`[${parts.join('')}]`] : []),
    ...cls.negatedUnions.map((union) => `[^${union.map((name) => `\\p{${name}}`).join('')}]`),
  ];
  const any = `(?:${alternatives.join('|')})`;
  return cls.negated ? `(?!${any})[\\s\\S]` : any;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

class Parser {
  private readonly src: number[];
  private pos = 0;
  private readonly text: string;

  constructor(source: string) {
    this.text = source;
    this.src = Array.from(source, (ch) => ch.codePointAt(0)!);
  }

  private peek(offset = 0): number | undefined {
    return this.src[this.pos + offset];
  }

  private fail(message: string): never {
    throw new GoRegexpError(`${message} in \`${this.text}\``);
  }

  /** RE2's parseEscape: a single-rune escape (`\n`, `\x41`, `\052`, `\.`…). The `\` is at pos. */
  private singleEscape(): number {
    this.pos++;
    const c = this.peek();
    if (c === undefined) this.fail('trailing backslash at end of expression');
    this.pos++;
    if (c < 0x80 && !isAlnum(c)) return c;
    if (c >= 0x30 && c <= 0x37) {
      const next = this.peek();
      if (c === 0x30 || (next !== undefined && next >= 0x30 && next <= 0x37)) {
        let value = c - 0x30;
        for (let i = 1; i < 3; i++) {
          const d = this.peek();
          if (d === undefined || d < 0x30 || d > 0x37) break;
          value = value * 8 + d - 0x30;
          this.pos++;
        }
        return value;
      }
    } else if (c === 0x78 /* x */) {
      const first = this.peek();
      if (first !== undefined) {
        this.pos++;
        if (first === 0x7b /* { */) {
          let value = 0;
          let digits = 0;
          for (;;) {
            const d = this.peek();
            if (d === undefined) break;
            this.pos++;
            if (d === 0x7d) {
              if (digits > 0) return value;
              break;
            }
            const v = unhex(d);
            if (v < 0) break;
            value = value * 16 + v;
            if (value > MAX_RUNE) break;
            digits++;
          }
        } else {
          const second = this.peek();
          if (second !== undefined) {
            this.pos++;
            const x = unhex(first);
            const y = unhex(second);
            if (x >= 0 && y >= 0) return x * 16 + y;
          }
        }
      }
    } else {
      const control: Record<number, number> = { 0x61: 7, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9, 0x76: 11 };
      const value = control[c];
      if (value !== undefined) return value;
    }
    this.fail('invalid escape sequence');
  }

  /** `\d` `\s` `\w` and their negations; undefined when the escape at pos is not one. */
  private perlClass(): Range[] | undefined {
    if (this.peek() !== 0x5c) return undefined;
    const letter = this.peek(1);
    if (letter === undefined) return undefined;
    const name = String.fromCodePoint(letter);
    const ranges = PERL_CLASSES[name.toLowerCase()];
    if (!ranges) return undefined;
    this.pos += 2;
    return name === name.toLowerCase() ? ranges : complement(ranges);
  }

  /** `\pL` / `\PL`: Go reads a one-letter class name (a `{` cannot reach it: Docker escapes braces). */
  private unicodeClass(): { names: string[]; negated: boolean } | undefined {
    if (this.peek() !== 0x5c) return undefined;
    const p = this.peek(1);
    if (p !== 0x70 && p !== 0x50) return undefined;
    const c = this.peek(2);
    if (c === undefined) return undefined;
    this.pos += 3;
    const names = UNICODE_CLASSES[String.fromCodePoint(c)];
    if (!names) return this.fail('invalid character class range');
    return { names, negated: p === 0x50 };
  }

  private addUnicode(cls: CharClass, names: string[], negated: boolean): void {
    if (!negated) cls.properties.push(...names.map((n) => `\\p{${n}}`));
    else if (names.length === 1) cls.properties.push(`\\P{${names[0]}}`);
    else cls.negatedUnions.push(names);
  }

  private classChar(): number {
    const c = this.peek();
    if (c === undefined) this.fail('missing closing ]');
    if (c === 0x5c) return this.singleEscape();
    this.pos++;
    return c;
  }

  /** RE2's parseClass, with Perl flags (so `-` may appear anywhere and negated classes match `\n`). */
  private charClass(): string {
    this.pos++;
    const cls = emptyClass(false);
    if (this.peek() === 0x5e) {
      cls.negated = true;
      this.pos++;
    }
    let first = true;
    while (this.peek() === undefined || this.peek() !== 0x5d || first) {
      first = false;
      if (this.peek() === 0x5b && this.peek(1) === 0x3a) {
        const rest = this.src.slice(this.pos + 2);
        const end = rest.findIndex((ch, i) => ch === 0x3a && rest[i + 1] === 0x5d);
        if (end >= 0) {
          let name = String.fromCodePoint(...rest.slice(0, end));
          const negated = name.startsWith('^');
          if (negated) name = name.slice(1);
          const ranges = POSIX_CLASSES[name];
          if (!ranges) this.fail('invalid character class range');
          cls.ranges.push(...(negated ? complement(ranges) : ranges));
          this.pos += end + 4;
          continue;
        }
      }
      const unicode = this.unicodeClass();
      if (unicode) {
        this.addUnicode(cls, unicode.names, unicode.negated);
        continue;
      }
      const perl = this.perlClass();
      if (perl) {
        cls.ranges.push(...perl);
        continue;
      }
      const lo = this.classChar();
      let hi = lo;
      if (this.peek() === 0x2d && this.peek(1) !== undefined && this.peek(1) !== 0x5d) {
        this.pos++;
        hi = this.classChar();
        if (hi < lo) this.fail('invalid character class range');
      }
      cls.ranges.push({ lo, hi });
    }
    this.pos++;
    return renderClass(cls);
  }

  /** Translates the whole expression. */
  translate(): string {
    let out = '';
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      switch (c) {
        case 0x5e: // ^ : beginning of text (Go's default one-line mode)
          out += '^';
          this.pos++;
          break;
        case 0x24: // $ : end of text
          out += '$';
          this.pos++;
          break;
        case 0x2e: // . : any character but newline
          out += '[^\\n]';
          this.pos++;
          break;
        case 0x28:
          out += '(?:';
          depth++;
          this.pos++;
          break;
        case 0x29:
          if (depth === 0) this.fail('unexpected )');
          out += ')';
          depth--;
          this.pos++;
          break;
        case 0x2a:
        case 0x3f:
        case 0x2b:
        case 0x7c:
          out += String.fromCodePoint(c);
          this.pos++;
          break;
        case 0x5b:
          out += this.charClass();
          break;
        case 0x5c:
          out += this.escape();
          break;
        default:
          out += esc(c);
          this.pos++;
      }
    }
    if (depth > 0) this.fail('missing closing )');
    return out;
  }

  private escape(): string {
    const next = this.peek(1);
    switch (next) {
      case 0x41: // \A
        this.pos += 2;
        return '^';
      case 0x7a: // \z
        this.pos += 2;
        return '$';
      case 0x62: // \b
        this.pos += 2;
        return '\\b';
      case 0x42: // \B
        this.pos += 2;
        return '\\B';
      case 0x43: // \C
        return this.fail('invalid escape sequence');
      case 0x51: {
        // \Q…\E: everything up to \E (or the end) is literal
        this.pos += 2;
        let literal = '';
        while (this.pos < this.src.length) {
          if (this.src[this.pos] === 0x5c && this.src[this.pos + 1] === 0x45) {
            this.pos += 2;
            break;
          }
          literal += esc(this.src[this.pos]);
          this.pos++;
        }
        return literal;
      }
    }
    const unicode = this.unicodeClass();
    if (unicode) {
      const cls = emptyClass(false);
      this.addUnicode(cls, unicode.names, unicode.negated);
      return renderClass(cls);
    }
    const perl = this.perlClass();
    if (perl) return renderClass({ ...emptyClass(false), ranges: perl });
    return esc(this.singleEscape());
  }
}

/** Compiles Go regexp source into a JavaScript RegExp with the same matches, or throws GoRegexpError. */
export function compileGoRegexp(source: string): RegExp {
  // Go's parser takes UTF-8 only: a pattern with a byte that is not (file-names.ts) fails as Docker's does
  if (hasRawBytes(source)) throw new GoRegexpError('invalid UTF-8');
  const translated = new Parser(source).translate();
  try {
    return new RegExp(translated, 'u');
  } catch (error) {
    throw new GoRegexpError(`cannot translate \`${source}\`: ${(error as Error).message}`);
  }
}
