import type { CheckOptions } from './check-directive.js';
import type { RunShell, ShellKind } from './run-shell.js';

/** A half-open range of UTF-16 offsets into the Dockerfile's text. */
export interface Span {
  start: number;
  end: number;
}

/** A parser directive from the top of the file (`# syntax=…`, `# escape=…`, `# check=…`). */
export interface Directive {
  name: string;
  value: string;
  span: Span;
  valueSpan: Span;
}

export interface Comment {
  /** The text after `#`, trimmed. */
  text: string;
  span: Span;
  line: number;
}

/** A `--name[=value]` flag of an instruction, with quotes and escapes removed from its value. */
export interface Flag {
  name: string;
  /** `null` for a flag given without `=` (`--link`). */
  value: string | null;
  span: Span;
  nameSpan: Span;
  valueSpan?: Span;
}

/**
 * One argument as BuildKit's parser splits it: for JSON form the decoded string, otherwise the raw text
 * (quotes and escapes kept, as BuildKit keeps them until it expands the word).
 */
export interface Word {
  value: string;
  span: Span;
}

/** A `KEY=value` (or legacy `KEY value`) pair of ENV or LABEL; `value` is raw, quotes kept. */
export interface KeyValue {
  key: string;
  value: string;
  keySpan: Span;
  valueSpan: Span;
  span: Span;
  /** `=` for `KEY=value`, empty for the legacy `KEY value` form. */
  separator: '=' | '';
}

export interface Heredoc {
  /** The delimiter word with quotes removed. */
  name: string;
  /** `<<-`: leading tabs are stripped from the body and the terminator. */
  chomp: boolean;
  /** Unquoted delimiter: variables in the body are expanded by the builder. */
  expand: boolean;
  fileDescriptor: number;
  /** The body as the builder receives it (tabs stripped for `<<-`), each line with its newline. */
  content: string;
  /** The body lines in the file, from the line after the instruction to the end of the last body line. */
  contentSpan: Span;
  /** The terminator line. */
  terminatorSpan: Span;
}

export type InstructionKeyword =
  | 'ADD'
  | 'ARG'
  | 'CMD'
  | 'COPY'
  | 'ENTRYPOINT'
  | 'ENV'
  | 'EXPOSE'
  | 'FROM'
  | 'HEALTHCHECK'
  | 'LABEL'
  | 'MAINTAINER'
  | 'ONBUILD'
  | 'RUN'
  | 'SHELL'
  | 'STOPSIGNAL'
  | 'USER'
  | 'VOLUME'
  | 'WORKDIR';

export interface Instruction {
  /** Upper-cased keyword; an unknown keyword is kept upper-cased and `known` is false. */
  keyword: string;
  known: boolean;
  /** The keyword as written (for casing checks). */
  keywordText: string;
  /** From the keyword to the end of the instruction's last line, heredoc bodies and terminators included. */
  span: Span;
  keywordSpan: Span;
  /** 1-based lines of `span`. */
  line: number;
  endLine: number;
  /** The text after the keyword and flags, continuations joined, trimmed: what BuildKit dispatches. */
  rest: string;
  /** Where `rest` starts in the file (its first character). */
  restSpan: Span;
  flags: Flag[];
  /** The arguments as BuildKit's parser splits them for this keyword (see `Word`). */
  args: Word[];
  /** JSON (exec) form: `args` are the decoded strings. */
  json: boolean;
  /** ENV and LABEL pairs. */
  pairs: KeyValue[];
  heredocs: Heredoc[];
  /** The trigger of an `ONBUILD`. */
  trigger?: Instruction;
  /** Index of the stage this instruction belongs to; -1 before the first FROM. */
  stageIndex: number;
  /** Comment lines directly above the instruction (a blank comment line resets them), as BuildKit keeps them. */
  comments: Comment[];
  /** Maps an offset in `rest` to an offset in the file (continuations make the two differ). */
  restOffset(offsetInRest: number): number;
}

export interface ParseProblem {
  message: string;
  span: Span;
  line: number;
  /** `error`: BuildKit refuses the file; `warning`: it builds but warns. */
  level: 'error' | 'warning';
}

/** A value after ARG/ENV expansion, and whether some variable in it had no value. */
export interface Expanded {
  value: string;
  unresolved: string[];
}

export interface Stage {
  index: number;
  /** The `AS` name, lower-cased as the builder compares it. */
  name?: string;
  /** The `AS` name as written. */
  nameText?: string;
  from: Instruction;
  /** The base as written. */
  baseText: string;
  /** The base with the global ARGs (and their defaults) expanded. */
  base: Expanded;
  /** The earlier stage this one builds on (`FROM builder`), if any. */
  baseStage?: Stage;
  /** `--platform` as written. */
  platform?: string;
  /** Instructions after FROM, up to the next FROM. */
  instructions: Instruction[];
}

export interface Dockerfile {
  file: string;
  text: string;
  escapeChar: string;
  directives: Directive[];
  /** BuildKit's `# check=` directive: which build checks the file skips, and whether they fail the build. */
  checkOptions: CheckOptions;
  comments: Comment[];
  instructions: Instruction[];
  stages: Stage[];
  /** ARG instructions before the first FROM: the only variables FROM can use. */
  globalArgs: Instruction[];
  problems: ParseProblem[];
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number };
  /** Start offset of a 1-based line. */
  lineStart(line: number): number;
  /** The shell script of a shell-form RUN (or ONBUILD RUN), parsed once; undefined for exec form and non-POSIX shells. */
  shellOf(instruction: Instruction): RunShell | undefined;
  /** The shell RUN uses at an instruction (SHELL, Windows bases, `# hadolint shell=` pragmas). */
  shellKindAt(instruction: Instruction): ShellKind;
  /** Expands `$VAR`/`${VAR…}` in a word as the builder would at this instruction (ARG and ENV in scope). */
  expand(word: string, at: Instruction): Expanded;
}
