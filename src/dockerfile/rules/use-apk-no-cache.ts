import type { Edit } from '../../core/finding.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { hasOption } from './util/args.js';
import { fileSpan, insertAfterWord, removeCommandEdit } from './util/edits.js';
import { removalOf } from './util/files.js';
import { mountKeepsOut, reachesFinalImage } from './util/run.js';
import { summaryOf, toolCalls, type ToolCall } from './util/tools.js';

const CACHE = '/var/cache/apk';
/** Subcommands that fetch the package index (and keep it in /var/cache/apk unless told not to). */
const FETCHING = new Set(['add', 'upgrade']);

export const useApkNoCache = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-apk-no-cache',
    description: 'Install Alpine packages with apk add --no-cache',
    severity: 'info',
    aliases: ['DL3019'],
    fixable: 'safe',
    rationale:
      '`apk add` and `apk update` store the package index (`APKINDEX.tar.gz` of each repository, a few MB) in ' +
      '`/var/cache/apk`, and it stays in the layer. `apk add --no-cache` fetches the index into memory and leaves ' +
      'nothing behind, which also makes a separate `apk update` unnecessary. A cache mount on /var/cache/apk or ' +
      '`rm -rf /var/cache/apk/*` at the end of the RUN work too.',
    differences:
      'hadolint (DL3019) checks `apk add`; shipshape also checks `apk upgrade` and `apk update` (both leave the ' +
      'index), accepts `rm -rf /var/cache/apk/*` after the install and `apk add --no-network` (it fetches nothing; ' +
      'official images use it for run-time dependencies, which hadolint reports), and checks only the stages the final image is ' +
      'built on. The fix adds `--no-cache` and removes an `apk update` it makes redundant. Trivy\'s DS-0025 and ' +
      'dockle\'s DKL-DI-0004 are the same check. ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      add: '`apk {subcommand}` keeps the package index in /var/cache/apk in this layer: use `apk {subcommand} --no-cache`',
      update: '`apk update` leaves the package index in /var/cache/apk in this layer: drop it and use `apk add --no-cache`',
    },
    examples: {
      valid: [{ code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' }],
      invalid: [
        { code: 'FROM alpine:3.20\nRUN apk add curl\n', output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n' },
        {
          description: 'a separate `apk update` becomes unnecessary',
          code: 'FROM alpine:3.20\nRUN apk update && \\\n    apk add curl\n',
          output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell || !summaryOf(shell.script).tools.has('apk') || !reachesFinalImage(dockerfile, instruction, context.facts.finalStage) || mountKeepsOut(instruction, CACHE)) return;
        const calls = toolCalls(shell.script).filter((call) => call.tool === 'apk');
        const keeping = calls.filter((call) => call.sub === 'update' || (FETCHING.has(call.sub) && !hasOption(call.parsed, ['no-cache', 'no-network'])));
        const last = keeping.at(-1);
        if (!last || removalOf(shell.script, [CACHE], last.info.command.start)) return;

        const addFix = (call: ToolCall): Edit => insertAfterWord(dockerfile, shell, call.subcommand!, '--no-cache');
        const updates = keeping.filter((call) => call.sub === 'update');
        const others = calls.filter((call) => call.sub !== 'update' && !FETCHING.has(call.sub) && call.sub !== 'del');
        const removals = updates.map((call) => removeCommandEdit(shell, call.info));
        // Dropping the updates is safe when every other apk command fetches its own index with --no-cache.
        const updateEdits =
          updates.length > 0 && others.length === 0 && removals.every((edit) => edit !== undefined)
            ? [...removals, ...keeping.filter((call) => call.sub !== 'update').map(addFix)]
            : undefined;

        for (const call of keeping) {
          const isUpdate = call.sub === 'update';
          let edits: Edit[] | undefined;
          if (isUpdate) edits = call === updates[0] ? updateEdits : undefined;
          else if (!updateEdits) edits = [addFix(call)];
          context.report({
            ...(isUpdate ? { messageId: 'update' as const } : { messageId: 'add' as const, data: { subcommand: call.sub } }),
            span: fileSpan(shell, call.info.command),
            fix: edits && { description: isUpdate ? 'drop apk update and add --no-cache' : 'add --no-cache', edits },
          });
        }
      },
    };
  },
});
