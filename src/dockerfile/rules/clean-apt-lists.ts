import type { CommandInfo } from '../../shell/ast.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { appendCommandEdit, fileSpan } from './util/edits.js';
import { removalOf } from './util/files.js';
import { mountKeepsOut, reachesFinalImage, StageMarks } from './util/run.js';
import { APT_TOOLS, summaryOf, toolCalls, usesApt, type ToolCall } from './util/tools.js';

/** Subcommands that download packages into /var/cache/apt/archives. */
const DOWNLOADING = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall', 'safe-upgrade']);
const LISTS = '/var/lib/apt/lists';
const ARCHIVES = '/var/cache/apt/archives';
const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';
const KEEP_DOWNLOADED = /Keep-Downloaded-Packages\s*"?(?:true|1|yes)/i;

function isApt(call: ToolCall): boolean {
  return APT_TOOLS.has(call.tool);
}

/** `apt-get clean`, `apt-get distclean` (apt ≥ 2.7 also removes the lists) after an offset. */
function aptClean(calls: ToolCall[], subcommands: readonly string[], after: number): boolean {
  return calls.some((call) => isApt(call) && call.info.command.start > after && subcommands.includes(call.sub));
}

/** The command removes Debian's docker-clean hook or keeps downloaded packages: .deb files then stay in the layer. */
function keepsArchives(info: CommandInfo): boolean {
  const effective = info.effective;
  if (!effective) return false;
  const name = effective.name.value;
  if (name === 'rm') return effective.args.some((word) => word.value === DOCKER_CLEAN);
  if (name === 'echo' || name === 'printf') return effective.args.some((word) => KEEP_DOWNLOADED.test(word.value ?? word.text));
  return false;
}

export const cleanAptLists = defineDockerfileRule({
  meta: {
    id: 'dockerfile/clean-apt-lists',
    description: 'Remove the apt package lists in the RUN that downloads them',
    severity: 'warning',
    aliases: ['DL3009'],
    fixable: 'safe',
    rationale:
      '`apt-get update` downloads the package lists of every configured repository into `/var/lib/apt/lists` ' +
      '(about 20 MB on Debian, 40 MB and more on Ubuntu). Nothing needs them at run time, and a file deleted in a ' +
      'later RUN still ships in the layer that created it, so they must go in the same RUN: end it with ' +
      '`rm -rf /var/lib/apt/lists/*`, or keep them out of the layer with ' +
      '`RUN --mount=type=cache,target=/var/lib/apt/lists`.\n\n' +
      'Debian and Ubuntu images delete downloaded `.deb` files after each install through the ' +
      '`/etc/apt/apt.conf.d/docker-clean` hook. A Dockerfile that removes that hook (usually to use a cache mount) ' +
      'keeps every `.deb` in `/var/cache/apt/archives` unless that directory is a mount too or `apt-get clean` runs; ' +
      'this rule reports that as well.\n\n' +
      'Only the stages the final image is built on are checked: a builder stage whose files are picked with ' +
      '`COPY --from` ships none of its layers.',
    differences:
      'hadolint (DL3009) reports at `info`; shipshape at `warning`, because the bytes are real and the fix is safe. ' +
      'Like hadolint, a RUN is reported when it runs `apt-get update` (or `apt`/`aptitude update`) without removing ' +
      'the lists, only in the last stage and the stages it is built on, and cache or tmpfs mounts count as clean. ' +
      'shipshape also accepts a mount on `/var/lib/apt` alone (the lists live under it); hadolint wants ' +
      '`/var/cache/apt` mounted too, which shipshape asks for only when the docker-clean hook was removed, ' +
      'because that is when `.deb` files stay behind (so both agree on hadolint\'s cases). `rm` of the lists ' +
      'before the update, `apt-get clean` (which keeps the lists) and a removal in a later RUN do not count. ' +
      'Trivy has no apt-lists check; dockle checks the built image (DKL-DI-0005). ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      lists:
        '`{command}` leaves the package lists in this layer: end the RUN with `rm -rf /var/lib/apt/lists/*` (or mount /var/lib/apt/lists as a cache)',
      archives:
        'downloaded .deb files stay in /var/cache/apt/archives in this layer (the docker-clean hook is removed): end the RUN with `apt-get clean` or mount /var/cache/apt as a cache',
    },
    examples: {
      valid: [
        { code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n' },
        {
          description: 'the lists are in a cache mount',
          code:
            'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists \\\n    apt-get update && apt-get install -y --no-install-recommends curl\n',
        },
        {
          description: 'a builder stage: its layers do not ship',
          code:
            'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\n' +
            'FROM debian:12-slim\nCOPY --from=build /usr/bin/gcc /usr/local/bin/\n',
        },
      ],
      invalid: [
        {
          code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n',
          output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
        },
        {
          description: 'a multi-line RUN gets a new line in its own style',
          code: 'FROM ubuntu:24.04\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        ca-certificates \\\n        curl\n',
          output:
            'FROM ubuntu:24.04\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends \\\n        ca-certificates \\\n        curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    /** Where the docker-clean hook is removed. */
    const keepingArchives = new StageMarks(dockerfile);

    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const { script } = shell;
        const mayKeep = shell.source.includes('docker-clean') || shell.source.includes('Keep-Downloaded');
        if (mayKeep && script.commands.some(keepsArchives)) keepingArchives.mark(instruction);
        if (!usesApt(summaryOf(script).tools)) return;
        if (!reachesFinalImage(dockerfile, instruction, context.facts.finalStage)) return;
        const calls = toolCalls(script).filter(isApt);
        if (calls.length === 0) return;

        const updates = calls.filter((call) => call.sub === 'update');
        const installs = calls.filter((call) => DOWNLOADING.has(call.sub));
        const lastUpdate = updates.at(-1);
        if (
          lastUpdate &&
          !mountKeepsOut(instruction, LISTS) &&
          !removalOf(script, [LISTS], lastUpdate.info.command.start) &&
          !aptClean(calls, ['distclean', 'dist-clean'], lastUpdate.info.command.start)
        ) {
          const edit = installs.length > 0 ? appendCommandEdit(dockerfile, instruction, shell, 'rm -rf /var/lib/apt/lists/*') : undefined;
          context.report({
            messageId: 'lists',
            data: { command: script.source.slice(lastUpdate.info.command.start, lastUpdate.info.command.end) },
            span: fileSpan(shell, lastUpdate.info.command),
            fix: edit && { description: 'remove the apt lists at the end of the RUN', edits: [edit] },
          });
        }

        const lastInstall = installs.at(-1);
        if (
          lastInstall &&
          keepingArchives.has(instruction) &&
          !mountKeepsOut(instruction, ARCHIVES) &&
          !removalOf(script, [ARCHIVES], lastInstall.info.command.start) &&
          !aptClean(calls, ['clean', 'distclean', 'dist-clean'], lastInstall.info.command.start)
        ) {
          const edit = appendCommandEdit(dockerfile, instruction, shell, 'apt-get clean');
          context.report({
            messageId: 'archives',
            span: fileSpan(shell, lastInstall.info.command),
            fix: edit && { description: 'remove downloaded .deb files at the end of the RUN', edits: [edit] },
          });
        }
      },
    };
  },
});
