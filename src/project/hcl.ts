// The subset of HCL that bake files use: blocks with labels, attributes, strings with `${…}` interpolation and
// heredocs, lists, objects, numbers, booleans, null, comments. An expression beyond a value or a variable
// reference (a function call, an operator, a conditional) is kept as its text: bake evaluates it, this reader does
// not guess.

export type HclNode =
  | { type: 'literal'; value: string | number | boolean | null; text: string }
  | { type: 'template'; parts: Array<string | HclNode>; text: string }
  | { type: 'list'; items: HclNode[]; text: string }
  | { type: 'object'; entries: Array<[string, HclNode]>; text: string }
  | { type: 'reference'; name: string; text: string }
  | { type: 'expression'; text: string };

export interface HclBlock {
  type: string;
  labels: string[];
  body: HclBody;
  line: number;
}

export interface HclBody {
  attributes: Map<string, HclNode>;
  blocks: HclBlock[];
}

export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

import { LineIndex } from '../dockerfile/parse/lines.js';

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  private pos = 0;
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  private lineAt(offset: number): number {
    return this.lines.lineOf(offset);
  }

  fail(message: string, at = this.pos): never {
    throw new HclSyntaxError(message, this.lineAt(at));
  }

  /** Skips blanks and comments; newlines too unless `stopAtNewline`. */
  private skip(stopAtNewline = false): void {
    const text = this.text;
    while (this.pos < text.length) {
      const char = text[this.pos]!;
      if (char === '\n' && stopAtNewline) return;
      if (char === ' ' || char === '\t' || char === '\r' || char === '\n') this.pos++;
      else if (char === '#' || (char === '/' && text[this.pos + 1] === '/')) {
        while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      } else if (char === '/' && text[this.pos + 1] === '*') {
        const end = text.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unclosed comment');
        this.pos = end + 2;
      } else return;
    }
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private identifier(): string | undefined {
    IDENTIFIER.lastIndex = this.pos;
    const match = IDENTIFIER.exec(this.text);
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  body(closing: boolean): HclBody {
    const body: HclBody = { attributes: new Map(), blocks: [] };
    for (;;) {
      this.skip();
      if (this.pos >= this.text.length) {
        if (closing) this.fail('missing }');
        return body;
      }
      if (this.peek() === '}') {
        if (!closing) this.fail('unexpected }');
        this.pos++;
        return body;
      }
      const start = this.pos;
      const name = this.identifier();
      if (name === undefined) this.fail(`unexpected ${JSON.stringify(this.peek())}`);
      this.skip(true);
      if (this.peek() === '=' && this.text[this.pos + 1] !== '=') {
        this.pos++;
        body.attributes.set(name, this.expression());
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        this.skip();
        const char = this.peek();
        if (char === '{') break;
        if (char === '"') {
          const label = this.template();
          labels.push(label.type === 'template' ? label.parts.map((part) => (typeof part === 'string' ? part : part.text)).join('') : String((label as { value: unknown }).value));
        } else {
          const label = this.identifier();
          if (label === undefined) this.fail(`expected = or { after ${name}`);
          labels.push(label);
        }
      }
      this.pos++;
      body.blocks.push({ type: name, labels, body: this.body(true), line: this.lineAt(start) });
    }
  }

  /** An expression: a value, or its text when it goes beyond one. */
  expression(): HclNode {
    this.skip();
    const start = this.pos;
    const primary = this.primary();
    this.skip(true);
    const next = this.peek();
    if (next === undefined || next === '\n' || next === ',' || next === '}' || next === ']' || next === ')' || next === ':' && primary.type !== 'reference') {
      return primary;
    }
    if (next === '#' || (next === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*'))) return primary;
    // An operator, a conditional, an index or an attribute access follows: keep the whole expression as text.
    this.rest();
    return { type: 'expression', text: this.text.slice(start, this.pos).trim() };
  }

  /** Moves past the rest of an expression: up to a newline, `,` or a closing bracket at depth 0. */
  private rest(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === '"') {
        this.template();
        continue;
      }
      if (char === '(' || char === '[' || char === '{') depth++;
      else if (char === ')' || char === ']' || char === '}') {
        if (depth === 0) return;
        depth--;
      } else if ((char === '\n' || char === ',') && depth === 0) return;
      this.pos++;
    }
  }

  private primary(): HclNode {
    const start = this.pos;
    const char = this.peek();
    if (char === '"') return this.template();
    if (char === '<' && this.text[this.pos + 1] === '<') return this.heredoc();
    if (char === '[') return this.list();
    if (char === '{') return this.object();
    if (char === '(') {
      this.rest();
      this.pos++;
      return { type: 'expression', text: this.text.slice(start, this.pos) };
    }
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) {
      this.pos += number[0].length;
      return { type: 'literal', value: Number(number[0]), text: number[0] };
    }
    const name = this.identifier();
    if (name === undefined) this.fail(`unexpected ${JSON.stringify(char ?? 'end of file')}`);
    if (name === 'true' || name === 'false') return { type: 'literal', value: name === 'true', text: name };
    if (name === 'null') return { type: 'literal', value: null, text: name };
    this.skip(true);
    if (this.peek() === '(') {
      // A function call: bake evaluates it; its text is kept.
      this.pos++;
      let depth = 1;
      while (this.pos < this.text.length && depth > 0) {
        const c = this.text[this.pos]!;
        if (c === '"') {
          this.template();
          continue;
        }
        if (c === '(') depth++;
        else if (c === ')') depth--;
        this.pos++;
      }
      if (depth > 0) this.fail('unclosed (', start);
      return { type: 'expression', text: this.text.slice(start, this.pos) };
    }
    return { type: 'reference', name, text: name };
  }

  private list(): HclNode {
    const start = this.pos++;
    const items: HclNode[] = [];
    for (;;) {
      this.skip();
      if (this.peek() === ']') {
        this.pos++;
        return { type: 'list', items, text: this.text.slice(start, this.pos) };
      }
      if (this.pos >= this.text.length) this.fail('missing ]', start);
      items.push(this.expression());
      this.skip();
      if (this.peek() === ',') this.pos++;
    }
  }

  private object(): HclNode {
    const start = this.pos++;
    const entries: Array<[string, HclNode]> = [];
    for (;;) {
      this.skip();
      const char = this.peek();
      if (char === '}') {
        this.pos++;
        return { type: 'object', entries, text: this.text.slice(start, this.pos) };
      }
      if (this.pos >= this.text.length) this.fail('missing }', start);
      let key: string;
      if (char === '"') {
        const node = this.template();
        key = node.type === 'template' ? node.parts.map((part) => (typeof part === 'string' ? part : part.text)).join('') : String((node as { value: unknown }).value);
      } else {
        const name = this.identifier();
        if (name === undefined) this.fail(`unexpected ${JSON.stringify(char)} in an object`);
        key = name;
      }
      this.skip();
      if (this.peek() !== '=' && this.peek() !== ':') this.fail(`expected = or : after ${key}`);
      this.pos++;
      entries.push([key, this.expression()]);
      this.skip();
      if (this.peek() === ',') this.pos++;
    }
  }

  /** A quoted string, its `${…}` parts parsed as expressions. */
  private template(): HclNode {
    const start = this.pos++;
    const parts: Array<string | HclNode> = [];
    let literal = '';
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === '"') {
        this.pos++;
        if (literal !== '' || parts.length === 0) parts.push(literal);
        return simplify(parts, this.text.slice(start, this.pos));
      }
      if (char === '\n') this.fail('unclosed string', start);
      if (char === '\\') {
        const next = this.text[this.pos + 1];
        literal += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : (next ?? '');
        this.pos += 2;
      } else if ((char === '$' || char === '%') && this.text[this.pos + 1] === char && this.text[this.pos + 2] === '{') {
        literal += char + '{';
        this.pos += 3;
      } else if ((char === '$' || char === '%') && this.text[this.pos + 1] === '{') {
        if (literal !== '') parts.push(literal);
        literal = '';
        parts.push(this.interpolation(char === '%'));
      } else {
        literal += char;
        this.pos++;
      }
    }
    this.fail('unclosed string', start);
  }

  /** `${ expr }` (or a `%{ directive }`, kept as text). */
  private interpolation(directive: boolean): HclNode {
    const start = this.pos;
    this.pos += 2;
    if (directive) {
      this.rest();
      this.pos++;
      return { type: 'expression', text: this.text.slice(start, this.pos) };
    }
    const inner = this.expression();
    this.skip();
    if (this.peek() !== '}') {
      this.rest();
    }
    this.pos++;
    const text = this.text.slice(start, this.pos);
    return inner.type === 'expression' ? { type: 'expression', text } : { ...inner, text };
  }

  private heredoc(): HclNode {
    const start = this.pos;
    const match = /<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/y;
    match.lastIndex = this.pos;
    const head = match.exec(this.text);
    if (!head) this.fail('invalid heredoc');
    this.pos += head[0].length;
    const lines: string[] = [];
    for (;;) {
      if (this.pos >= this.text.length) this.fail(`heredoc ${head[2]} is not closed`, start);
      let end = this.text.indexOf('\n', this.pos);
      if (end < 0) end = this.text.length;
      const line = this.text.slice(this.pos, end).replace(/\r$/, '');
      this.pos = end;
      if (line.trim() === head[2]) break;
      lines.push(line);
      this.pos++;
    }
    let body = lines;
    if (head[1] === '-') {
      const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length));
      body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
    }
    const value = body.map((l) => l + '\n').join('');
    return { type: 'literal', value, text: this.text.slice(start, this.pos) };
  }
}

function simplify(parts: Array<string | HclNode>, text: string): HclNode {
  if (parts.every((part) => typeof part === 'string')) return { type: 'literal', value: parts.join(''), text };
  return { type: 'template', parts, text };
}

/** Parses a bake file's HCL; throws HclSyntaxError with the line. */
export function parseHcl(text: string): HclBody {
  return new Parser(text).body(false);
}
