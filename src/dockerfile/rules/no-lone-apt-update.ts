import type { Edit } from '../../core/finding.js';
import type { CommandInfo, ShellScript } from '../../shell/ast.js';
import { basename, shellScriptArgument } from '../../shell/commands.js';
import type { Dockerfile, Instruction, RunShell, Stage } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { fileSpan, scriptShape } from './util/edits.js';
import { memo, memoSlot } from './util/memo.js';
import { isTrigger, positionInStage } from './util/stages.js';
import { APT_TOOLS, toolCallOf, toolCalls } from './util/tools.js';

/** apt subcommands that do not read the package lists. */
const LIST_FREE = new Set(['update', 'clean', 'autoclean', 'distclean', 'dist-clean']);
const INSTALLING = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall', 'safe-upgrade']);
/** Programs that read the apt lists or install through apt. */
const LIST_READERS = new Set(['apt-cache', 'apt-file', 'install_packages', 'apt-install', 'mk-build-deps', 'gdebi', 'xargs', 'eval']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh']);

/** The command may read the apt lists: an apt command, an install wrapper script, or a script we cannot see into. */
function mayReadLists(script: ShellScript, info: CommandInfo): boolean {
  const call = toolCallOf(script, info);
  if (call) return APT_TOOLS.has(call.tool) && !LIST_FREE.has(call.sub);
  const effective = info.effective;
  if (!effective) return false;
  const name = effective.name.value;
  if (name === undefined) return true;
  const program = basename(name);
  if (LIST_READERS.has(program) || name.includes('/') || name.endsWith('.sh')) return true;
  // `bash script.sh` and `curl … | sh` run code we cannot read; `sh -c '…'` is read (its commands are listed)
  return SHELLS.has(program) && !shellScriptArgument(effective);
}

function aptCallsOf(shell: RunShell) {
  return toolCalls(shell.script).filter((call) => APT_TOOLS.has(call.tool));
}

/** The whole instruction with its line ending: what deleting it removes. */
function instructionLines(dockerfile: Dockerfile, instruction: Instruction): [number, number] {
  const { text } = dockerfile;
  let end = instruction.span.end;
  const newline = text.indexOf('\n', end);
  end = newline < 0 ? text.length : newline + 1;
  const start = dockerfile.lineStart(instruction.line);
  return [start, end];
}

const NEXT_STOP = memoSlot<Int32Array>('next instruction a moved update stops at');

/**
 * For each position in the stage, the position of the next instruction the search for an install stops at (a
 * USER, an ONBUILD, a RUN that may read the package lists or cannot be read), or -1: found in one pass per stage,
 * so many lone updates in a stage do not each rescan the rest of it.
 */
function nextStopIn(dockerfile: Dockerfile, stage: Stage): Int32Array {
  return memo(stage, NEXT_STOP, ({ instructions }) => {
    const next = new Int32Array(instructions.length);
    let stop = -1;
    for (let i = instructions.length - 1; i >= 0; i--) {
      next[i] = stop;
      const instruction = instructions[i]!;
      if (instruction.keyword === 'USER' || instruction.keyword === 'ONBUILD') stop = i;
      else if (instruction.keyword === 'RUN') {
        const shell = dockerfile.shellOf(instruction);
        if (!shell || shell.script.commands.some((info) => mayReadLists(shell.script, info))) stop = i;
      }
    }
    return next;
  });
}

export const noLoneAptUpdate = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-lone-apt-update',
    description: 'Run apt-get update in the RUN that installs',
    severity: 'warning',
    fixable: 'unsafe',
    rationale:
      'The builder caches each RUN by its text. A RUN that only runs `apt-get update` is cached once and then ' +
      'reused for months, while the `apt-get install` below it is rebuilt whenever its package list changes: it ' +
      'then installs from stale lists and fails with 404s for versions the mirror no longer has, or installs ' +
      'outdated packages. The lists also stay in the update\'s own layer. Updating in the RUN that installs keeps ' +
      'the two in step and lets that RUN remove the lists.',
    differences:
      'hadolint has no equivalent (its DL3009 sees the lists left in the layer, which shipshape reports with ' +
      '`clean-apt-lists`). Trivy (DS-0017), Checkov (CKV_DOCKER_5) and dockle (CIS-DI-0007) check `update` alone ' +
      'in a RUN; shipshape also accepts a RUN that goes on to read the lists another way (`apt-cache`, ' +
      '`install_packages`, a script it cannot see into) and fixes by moving the update into the next RUN that ' +
      'installs. `apk update` is not checked: `apk add --no-cache` fetches a fresh index itself. ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      lone: '`{command}` in a RUN that installs nothing: the cached lists go stale; run it in the RUN that installs',
    },
    examples: {
      valid: [{ code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' }],
      invalid: [
        {
          code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n',
          output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;

    function mergeFix(lone: Instruction, shell: RunShell): Edit[] | undefined {
      const calls = aptCallsOf(shell);
      const onlyUpdates = shell.script.commands.length === calls.length && calls.every((call) => call.sub === 'update');
      if (!onlyUpdates || lone.flags.length > 0 || isTrigger(dockerfile, lone) || scriptShape(lone, shell) !== 'inline') {
        return undefined;
      }
      const stage = dockerfile.stages[lone.stageIndex];
      if (!stage) return undefined;
      const update = shell.source.replace(/\s+/g, ' ').trim();
      const next = stage.instructions[nextStopIn(dockerfile, stage)[positionInStage(stage, lone)] ?? -1];
      if (next) {
        if (next.keyword !== 'RUN') return undefined;
        const nextShell = dockerfile.shellOf(next);
        if (!nextShell) return undefined;
        const readers = nextShell.script.commands.filter((info) => mayReadLists(nextShell.script, info));
        const first = toolCallOf(nextShell.script, readers[0]!);
        if (!first || !APT_TOOLS.has(first.tool) || !INSTALLING.has(first.sub)) return undefined;
        const remove: Edit = { range: instructionLines(dockerfile, lone), text: '' };
        const updatesFirst = aptCallsOf(nextShell).some(
          (call) => call.sub === 'update' && call.info.command.start < first.info.command.start,
        );
        // that RUN updates the lists itself: the lone update is only redundant
        if (updatesFirst) return [remove];
        if (scriptShape(next, nextShell) !== 'inline' || nextShell.script.errors.length > 0) return undefined;
        const installStart = first.info.command.start;
        const statement = nextShell.script.body.find((candidate) => candidate.start <= installStart && installStart < candidate.end);
        if (!statement) return undefined;
        const at = nextShell.toFileOffset(statement.start);
        return [remove, { range: [at, at], text: `${update} && ` }];
      }
      return undefined;
    }

    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell || !shell.source.includes('update')) return;
        const updates = aptCallsOf(shell).filter((call) => call.sub === 'update');
        if (updates.length === 0 || shell.script.commands.some((info) => mayReadLists(shell.script, info))) return;
        const update = updates[0]!;
        const edits = mergeFix(instruction, shell);
        context.report({
          messageId: 'lone',
          data: { command: shell.source.slice(update.info.command.start, update.info.command.end) },
          span: fileSpan(shell, update.info.command),
          fix: edits && { description: 'move the update into the next RUN that installs', edits },
        });
      },
    };
  },
});
