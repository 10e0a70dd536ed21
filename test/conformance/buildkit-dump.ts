// Renders a parsed Dockerfile the way BuildKit's parser tests dump their AST (`node.Dump()`), so our parse
// can be compared line by line with BuildKit's golden `result` files.
import type { Instruction } from '../../src/dockerfile/parse/index.js';

/** Go's strconv.Quote for the characters Dockerfiles hold. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\x07':
        out += '\\a';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\v':
        out += '\\v';
        break;
      default:
        if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
        else out += ch;
    }
  }
  return `${out}"`;
}

function flagText(instruction: Instruction): string[] {
  return instruction.flags.map((flag) => (flag.value === null ? `--${flag.name}` : `--${flag.name}=${flag.value}`));
}

export function dumpInstruction(instruction: Instruction): string {
  let out = instruction.keywordText.toLowerCase();
  const flags = flagText(instruction);
  if (flags.length > 0) out += ` [${flags.map(goQuote).join(' ')}]`;
  if (instruction.trigger) return `${out} (${dumpInstruction(instruction.trigger)})`;
  if (instruction.keyword === 'ENV' || instruction.keyword === 'LABEL') {
    for (const pair of instruction.pairs) out += ` ${goQuote(pair.key)} ${goQuote(pair.value)} ${goQuote(pair.separator)}`;
    return out;
  }
  for (const arg of instruction.args) out += ` ${goQuote(arg.value)}`;
  return out;
}
