import type { Command, CommandInfo, Pipeline } from '../../shell/ast.js';
import type { Dockerfile, Instruction, Stage } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { fileSpan } from './util/edits.js';
import { summaryOf } from './util/tools.js';

/** Commands that cannot fail in a way a pipe would hide. */
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true']);

/** `-o pipefail`, `-eo pipefail`, `-euxo pipefail` among some arguments. */
function setsPipefail(words: readonly { value: string | undefined }[]): boolean {
  for (let i = 0; i < words.length - 1; i++) {
    if (/^-[a-zA-Z]*o$/.test(words[i]!.value ?? '') && words[i + 1]!.value === 'pipefail') return true;
  }
  return false;
}

/** The SHELL in effect at an instruction (its stage, then the stages it is built on), if any. */
function shellInstructionAt(dockerfile: Dockerfile, at: Instruction): Instruction | undefined {
  let until: Instruction | undefined = at;
  const seen = new Set<number>();
  for (let stage: Stage | undefined = dockerfile.stages[at.stageIndex]; stage && !seen.has(stage.index); stage = stage.baseStage) {
    seen.add(stage.index);
    let found: Instruction | undefined;
    for (const instruction of stage.instructions) {
      if (instruction === until) break;
      if (instruction.keyword === 'SHELL') found = instruction;
    }
    if (found) return found;
    until = undefined;
  }
  return undefined;
}

/** A producer that cannot fail: `echo`, `printf`…, or a `{ … }` / `( … )` group made only of them. */
function cannotFail(command: Command): boolean {
  if (command.type === 'SimpleCommand') return CANNOT_FAIL.has(command.name?.value ?? '');
  if (command.type !== 'BraceGroup' && command.type !== 'Subshell') return false;
  return command.body.every((statement) => statement.pipelines.every((pipeline) => pipeline.commands.every(cannotFail)));
}

function commandName(command: Command): string {
  if (command.type === 'SimpleCommand') return command.name?.text ?? 'the command';
  return command.type === 'BraceGroup' ? '{ … }' : command.type === 'Subshell' ? '( … )' : 'the command';
}

export const usePipefail = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-pipefail',
    description: 'Set pipefail before running a pipe',
    severity: 'warning',
    aliases: ['DL4006'],
    rationale:
      'A pipe\'s exit status is the status of its last command: in `RUN curl -fsSL $URL | tar -xz`, a failed ' +
      'download gives tar an empty stream, tar may or may not complain, and the build goes on with a broken ' +
      'layer. With `pipefail` the RUN fails when any command of the pipe fails. Set it for every RUN with ' +
      '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]`, or per RUN with `set -o pipefail` where /bin/sh supports it ' +
      '(bash, busybox ash on Alpine; not dash, Debian\'s /bin/sh before trixie).',
    differences:
      'hadolint (DL4006) only looks at SHELL; shipshape also accepts `set -o pipefail` (or `set -euo pipefail`) ' +
      'earlier in the same script and `bash -o pipefail -c …` around the pipe, and follows SHELL into the stages ' +
      'built `FROM` a stage, as BuildKit does. On purpose, a SHELL of `/bin/sh -o pipefail` counts (hadolint ' +
      'case "warns when using plain sh"): where /bin/sh lacks the option every RUN fails, so the setting cannot ' +
      'go unnoticed. Pipes fed only by `echo`, `printf`, `yes` or `true`, or by `{ … }` groups of them ' +
      '(`echo "$SUM  file" | sha256sum -c -`, `{ echo a; echo b; } | tee conf`), ' +
      'are not reported: nothing can fail before the pipe. One finding per RUN. ' +
      'Trivy has no pipefail check.',
    messages: {
      pipe:
        '`{producer} … | {consumer}` hides a failure of `{producer}`: set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or start it with `set -o pipefail &&`)',
    },
    examples: {
      valid: [
        { code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/x.tgz | tar -xz -C /opt\n' },
        { code: 'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/x.tgz | tar -xz -C /opt\n' },
      ],
      invalid: [{ code: 'FROM debian:12\nRUN curl -fsSL https://example.com/x.tgz | tar -xz -C /opt\n' }],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;

    function protectedPipe(commands: CommandInfo[], info: CommandInfo): boolean {
      if (info.nestedIn?.effective && setsPipefail(info.nestedIn.effective.args)) return true;
      const start = info.pipeline.node.start;
      return commands.some(
        (other) =>
          other.command.start < start &&
          other.nestedIn === info.nestedIn &&
          !other.inSubstitution &&
          other.effective?.name.value === 'set' &&
          setsPipefail(other.effective.args),
      );
    }

    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell || !summaryOf(shell.script).pipes) return;
        const shellInstruction = shellInstructionAt(dockerfile, instruction);
        if (shellInstruction?.json && setsPipefail(shellInstruction.args)) return;
        const { commands } = shell.script;
        const seen = new Set<Pipeline>();
        for (const info of commands) {
          const pipeline = info.pipeline.node;
          if (info.pipeline.length < 2 || seen.has(pipeline)) continue;
          seen.add(pipeline);
          const producers = pipeline.commands.slice(0, -1);
          if (producers.every(cannotFail)) continue;
          if (protectedPipe(commands, info)) continue;
          const producer = commandName(producers.find((command) => !cannotFail(command))!);
          context.report({
            messageId: 'pipe',
            data: { producer, consumer: commandName(pipeline.commands.at(-1)!) },
            span: fileSpan(shell, pipeline),
          });
          return;
        }
      },
    };
  },
});
