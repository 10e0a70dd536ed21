// The shell script a RUN hands to its shell, parsed once, with offsets mapped back into the Dockerfile.
import type { ShellScript } from '../../shell/ast.js';
import { parseShell } from '../../shell/parse.js';
import type { Dockerfile, Instruction, RunInstruction, ShellInstruction, Stage } from './types.js';

/** How RUN instructions are executed at some point of a stage. */
export type ShellKind = 'posix' | 'powershell' | 'cmd' | 'other';

export interface RunShell {
  /** The shell source as the builder passes it to the shell (continuations joined, heredoc bodies appended). */
  source: string;
  script: ShellScript;
  /** Maps an offset in `source` to an offset in the Dockerfile. */
  toFileOffset(offsetInSource: number): number;
}

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);
const SHELL_ON_STDIN = /^(?:\S*\/)?(?:sh|bash|dash|ash|zsh)(?:\s+-[\w-]+)*\s+<<-?\S+$/;
const HEREDOC_ONLY = /^\d*<<-?\S+$/;
const WINDOWS_BASE = /(^|\/)(windows|nanoserver|servercore)([/:@-]|$)|mcr\.microsoft\.com\/windows/i;

function programKind(program: string | undefined): ShellKind {
  if (!program) return 'other';
  const name = program.split(/[\\/]/).pop()!.toLowerCase().replace(/\.exe$/, '');
  if (POSIX_SHELLS.has(name)) return 'posix';
  if (name === 'pwsh' || name === 'powershell') return 'powershell';
  if (name === 'cmd') return 'cmd';
  return 'other';
}

interface StageShells {
  /** The SHELL in effect at each instruction of the stage (the last one before it). */
  before: Map<Instruction, ShellInstruction | undefined>;
  /** The kind in effect at the end of the stage, once asked. */
  atEnd?: ShellKind;
  last: ShellInstruction | undefined;
}

// Built once per stage: scanning the stage (and the stages it builds on) for every RUN cost n² steps.
const stageShells = new WeakMap<Stage, StageShells>();

function shellsOf(stage: Stage): StageShells {
  let shells = stageShells.get(stage);
  if (!shells) {
    const before = new Map<Instruction, ShellInstruction | undefined>();
    let last: ShellInstruction | undefined;
    for (const instruction of stage.instructions) {
      before.set(instruction, last);
      if (instruction.keyword === 'SHELL') last = instruction;
    }
    shells = { before, last };
    stageShells.set(stage, shells);
  }
  return shells;
}

const kindOfShell = (shell: ShellInstruction): ShellKind => (shell.json ? programKind(shell.argv[0]) : 'other');

function defaultKind(dockerfile: Dockerfile): ShellKind {
  return dockerfile.escapeChar === '`' ? 'powershell' : 'posix';
}

/** The shell of a stage's base image. */
function imageKind(dockerfile: Dockerfile, stage: Stage): ShellKind {
  if (dockerfile.escapeChar === '`') return 'powershell';
  return WINDOWS_BASE.test(stage.base.value) ? 'cmd' : 'posix';
}

/** The kind at the end of a stage: its last SHELL, else what it inherits from the stages it builds on. */
function kindAtEnd(dockerfile: Dockerfile, last: Stage): ShellKind {
  const chain: StageShells[] = [];
  const seen = new Set<number>();
  let kind: ShellKind = defaultKind(dockerfile);
  for (let stage: Stage | undefined = last; stage && !seen.has(stage.index); stage = stage.baseStage) {
    seen.add(stage.index);
    const shells = shellsOf(stage);
    if (shells.atEnd) {
      kind = shells.atEnd;
      break;
    }
    chain.push(shells);
    if (shells.last) {
      kind = kindOfShell(shells.last);
      break;
    }
    if (!stage.baseStage) {
      kind = imageKind(dockerfile, stage);
      break;
    }
  }
  for (const shells of chain) shells.atEnd = kind;
  return kind;
}

/** The last SHELL of a stage or, failing that, of the stages it builds on; cached per stage. */
const inheritedShells = new WeakMap<Stage, ShellInstruction | null>();

function shellAtEnd(last: Stage): ShellInstruction | undefined {
  const walked: Stage[] = [];
  let found: ShellInstruction | null = null;
  const seen = new Set<number>();
  for (let stage: Stage | undefined = last; stage && !seen.has(stage.index); stage = stage.baseStage) {
    seen.add(stage.index);
    const cached = inheritedShells.get(stage);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    walked.push(stage);
    const own = shellsOf(stage).last;
    if (own) {
      found = own;
      break;
    }
  }
  for (const stage of walked) inheritedShells.set(stage, found);
  return found ?? undefined;
}

/** The SHELL instruction in effect at an instruction: the last one before it in its stage or the stages it builds on. */
export function shellInstructionAt(dockerfile: Dockerfile, at: Instruction): ShellInstruction | undefined {
  const stage = dockerfile.stages[at.stageIndex];
  if (!stage) return undefined;
  const shells = shellsOf(stage);
  const own = shells.before.has(at) ? shells.before.get(at) : shells.last;
  return own ?? (stage.baseStage ? shellAtEnd(stage.baseStage) : undefined);
}

/** The shell RUN uses at an instruction: the last SHELL before it in its stage or the stages it builds on. */
export function shellKindAt(dockerfile: Dockerfile, at: Instruction, pragmaShell: string | undefined): ShellKind {
  if (pragmaShell) return programKind(pragmaShell);
  const stage = dockerfile.stages[at.stageIndex];
  if (!stage) return defaultKind(dockerfile);
  const shells = shellsOf(stage);
  const shell = shells.before.has(at) ? shells.before.get(at) : shells.last;
  if (shell) return kindOfShell(shell);
  return stage.baseStage ? kindAtEnd(dockerfile, stage.baseStage) : imageKind(dockerfile, stage);
}

/** The shell source of a shell-form RUN and the map back to the file; undefined when it runs no shell script. */
export function runShell(dockerfile: Dockerfile, run: RunInstruction): RunShell | undefined {
  if (run.keyword !== 'RUN' || run.json) return undefined;
  const text = dockerfile.text;
  const heredocs = run.heredocs;
  const rest = run.rest;
  if (heredocs.length === 1 && (HEREDOC_ONLY.test(rest) || SHELL_ON_STDIN.test(rest))) {
    // The heredoc body is the script (`RUN <<EOF`, `RUN bash <<EOF`); BuildKit runs a `#!` body with its interpreter.
    const body = heredocs[0]!;
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body.content);
    if (shebang) {
      const program = shebang[1]!.endsWith('/env') ? shebang[2] : shebang[1];
      if (programKind(program) !== 'posix') return undefined;
    }
    const start = body.contentSpan.start;
    const source = text.slice(start, body.contentSpan.end);
    return { source, script: parseShell(source), toFileOffset: (offset) => start + offset };
  }
  if (heredocs.length === 0) {
    return { source: rest, script: parseShell(rest), toFileOffset: (offset) => run.restOffset(offset) };
  }
  const bodyStart = heredocs[0]!.contentSpan.start;
  const bodyEnd = heredocs.at(-1)!.terminatorSpan.end;
  const source = `${rest}\n${text.slice(bodyStart, bodyEnd)}\n`;
  return {
    source,
    script: parseShell(source),
    toFileOffset: (offset) => (offset <= rest.length ? run.restOffset(offset) : bodyStart + (offset - rest.length - 1)),
  };
}
