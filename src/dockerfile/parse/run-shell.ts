// The shell script a RUN hands to its shell, parsed once, with offsets mapped back into the Dockerfile.
import type { ShellScript } from '../../shell/ast.js';
import { parseShell } from '../../shell/parse.js';
import type { Dockerfile, Instruction, Stage } from './types.js';

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

/** The SHELL instruction in effect at an instruction: the last one before it in its stage or the stages it builds on. */
export function shellInstructionAt(dockerfile: Dockerfile, at: Instruction): Instruction | undefined {
  let stage: Stage | undefined = dockerfile.stages[at.stageIndex];
  let until: Instruction | undefined = at;
  const seen = new Set<number>();
  while (stage && !seen.has(stage.index)) {
    seen.add(stage.index);
    let shell: Instruction | undefined;
    for (const instruction of stage.instructions) {
      if (instruction === until) break;
      if (instruction.keyword === 'SHELL') shell = instruction;
    }
    if (shell) return shell;
    stage = stage.baseStage;
    until = undefined;
  }
  return undefined;
}

/** The stage at the root of an instruction's chain of `FROM <stage>`: the one on an image. */
function rootStage(dockerfile: Dockerfile, at: Instruction): Stage | undefined {
  let stage: Stage | undefined = dockerfile.stages[at.stageIndex];
  const seen = new Set<number>();
  while (stage?.baseStage && !seen.has(stage.index)) {
    seen.add(stage.index);
    stage = stage.baseStage;
  }
  return stage?.baseStage ? undefined : stage;
}

/** The shell RUN uses at an instruction: the last SHELL before it in its stage or the stages it builds on. */
export function shellKindAt(dockerfile: Dockerfile, at: Instruction, pragmaShell: string | undefined): ShellKind {
  if (pragmaShell) return programKind(pragmaShell);
  const shell = shellInstructionAt(dockerfile, at);
  if (shell) return shell.json ? programKind(shell.args[0]?.value) : 'other';
  if (dockerfile.escapeChar === '`') return 'powershell';
  const root = rootStage(dockerfile, at);
  return root && WINDOWS_BASE.test(root.base.value) ? 'cmd' : 'posix';
}

/** The shell source of a shell-form RUN and the map back to the file; undefined when it runs no shell script. */
export function runShell(dockerfile: Dockerfile, run: Instruction): RunShell | undefined {
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
