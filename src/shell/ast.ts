// The shell syntax tree of a RUN script. Every node carries `start`/`end`: UTF-16 offsets into the parsed
// source, end exclusive. In a nested `sh -c` script the offsets point into the outer source.

export interface ShellScript {
  type: 'Script';
  start: number;
  end: number;
  source: string;
  body: Statement[];
  /** Every simple command, in source order, including those inside compound commands, substitutions,
   *  function bodies and nested `sh -c` scripts. */
  commands: CommandInfo[];
  /** Syntax errors; the parser recovers after each, so `body` and `commands` still hold the rest. */
  errors: ShellSyntaxError[];
  comments: Comment[];
  /** The `sh -c SCRIPT` scripts that were parsed as well (their commands are also in `commands`). */
  nested: NestedScript[];
}

export interface ShellSyntaxError {
  message: string;
  offset: number;
}

export interface Comment {
  type: 'Comment';
  start: number;
  end: number;
  /** The comment text without the leading `#`. */
  text: string;
}

export interface NestedScript {
  /** The shell command that runs the script (`bash -c '…'`). */
  command: SimpleCommand;
  /** The script argument. */
  word: Word;
  script: ShellScript;
}

// ---------------------------------------------------------------------------------------------------
// Lists and pipelines

/** `;`, `&` and newline end a statement; `&&` and `||` join pipelines inside one. */
export type Terminator = ';' | '&' | '\n';
export type AndOrOperator = '&&' | '||';
export type PipeOperator = '|' | '|&';

/** An and-or list: pipelines joined by `&&`/`||`, with the separator that ends it. */
export interface Statement {
  type: 'Statement';
  start: number;
  end: number;
  pipelines: Pipeline[];
  /** `operators[i]` joins `pipelines[i]` and `pipelines[i + 1]`. */
  operators: AndOrOperator[];
  /** The separator after the statement; undefined at the end of a list, before `)`, `;;`, a keyword… */
  terminator: Terminator | undefined;
}

export interface Pipeline {
  type: 'Pipeline';
  start: number;
  end: number;
  /** `! cmd` */
  negated: boolean;
  /** bash's `time [-p] pipeline` */
  timed: boolean;
  commands: Command[];
  /** `operators[i]` joins `commands[i]` and `commands[i + 1]`. */
  operators: PipeOperator[];
}

export type Command =
  | SimpleCommand
  | Subshell
  | BraceGroup
  | IfClause
  | ForClause
  | ArithmeticForClause
  | WhileClause
  | CaseClause
  | FunctionDefinition
  | TestClause
  | ArithmeticCommand;

export interface SimpleCommand {
  type: 'SimpleCommand';
  start: number;
  end: number;
  /** `A=1 B="x y" cmd`: the prefix assignments. */
  assignments: Assignment[];
  /** Undefined for a command made only of assignments and/or redirects. */
  name: Word | undefined;
  args: Word[];
  redirects: Redirect[];
}

export interface Assignment {
  type: 'Assignment';
  start: number;
  end: number;
  name: string;
  /** The raw subscript of `a[i]=x`. */
  index: string | undefined;
  /** `+=` */
  append: boolean;
  /** `A=` has an empty word; undefined for an array assignment. */
  value: Word | undefined;
  /** `a=(x y)` */
  array: ArrayLiteral | undefined;
}

export interface Subshell {
  type: 'Subshell';
  start: number;
  end: number;
  body: Statement[];
  redirects: Redirect[];
}

export interface BraceGroup {
  type: 'BraceGroup';
  start: number;
  end: number;
  body: Statement[];
  redirects: Redirect[];
}

export interface IfClause {
  type: 'IfClause';
  start: number;
  end: number;
  /** The `if` branch, then each `elif`. */
  branches: IfBranch[];
  elseBody: Statement[] | undefined;
  redirects: Redirect[];
}

export interface IfBranch {
  type: 'IfBranch';
  start: number;
  end: number;
  condition: Statement[];
  body: Statement[];
}

export interface ForClause {
  type: 'ForClause';
  start: number;
  end: number;
  /** `select` shares the shape of `for`. */
  keyword: 'for' | 'select';
  variable: Word;
  /** Undefined when there is no `in` (the loop runs over "$@"). */
  items: Word[] | undefined;
  body: Statement[];
  redirects: Redirect[];
}

export interface ArithmeticForClause {
  type: 'ArithmeticForClause';
  start: number;
  end: number;
  /** The text between `((` and `))`, including the two `;`. */
  header: Arithmetic;
  body: Statement[];
  redirects: Redirect[];
}

export interface WhileClause {
  type: 'WhileClause';
  start: number;
  end: number;
  until: boolean;
  condition: Statement[];
  body: Statement[];
  redirects: Redirect[];
}

export interface CaseClause {
  type: 'CaseClause';
  start: number;
  end: number;
  word: Word;
  items: CaseItem[];
  redirects: Redirect[];
}

export interface CaseItem {
  type: 'CaseItem';
  start: number;
  end: number;
  patterns: Word[];
  body: Statement[];
  terminator: ';;' | ';&' | ';;&' | undefined;
}

export interface FunctionDefinition {
  type: 'FunctionDefinition';
  start: number;
  end: number;
  name: Word;
  /** Written with the `function` keyword. */
  keyword: boolean;
  body: Command;
}

/** `[[ … ]]`: its operands and operators as words, in order. */
export interface TestClause {
  type: 'TestClause';
  start: number;
  end: number;
  words: Word[];
  redirects: Redirect[];
}

/** `(( … ))` */
export interface ArithmeticCommand {
  type: 'ArithmeticCommand';
  start: number;
  end: number;
  expression: Arithmetic;
  redirects: Redirect[];
}

/** An arithmetic expression: its raw text, with the expansions inside it as parts. */
export interface Arithmetic {
  type: 'Arithmetic';
  start: number;
  end: number;
  text: string;
  parts: WordPart[];
}

export type RedirectOperator =
  | '<'
  | '>'
  | '>>'
  | '>|'
  | '<>'
  | '<&'
  | '>&'
  | '&>'
  | '&>>'
  | '<<'
  | '<<-'
  | '<<<';

export interface Redirect {
  type: 'Redirect';
  start: number;
  end: number;
  /** `2` in `2>&1`, `fd` in `{fd}>file`. */
  fd: string | undefined;
  operator: RedirectOperator;
  /** The file, fd, here-string, or the heredoc delimiter word. */
  target: Word;
  heredoc: Heredoc | undefined;
}

export interface Heredoc {
  type: 'Heredoc';
  /** From the first body line to the end of the delimiter line. */
  start: number;
  end: number;
  /** The delimiter after quote removal. */
  delimiter: string;
  /** `<<'EOF'`, `<<"EOF"`, `<<\EOF`: the body is not expanded. */
  quoted: boolean;
  /** `<<-` */
  stripTabs: boolean;
  /** The body lines (without the delimiter line). A quoted body is one literal part. */
  body: Word;
  /** False when the input ended before the delimiter line. */
  closed: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Words

export interface Word {
  type: 'Word';
  start: number;
  end: number;
  /** The raw source text of the word (in a nested `sh -c` script: its text as that script reads it,
   *  while `start`/`end` point into the outer source). */
  text: string;
  parts: WordPart[];
  /** The word after quote removal when it has no expansion or substitution; undefined otherwise.
   *  Glob characters (`*`, `?`, `[…]`) and braces are kept as they are. */
  value: string | undefined;
}

export type WordPart =
  | Literal
  | SingleQuoted
  | DoubleQuoted
  | ParamExpansion
  | CommandSubstitution
  | ArithmeticExpansion
  | ProcessSubstitution
  | ArrayLiteral;

/** Unquoted text (or text inside double quotes / a heredoc body); `value` has its escapes removed. */
export interface Literal {
  type: 'Literal';
  start: number;
  end: number;
  value: string;
}

/** `'…'`, or `$'…'` when `dollar` (then `value` has its C escapes decoded). */
export interface SingleQuoted {
  type: 'SingleQuoted';
  start: number;
  end: number;
  value: string;
  dollar: boolean;
}

/** `"…"`, or `$"…"` when `dollar`. */
export interface DoubleQuoted {
  type: 'DoubleQuoted';
  start: number;
  end: number;
  text: string;
  parts: WordPart[];
  dollar: boolean;
}

/** `$VAR`, `$1`, `$@`, `${VAR}`, `${#VAR}`, `${!VAR}`, `${VAR:-word}`, `${VAR/a/b}`… */
export interface ParamExpansion {
  type: 'ParamExpansion';
  start: number;
  end: number;
  text: string;
  name: string;
  braced: boolean;
  /** `#` (length) or `!` (indirection). */
  prefix: '#' | '!' | undefined;
  /** The raw subscript of `${a[i]}`. */
  index: string | undefined;
  /** `:-`, `-`, `:=`, `=`, `:?`, `?`, `:+`, `+`, `#`, `##`, `%`, `%%`, `/`, `//`, `/#`, `/%`, `^`, `^^`,
   *  `,`, `,,`, `:` (substring), `@` (transformation), `*` (`${!prefix*}`). */
  operator: string | undefined;
  /** Everything after the operator, up to the closing `}`. */
  operand: Word | undefined;
}

/** `$(…)` or `` `…` `` */
export interface CommandSubstitution {
  type: 'CommandSubstitution';
  start: number;
  end: number;
  text: string;
  body: Statement[];
  backquoted: boolean;
}

/** `$((…))` or `$[…]` */
export interface ArithmeticExpansion {
  type: 'ArithmeticExpansion';
  start: number;
  end: number;
  text: string;
  expression: Arithmetic;
}

/** `<(…)` or `>(…)` */
export interface ProcessSubstitution {
  type: 'ProcessSubstitution';
  start: number;
  end: number;
  text: string;
  direction: '<' | '>';
  body: Statement[];
}

/** `(x y)` in `a=(x y)` or `declare -a a=(x y)` */
export interface ArrayLiteral {
  type: 'ArrayLiteral';
  start: number;
  end: number;
  text: string;
  elements: Word[];
}

// ---------------------------------------------------------------------------------------------------
// The flattened command list

/** What separates a command's pipeline from its neighbours. */
export type Connector = AndOrOperator | Terminator;

export interface CommandInfo {
  command: SimpleCommand;
  /** The command once wrappers such as `sudo`, `env`, `nice`, `timeout DURATION` are removed; the
   *  command itself when it has no wrapper. Undefined when the command has no name. */
  effective: EffectiveCommand | undefined;
  pipeline: PipelinePosition;
  /** `&&`/`||` before this command's pipeline, or the terminator of the statement before it in the same
   *  list; undefined for the first command of a list. */
  before: Connector | undefined;
  /** `&&`/`||` after this command's pipeline, or the terminator of its statement. */
  after: Connector | undefined;
  /** Inside `( … )`. */
  inSubshell: boolean;
  /** Inside `$( … )`, backticks or `<( … )`. */
  inSubstitution: boolean;
  /** Inside a function body. */
  inFunction: boolean;
  /** Inside the condition of `if`, `elif`, `while` or `until`. */
  inCondition: boolean;
  /** For a command of a nested `sh -c` script: the command that runs that script. */
  nestedIn: CommandInfo | undefined;
}

export interface PipelinePosition {
  node: Pipeline;
  /** Position in the pipeline, from 0. */
  index: number;
  /** Number of commands in the pipeline (a compound command counts as one). */
  length: number;
  negated: boolean;
  /** The pipe after this command (`|` or `|&`); undefined for the last one. */
  operator: PipeOperator | undefined;
}

export interface EffectiveCommand {
  name: Word;
  args: Word[];
  /** The wrapper commands removed, outermost first (`sudo` in `sudo env X=1 apt-get …`, then `env`). */
  wrappers: Word[];
}
