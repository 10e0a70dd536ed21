// Flattens a parsed script into its simple commands (ShellScript.commands): each with its place in its
// pipeline and list, the constructs it runs inside, and the command it really runs once wrappers such as
// `sudo` or `env` are set aside. Also parses the static script of `sh -c '…'` and adds its commands.
import type {
  Command,
  CommandInfo,
  Connector,
  EffectiveCommand,
  Pipeline,
  PipelinePosition,
  Redirect,
  ShellScript,
  SimpleCommand,
  Statement,
  Terminator,
  Word,
  WordPart,
} from './ast.js';
import { remapOffsets } from './offsets.js';

interface Context {
  subshell: boolean;
  substitution: boolean;
  function: boolean;
  condition: boolean;
}

const TOP: Context = { subshell: false, substitution: false, function: false, condition: false };

export function collectCommands(script: ShellScript, parseNested: ((text: string) => ShellScript) | undefined): void {
  const collector = new Collector(script, parseNested);
  collector.list(script.body, TOP);
  const commands = collector.out;
  for (let i = 1; i < commands.length; i++) {
    if (commands[i]!.command.start < commands[i - 1]!.command.start) {
      commands.sort((a, b) => a.command.start - b.command.start);
      break;
    }
  }
  script.commands = commands;
  if (script.nested.length > 0) {
    script.errors.sort((a, b) => a.offset - b.offset);
    script.comments.sort((a, b) => a.start - b.start);
  }
}

class Collector {
  readonly out: CommandInfo[] = [];

  constructor(
    private readonly script: ShellScript,
    private readonly parseNested: ((text: string) => ShellScript) | undefined,
  ) {}

  list(statements: Statement[], ctx: Context): void {
    // Indexed loops throughout: much cheaper than for-of before the JIT optimizes this code.
    let previous: Terminator | undefined;
    for (let s = 0; s < statements.length; s++) {
      const statement = statements[s]!;
      const { pipelines, operators } = statement;
      for (let i = 0; i < pipelines.length; i++) {
        const before: Connector | undefined = i === 0 ? previous : operators[i - 1];
        const after: Connector | undefined = i < operators.length ? operators[i] : statement.terminator;
        const pipeline = pipelines[i]!;
        for (let j = 0; j < pipeline.commands.length; j++) this.command(pipeline.commands[j]!, ctx, pipeline, j, before, after);
      }
      previous = statement.terminator;
    }
  }

  private command(
    command: Command,
    ctx: Context,
    pipeline: Pipeline,
    index: number,
    before: Connector | undefined,
    after: Connector | undefined,
  ): void {
    switch (command.type) {
      case 'SimpleCommand':
        this.simple(command, ctx, pipeline, index, before, after);
        return;
      case 'Subshell':
        this.list(command.body, ctx.subshell ? ctx : { ...ctx, subshell: true });
        break;
      case 'BraceGroup':
        this.list(command.body, ctx);
        break;
      case 'IfClause': {
        const condition = ctx.condition ? ctx : { ...ctx, condition: true };
        for (const branch of command.branches) {
          this.list(branch.condition, condition);
          this.list(branch.body, ctx);
        }
        if (command.elseBody) this.list(command.elseBody, ctx);
        break;
      }
      case 'WhileClause':
        this.list(command.condition, ctx.condition ? ctx : { ...ctx, condition: true });
        this.list(command.body, ctx);
        break;
      case 'ForClause':
        if (command.items) this.words(command.items, ctx);
        this.list(command.body, ctx);
        break;
      case 'ArithmeticForClause':
        this.parts(command.header.parts, ctx);
        this.list(command.body, ctx);
        break;
      case 'CaseClause':
        this.word(command.word, ctx);
        for (const item of command.items) {
          for (const pattern of item.patterns) this.word(pattern, ctx);
          this.list(item.body, ctx);
        }
        break;
      case 'FunctionDefinition':
        this.command(command.body, ctx.function ? ctx : { ...ctx, function: true }, pipeline, index, before, after);
        return;
      case 'TestClause':
        this.words(command.words, ctx);
        break;
      case 'ArithmeticCommand':
        this.parts(command.expression.parts, ctx);
        break;
    }
    this.redirects(command.redirects, ctx);
  }

  private redirects(redirects: Redirect[], ctx: Context): void {
    for (let i = 0; i < redirects.length; i++) {
      const redirect = redirects[i]!;
      this.word(redirect.target, ctx);
      if (redirect.heredoc) this.word(redirect.heredoc.body, ctx);
    }
  }

  private simple(
    command: SimpleCommand,
    ctx: Context,
    pipeline: Pipeline,
    index: number,
    before: Connector | undefined,
    after: Connector | undefined,
  ): void {
    // Shallow object literals only: V8 builds nested ones slowly before this code is optimized.
    const position: PipelinePosition = {
      node: pipeline,
      index,
      length: pipeline.commands.length,
      negated: pipeline.negated,
      operator: pipeline.operators[index],
    };
    const effective = effectiveCommand(command);
    const info: CommandInfo = {
      command,
      effective,
      pipeline: position,
      before,
      after,
      inSubshell: ctx.subshell,
      inSubstitution: ctx.substitution,
      inFunction: ctx.function,
      inCondition: ctx.condition,
      nestedIn: undefined,
    };
    this.out.push(info);
    const { assignments, args } = command;
    for (let i = 0; i < assignments.length; i++) {
      const assignment = assignments[i]!;
      if (assignment.value) this.word(assignment.value, ctx);
      if (assignment.array) this.words(assignment.array.elements, ctx);
    }
    if (command.name) this.word(command.name, ctx);
    this.words(args, ctx);
    this.redirects(command.redirects, ctx);
    if (this.parseNested && info.effective) this.nested(info, ctx);
  }

  private words(words: Word[], ctx: Context): void {
    for (let i = 0; i < words.length; i++) if (words[i]!.value === undefined) this.parts(words[i]!.parts, ctx);
  }

  private word(word: Word, ctx: Context): void {
    // A static word has no substitution in it.
    if (word.value === undefined) this.parts(word.parts, ctx);
  }

  private parts(parts: WordPart[], ctx: Context): void {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      switch (part.type) {
        case 'CommandSubstitution':
        case 'ProcessSubstitution':
          this.list(part.body, ctx.substitution ? ctx : { ...ctx, substitution: true });
          break;
        case 'DoubleQuoted':
          this.parts(part.parts, ctx);
          break;
        case 'ParamExpansion':
          if (part.operand) this.parts(part.operand.parts, ctx);
          break;
        case 'ArithmeticExpansion':
          this.parts(part.expression.parts, ctx);
          break;
        case 'ArrayLiteral':
          this.words(part.elements, ctx);
          break;
        default:
          break;
      }
    }
  }

  /** `bash -c 'SCRIPT'`: parse SCRIPT when it is static, with offsets in this script's source. */
  private nested(info: CommandInfo, ctx: Context): void {
    const effective = info.effective!;
    const word = shellScriptArgument(effective);
    if (!word || word.value === undefined) return;
    const chars = staticChars(word, this.script.source);
    if (!chars || chars.text !== word.value) return;
    const inner = this.parseNested!(chars.text);
    const { starts, ends } = chars;
    remapOffsets(
      inner,
      (o) => (o < starts.length ? starts[o]! : (ends[ends.length - 1] ?? word.end)),
      (o) => (o === 0 ? starts[0] ?? word.end : ends[o - 1]!),
    );
    this.script.nested.push({ command: info.command, word, script: inner });
    for (const error of inner.errors) {
      this.script.errors.push({ message: `in the script of \`${effective.name.text} -c\`: ${error.message}`, offset: error.offset });
    }
    this.script.comments.push(...inner.comments);
    for (const command of inner.commands) {
      command.nestedIn ??= info;
      command.inSubshell ||= ctx.subshell;
      command.inSubstitution ||= ctx.substitution;
      command.inFunction ||= ctx.function;
      command.inCondition ||= ctx.condition;
      this.out.push(command);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Wrappers

interface WrapperSpec {
  /** Short letters and long names of the options that take a value. */
  valueOptions: ReadonlySet<string>;
  /** Options with which the wrapper runs no command (`command -v`, `sudo -l`). */
  noCommandOptions: ReadonlySet<string>;
  /** Accepts `NAME=value` before the command. */
  assignments: boolean;
  /** Positional operands before the command (`timeout DURATION`). */
  operands: number;
}

function wrapper(valueOptions: string[], extra: Partial<Omit<WrapperSpec, 'valueOptions'>> = {}): WrapperSpec {
  return {
    valueOptions: new Set(valueOptions),
    noCommandOptions: extra.noCommandOptions ?? new Set(),
    assignments: extra.assignments ?? false,
    operands: extra.operands ?? 0,
  };
}

/** Commands that run the command given as their arguments. `xargs` is not one: it builds commands. */
const WRAPPERS = new Map<string, WrapperSpec>([
  [
    'sudo',
    wrapper(
      ['u', 'g', 'h', 'p', 'C', 'U', 'r', 't', 'T', 'D', 'R', 'user', 'group', 'host', 'prompt', 'close-from', 'other-user', 'role', 'type', 'command-timeout', 'chdir', 'chroot'],
      {
        noCommandOptions: new Set(['v', 'V', 'l', 'K', 'e', 'validate', 'version', 'list', 'remove-timestamp', 'edit', 'help']),
        assignments: true,
      },
    ),
  ],
  ['env', wrapper(['u', 'C', 'unset', 'chdir'], { noCommandOptions: new Set(['S', 'split-string', 'help', 'version']), assignments: true })],
  ['nice', wrapper(['n', 'adjustment'])],
  ['nohup', wrapper([])],
  ['time', wrapper(['f', 'o', 'format', 'output'])],
  ['command', wrapper([], { noCommandOptions: new Set(['v', 'V']) })],
  ['exec', wrapper(['a'])],
  ['eatmydata', wrapper([])],
  ['stdbuf', wrapper(['i', 'o', 'e', 'input', 'output', 'error'])],
  ['timeout', wrapper(['s', 'k', 'signal', 'kill-after'], { operands: 1 })],
]);

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

function isAssignmentWord(value: string): boolean {
  const equals = value.indexOf('=');
  return equals > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value.slice(0, equals));
}

/** The index in `args` of the command a wrapper runs, or -1 when it runs none. */
function wrappedCommandIndex(args: readonly Word[], spec: WrapperSpec): number {
  let operands = spec.operands;
  let optionsDone = false;
  for (let i = 0; i < args.length; i++) {
    const value = args[i]!.value;
    if (value === undefined) {
      if (operands > 0) {
        operands--;
        continue;
      }
      return i;
    }
    if (!optionsDone && value.length > 1 && value.charCodeAt(0) === 45 /* - */) {
      if (value === '--') {
        optionsDone = true;
        continue;
      }
      if (value.charCodeAt(1) === 45) {
        const equals = value.indexOf('=');
        const name = value.slice(2, equals < 0 ? undefined : equals);
        if (spec.noCommandOptions.has(name)) return -1;
        if (equals < 0 && spec.valueOptions.has(name)) i++;
        continue;
      }
      for (let k = 1; k < value.length; k++) {
        const letter = value[k]!;
        if (spec.noCommandOptions.has(letter)) return -1;
        if (spec.valueOptions.has(letter)) {
          if (k === value.length - 1) i++;
          break;
        }
      }
      continue;
    }
    if (spec.assignments && !optionsDone && (value === '-' || isAssignmentWord(value))) continue;
    if (operands > 0) {
      operands--;
      continue;
    }
    return i;
  }
  return -1;
}

/** The command once `sudo`, `env`, `nice`, `timeout DURATION`… are set aside. */
export function effectiveCommand(command: SimpleCommand): EffectiveCommand | undefined {
  if (!command.name) return undefined;
  let name = command.name;
  let args = command.args;
  const wrappers: Word[] = [];
  for (;;) {
    if (name.value === undefined) break;
    const spec = WRAPPERS.get(basename(name.value));
    if (!spec) break;
    const index = wrappedCommandIndex(args, spec);
    if (index < 0) break;
    wrappers.push(name);
    name = args[index]!;
    args = args.slice(index + 1);
  }
  return { name, args, wrappers };
}

// ---------------------------------------------------------------------------------------------------
// Nested shells

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);

/** The SCRIPT word of `sh [options] -c SCRIPT …`, if this is such a command. */
export function shellScriptArgument(effective: EffectiveCommand): Word | undefined {
  if (effective.name.value === undefined || !SHELLS.has(basename(effective.name.value))) return undefined;
  const args = effective.args;
  let command = false;
  for (let i = 0; i < args.length; i++) {
    const value = args[i]!.value;
    if (value === undefined) return command ? args[i] : undefined;
    if (value === '--' || value === '-') return command ? args[i + 1] : undefined;
    const first = value.charCodeAt(0);
    if (value.length > 1 && (first === 45 || first === 43) /* - + */) {
      if (value.startsWith('--')) {
        if (value === '--rcfile' || value === '--init-file') i++;
        continue;
      }
      for (let k = 1; k < value.length; k++) {
        const letter = value[k];
        if (letter === 'c' && first === 45) command = true;
        else if (letter === 'o' || letter === 'O') i++;
      }
      continue;
    }
    return command ? args[i] : undefined;
  }
  return undefined;
}

/**
 * The characters of a static word after quote removal, each with the source range it comes from, so
 * that offsets in a script parsed from that text can be mapped back into the source.
 */
function staticChars(word: Word, source: string): { text: string; starts: number[]; ends: number[] } | undefined {
  const pieces: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  /** Source characters [from, to) copied as they are. */
  const copy = (from: number, to: number) => {
    if (to <= from) return;
    pieces.push(source.slice(from, to));
    for (let i = from; i < to; i++) {
      starts.push(i);
      ends.push(i + 1);
    }
  };
  /** Text from the source range [from, to) that stands for it as a whole (an escape sequence). */
  const stand = (text: string, from: number, to: number) => {
    pieces.push(text);
    for (let k = 0; k < text.length; k++) {
      starts.push(from);
      ends.push(to);
    }
  };
  /** Unquoted text or text inside double quotes, with its backslash escapes removed. */
  const literal = (from: number, to: number, quoted: boolean) => {
    let segment = from;
    for (let i = from; i < to - 1; i++) {
      if (source.charCodeAt(i) !== 92 /* \ */) continue;
      const n = source[i + 1]!;
      if (n !== '\n' && quoted && n !== '$' && n !== '`' && n !== '"' && n !== '\\') continue;
      copy(segment, i);
      if (n !== '\n') stand(n, i, i + 2);
      segment = ++i + 1;
    }
    copy(segment, to);
  };
  for (const part of word.parts) {
    switch (part.type) {
      case 'Literal':
        literal(part.start, part.end, false);
        break;
      case 'SingleQuoted':
        if (!part.dollar) copy(part.start + 1, part.end - 1);
        else if (source.slice(part.start + 2, part.end - 1).includes('\\')) stand(part.value, part.start, part.end);
        else copy(part.start + 2, part.end - 1);
        break;
      case 'DoubleQuoted':
        for (const inner of part.parts) {
          if (inner.type !== 'Literal') return undefined;
          literal(inner.start, inner.end, true);
        }
        break;
      default:
        return undefined;
    }
  }
  return { text: pieces.join(''), starts, ends };
}
