import type { ImageRef } from '../rules/util/image-ref.js';
import type { BuildCheckDirective } from './check-directive.js';
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

/** What every instruction has, whatever its keyword: the raw parts as BuildKit's parser splits them, and spans. */
export interface InstructionBase {
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
  /** Every flag as written, in order (the typed fields below pick them by name). */
  flags: Flag[];
  /** The arguments as BuildKit's parser splits them for this keyword (see `Word`). */
  args: Word[];
  /** JSON (exec) form: `args` are the decoded strings. */
  json: boolean;
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

/** `FROM [--platform=…] image [AS name]`. */
export interface FromInstruction extends InstructionBase {
  keyword: 'FROM';
  known: true;
  /** The base as written (variables unexpanded). */
  image: Word | undefined;
  /** The base as an image reference, when it is written without variables and is one (not for `scratch` checks: see `image`). */
  reference: ImageRef | undefined;
  platform: Flag | undefined;
  /** The `AS` keyword as written. */
  as: Word | undefined;
  /** The stage name as written (the stage keeps it lower-cased, as the builder compares it). */
  stageName: Word | undefined;
}

interface CopyOrAddFields extends InstructionBase {
  known: true;
  /** The source words as written (heredoc markers left out: their bodies are `heredocs`). */
  sources: Word[];
  /** The last argument; undefined when the instruction has a single word or none. */
  destination: Word | undefined;
  chown: Flag | undefined;
  chmod: Flag | undefined;
  /** `--link` (BuildKit's boolean: bare, `=true` or `=false`). */
  link: boolean;
  /** Every `--exclude` (it may be repeated). */
  exclude: Flag[];
}

/** `COPY [--from=…] [--chown=…] [--chmod=…] [--link] [--parents] [--exclude=…] src… dest`. */
export interface CopyInstruction extends CopyOrAddFields {
  keyword: 'COPY';
  /** The stage, image or named context the sources are read from. */
  from: Flag | undefined;
  parents: boolean;
}

/** `ADD [--chown=…] [--chmod=…] [--link] [--checksum=…] [--keep-git-dir] [--unpack] [--exclude=…] src… dest`. */
export interface AddInstruction extends CopyOrAddFields {
  keyword: 'ADD';
  checksum: Flag | undefined;
  keepGitDir: boolean;
  /** `--unpack`: undefined when not given (BuildKit then unpacks local archives, not remote ones). */
  unpack: boolean | undefined;
}

/** One `--mount` of a RUN, read as BuildKit reads it (one CSV record of `key=value` fields). */
export interface RunMount {
  /** `bind` when not given. */
  type: string;
  /** `target`, `dst` or `destination`, trailing slashes removed. */
  target: string | undefined;
  /** `source` or `src`. */
  source: string | undefined;
  from: string | undefined;
  id: string | undefined;
  sharing: string | undefined;
  /** `required` given bare or with a value other than `false`. */
  required: boolean;
  mode: string | undefined;
  uid: string | undefined;
  gid: string | undefined;
  /** The variable a secret mount sets (`env=…`). */
  env: string | undefined;
  /** Every field by lower-cased key, `''` for a bare one (`ro`). */
  options: Map<string, string>;
  flag: Flag;
}

/** `RUN [--mount=…] [--network=…] [--security=…] command`. */
export interface RunInstruction extends InstructionBase {
  keyword: 'RUN';
  known: true;
  mounts: RunMount[];
  network: Flag | undefined;
  security: Flag | undefined;
  /** The exec form's argv; undefined for shell form. */
  exec: Word[] | undefined;
  /**
   * The shell script of a shell-form RUN when its shell is a POSIX shell, parsed on first use and kept; undefined
   * for exec form and other shells (PowerShell, cmd).
   */
  readonly shell: RunShell | undefined;
}

/** One declaration of an ARG (`ARG A=1 B` declares two). */
export interface ArgDeclaration {
  name: string;
  /** The default as written (quotes kept); undefined for `ARG NAME`. */
  defaultValue: string | undefined;
  word: Word;
  nameSpan: Span;
}

export interface ArgInstruction extends InstructionBase {
  keyword: 'ARG';
  known: true;
  declarations: ArgDeclaration[];
}

/** ENV and LABEL: `KEY=value …` or the legacy `KEY value`. */
export interface EnvInstruction extends InstructionBase {
  keyword: 'ENV';
  known: true;
  pairs: KeyValue[];
}

export interface LabelInstruction extends InstructionBase {
  keyword: 'LABEL';
  known: true;
  pairs: KeyValue[];
}

/** `USER user[:group]`. */
export interface UserInstruction extends InstructionBase {
  keyword: 'USER';
  known: true;
  /** The whole argument; undefined when there is none. */
  value: Word | undefined;
  user: string | undefined;
  group: string | undefined;
}

export interface WorkdirInstruction extends InstructionBase {
  keyword: 'WORKDIR';
  known: true;
  path: Word | undefined;
}

/** One `port[-end][/protocol]` of an EXPOSE, numbers read from the word as written (not for words with variables). */
export interface ExposedPort {
  word: Word;
  port: number | undefined;
  endPort: number | undefined;
  protocol: string | undefined;
}

export interface ExposeInstruction extends InstructionBase {
  keyword: 'EXPOSE';
  known: true;
  ports: ExposedPort[];
}

/** `HEALTHCHECK NONE` or `HEALTHCHECK [options] CMD command`. */
export interface HealthcheckInstruction extends InstructionBase {
  keyword: 'HEALTHCHECK';
  known: true;
  /** `NONE`, `CMD` or what was written (upper-cased); undefined for an empty HEALTHCHECK. */
  type: Word | undefined;
  none: boolean;
  /** The command after CMD: the exec form's argv, or the shell form's text as one word. */
  command: Word[];
  interval: Flag | undefined;
  timeout: Flag | undefined;
  startPeriod: Flag | undefined;
  startInterval: Flag | undefined;
  retries: Flag | undefined;
}

/** `SHELL ["executable", "parameters"]`. */
export interface ShellInstruction extends InstructionBase {
  keyword: 'SHELL';
  known: true;
  /** The shell's argv (JSON form only; BuildKit refuses the other). */
  argv: string[];
}

/** CMD or ENTRYPOINT: exec form (`json`) gives the argv, shell form one word with the whole command. */
export interface CommandInstruction<K extends 'CMD' | 'ENTRYPOINT'> extends InstructionBase {
  keyword: K;
  known: true;
  form: 'exec' | 'shell';
  command: Word[];
}

export type CmdInstruction = CommandInstruction<'CMD'>;
export type EntrypointInstruction = CommandInstruction<'ENTRYPOINT'>;

export interface StopsignalInstruction extends InstructionBase {
  keyword: 'STOPSIGNAL';
  known: true;
  signal: Word | undefined;
}

export interface VolumeInstruction extends InstructionBase {
  keyword: 'VOLUME';
  known: true;
  /** The paths, from the JSON array or the whitespace-separated words. */
  paths: Word[];
}

export interface MaintainerInstruction extends InstructionBase {
  keyword: 'MAINTAINER';
  known: true;
  name: Word | undefined;
}

export interface OnbuildInstruction extends InstructionBase {
  keyword: 'ONBUILD';
  known: true;
}

/**
 * An instruction BuildKit does not know (a parse problem): its keyword is `''`, the word as written is in
 * `keywordText`, so that narrowing on `keyword` reaches the typed instructions.
 */
export interface UnknownInstruction extends InstructionBase {
  keyword: '';
  known: false;
}

/** Every instruction, typed by its keyword. */
export type Instruction =
  | FromInstruction
  | CopyInstruction
  | AddInstruction
  | RunInstruction
  | ArgInstruction
  | EnvInstruction
  | LabelInstruction
  | UserInstruction
  | WorkdirInstruction
  | ExposeInstruction
  | HealthcheckInstruction
  | ShellInstruction
  | CmdInstruction
  | EntrypointInstruction
  | StopsignalInstruction
  | VolumeInstruction
  | MaintainerInstruction
  | OnbuildInstruction
  | UnknownInstruction;

/** The typed instruction of a keyword (`InstructionOf<'COPY'>` is `CopyInstruction`). */
export type InstructionOf<K extends InstructionKeyword> = Extract<Instruction, { keyword: K }>;

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
  from: FromInstruction;
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
  buildChecks: BuildCheckDirective;
  comments: Comment[];
  instructions: Instruction[];
  stages: Stage[];
  /** ARG instructions before the first FROM: the only variables FROM can use. */
  globalArgs: ArgInstruction[];
  problems: ParseProblem[];
  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number };
  /** Start offset of a 1-based line. */
  lineStart(line: number): number;
  /** The shell RUN uses at an instruction (SHELL, Windows bases, `# hadolint shell=` pragmas). */
  shellKindAt(instruction: Instruction): ShellKind;
  /** Expands `$VAR`/`${VAR…}` in a word as the builder would at this instruction (ARG and ENV in scope). */
  expand(word: string, at: Instruction): Expanded;
}
