// The small questions Dockerfile rules ask about a command: its name, its flags and their values, its
// positional arguments. Generic on purpose: what a package manager's flags mean belongs to the rules.
// All of them look at the effective command (wrappers such as `sudo` or `env` set aside).
import type { CommandInfo, Word, WordPart } from './ast.js';
import { basename } from './commands.js';

/** Whether the word has no expansion or substitution (its `value` is known). */
export function isStatic(word: Word): boolean {
  return word.value !== undefined;
}

/**
 * The word's value when static; otherwise a best effort: quotes removed from the static parts, and each
 * expansion or substitution kept as its raw text (`-y $PKGS` gives `$PKGS`, `"$HOME/x"` gives `$HOME/x`).
 */
export function wordLiteral(word: Word): string {
  return word.value ?? partsLiteral(word.parts);
}

function partsLiteral(parts: readonly WordPart[]): string {
  let out = '';
  for (const part of parts) {
    switch (part.type) {
      case 'Literal':
      case 'SingleQuoted':
        out += part.value;
        break;
      case 'DoubleQuoted':
        out += partsLiteral(part.parts);
        break;
      default:
        out += part.text;
    }
  }
  return out;
}

/** The base name of the command run (`/usr/bin/apt-get` → `apt-get`); undefined when not static. */
export function commandName(cmd: CommandInfo): string | undefined {
  const value = cmd.effective?.name.value;
  return value === undefined ? undefined : basename(value);
}

/** The arguments of the command run, after its name. */
function argsOf(cmd: CommandInfo): readonly Word[] {
  return cmd.effective?.args ?? [];
}

/**
 * Whether the command has one of the flags, each named without dashes: a one-letter name matches `-y`
 * and a cluster such as `-qy`; a longer name matches `--yes` and `--yes=…`. Arguments after `--` are
 * not flags.
 */
export function hasFlag(cmd: CommandInfo, ...names: string[]): boolean {
  for (const word of argsOf(cmd)) {
    const arg = wordLiteral(word);
    if (arg === '--') return false;
    if (arg.length < 2 || arg.charCodeAt(0) !== 45 /* - */) continue;
    if (arg.charCodeAt(1) === 45) {
      const equals = arg.indexOf('=');
      const name = arg.slice(2, equals < 0 ? undefined : equals);
      if (name.length > 1 && names.includes(name)) return true;
      continue;
    }
    for (const name of names) if (name.length === 1 && arg.includes(name, 1)) return true;
  }
  return false;
}

export interface FlagValueOptions {
  /** The flag takes a value: `--name value`, `-n value` and `-nvalue` (besides `--name=value`). */
  takesValue?: boolean;
}

/** Every value given to the flag (named without dashes), in order. */
export function flagValues(cmd: CommandInfo, name: string, options: FlagValueOptions = {}): string[] {
  const args = argsOf(cmd);
  const values: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = wordLiteral(args[i]!);
    if (arg === '--') break;
    if (arg.length < 2 || arg.charCodeAt(0) !== 45) continue;
    if (arg.charCodeAt(1) === 45) {
      const equals = arg.indexOf('=');
      if (arg.slice(2, equals < 0 ? undefined : equals) !== name) continue;
      if (equals >= 0) values.push(arg.slice(equals + 1));
      else if (options.takesValue && i + 1 < args.length) values.push(wordLiteral(args[++i]!));
      continue;
    }
    if (name.length !== 1 || !options.takesValue) continue;
    const at = arg.indexOf(name, 1);
    if (at < 0) continue;
    if (at + 1 < arg.length) values.push(arg.slice(at + 1));
    else if (i + 1 < args.length) values.push(wordLiteral(args[++i]!));
  }
  return values;
}

/** The first value given to the flag, as `flagValues` reads them. */
export function flagValue(cmd: CommandInfo, name: string, options: FlagValueOptions = {}): string | undefined {
  return flagValues(cmd, name, options)[0];
}

export interface PositionalOptions {
  /** Flags (named without dashes) whose value is the next argument, so it is not positional. */
  flagsWithValue?: readonly string[];
}

/** The arguments that are neither flags nor flag values; everything after `--` is positional. */
export function positionalArgs(cmd: CommandInfo, options: PositionalOptions = {}): Word[] {
  const withValue = options.flagsWithValue ?? [];
  const args = argsOf(cmd);
  const out: Word[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const arg = wordLiteral(word);
    if (arg === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (arg.length < 2 || arg.charCodeAt(0) !== 45) {
      out.push(word);
      continue;
    }
    if (arg.charCodeAt(1) === 45) {
      if (!arg.includes('=') && withValue.includes(arg.slice(2))) i++;
      continue;
    }
    for (let k = 1; k < arg.length; k++) {
      if (withValue.includes(arg[k]!)) {
        if (k === arg.length - 1) i++;
        break;
      }
    }
  }
  return out;
}

/** The first positional argument (`install` in `apt-get -y install curl`), as its literal text. */
export function subcommand(cmd: CommandInfo, options: PositionalOptions = {}): string | undefined {
  const first = positionalArgs(cmd, options)[0];
  return first === undefined ? undefined : wordLiteral(first);
}
