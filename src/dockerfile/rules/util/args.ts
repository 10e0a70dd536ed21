// Reads the options and operands of a command line the way getopt-style programs do: short options
// clustered (`-yq`), values attached or separate (`-ofoo`, `-o foo`, `--opt=foo`, `--opt foo`) for the
// options that take one, and `--` ending the options. Words with expansions are operands whose value is
// unknown; rules treat them as "could be anything".
import type { Word } from '../../../shell/ast.js';

export interface Option {
  /** The letter of a short option, the name of a long one (without dashes). */
  name: string;
  long: boolean;
  /** The value given with `=`, attached, or in the next word; undefined when none. */
  value: string | undefined;
  /** The word the option is written in. */
  word: Word;
  /** The next word, when it holds the value. */
  valueWord: Word | undefined;
}

export interface ParsedArgs {
  options: Option[];
  /** Words that are no options nor option values, in order (including those after `--`). */
  operands: Word[];
  /** Index in `operands` of the first operand after `--`; `operands.length` when there is no `--`. */
  afterDoubleDash: number;
}

export interface ArgSyntax {
  /** Short letters and long names of the options that take a value. */
  valueOptions?: ReadonlySet<string>;
  /** Accept `-name` as a long option (Go's flag package, `find`): `-tags x` is one option with a value. */
  singleDashLong?: boolean;
}

const NO_OPTIONS: ReadonlySet<string> = new Set();

export function parseArgs(args: readonly Word[], syntax: ArgSyntax = {}): ParsedArgs {
  const valueOptions = syntax.valueOptions ?? NO_OPTIONS;
  const options: Option[] = [];
  const operands: Word[] = [];
  let afterDoubleDash = -1;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const value = word.value;
    if (afterDoubleDash >= 0 || value === undefined || value.length < 2 || value.charCodeAt(0) !== 45 /* - */) {
      operands.push(word);
      continue;
    }
    if (value === '--') {
      afterDoubleDash = operands.length;
      continue;
    }
    const next = args[i + 1];
    if (value.charCodeAt(1) === 45 || syntax.singleDashLong) {
      const body = value.slice(value.charCodeAt(1) === 45 ? 2 : 1);
      const equals = body.indexOf('=');
      const name = equals < 0 ? body : body.slice(0, equals);
      if (equals >= 0) options.push({ name, long: true, value: body.slice(equals + 1), word, valueWord: undefined });
      else if (valueOptions.has(name) && next) {
        options.push({ name, long: true, value: next.value, word, valueWord: next });
        i++;
      } else options.push({ name, long: true, value: undefined, word, valueWord: undefined });
      continue;
    }
    for (let k = 1; k < value.length; k++) {
      const letter = value[k]!;
      if (value[k + 1] === '=') {
        // apt's `-q=2`, `-o=Foo::Bar=1`
        options.push({ name: letter, long: false, value: value.slice(k + 2), word, valueWord: undefined });
        break;
      }
      if (valueOptions.has(letter)) {
        if (k < value.length - 1) options.push({ name: letter, long: false, value: value.slice(k + 1), word, valueWord: undefined });
        else if (next) {
          options.push({ name: letter, long: false, value: next.value, word, valueWord: next });
          i++;
        } else options.push({ name: letter, long: false, value: undefined, word, valueWord: undefined });
        break;
      }
      options.push({ name: letter, long: false, value: undefined, word, valueWord: undefined });
    }
  }
  return { options, operands, afterDoubleDash: afterDoubleDash < 0 ? operands.length : afterDoubleDash };
}

/** The options among `names` (short letters or long names) that were given. */
export function optionsNamed(parsed: ParsedArgs, names: readonly string[]): Option[] {
  return parsed.options.filter((option) => names.includes(option.name));
}

export function hasOption(parsed: ParsedArgs, names: readonly string[]): boolean {
  return parsed.options.some((option) => names.includes(option.name));
}

/** The value of the last of these options that was given with one. */
export function optionValue(parsed: ParsedArgs, names: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const option of parsed.options) if (names.includes(option.name) && option.value !== undefined) found = option.value;
  return found;
}
