import { defineDockerfileRule } from '../rule-domain.js';
import { optionsNamed } from './util/args.js';
import { fileSpan, insertAfterWord } from './util/edits.js';
import { StageMarks } from './util/run.js';
import { APT_TOOLS, summaryOf, toolCalls, usesApt, type ToolCall } from './util/tools.js';

/** Subcommands that ask "Do you want to continue? [Y/n]" and abort on a build's empty stdin. */
const PROMPTING = new Set([
  'install',
  'reinstall',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'safe-upgrade',
  'remove',
  'purge',
  'autoremove',
  'build-dep',
]);
const ASSUME_YES_OPTION = /^APT::Get::Assume-Yes=(?:true|yes|1|on)$/i;
const ASSUME_YES_CONFIG = /APT::Get::Assume-Yes\s+"?(?:true|yes|1|on)/i;

/** `-qq`, `-q -q`, `-q=2`, `--quiet --quiet`, `--quiet=2`: quiet level 2 implies `-y`. */
function quietLevel(call: ToolCall): number {
  let level = 0;
  for (const option of optionsNamed(call.parsed, ['q', 'quiet'])) {
    const given = option.value === undefined ? Number.NaN : Number(option.value);
    level = Number.isNaN(given) ? level + 1 : given;
  }
  return level;
}

function assumesYes(call: ToolCall): boolean {
  for (const option of call.parsed.options) {
    if (option.name === 'y' || option.name === 'yes' || option.name === 'assume-yes') return true;
    if ((option.name === 'o' || option.name === 'option') && ASSUME_YES_OPTION.test(option.value ?? '')) return true;
  }
  if (quietLevel(call) >= 2) return true;
  // `yes | apt-get install …`
  const { pipeline } = call.info;
  if (pipeline.index > 0) {
    const feeder = pipeline.node.commands[pipeline.index - 1];
    if (feeder?.type === 'SimpleCommand' && feeder.name?.value === 'yes') return true;
  }
  return false;
}

export const useAptGetYes = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-apt-get-yes',
    description: 'Answer apt-get\'s confirmation prompt with -y',
    severity: 'warning',
    aliases: ['DL3014'],
    fixable: 'safe',
    rationale:
      'A build has no terminal: when `apt-get install` (or `upgrade`, `remove`, `purge`…) asks ' +
      '"Do you want to continue? [Y/n]", it reads end-of-file and aborts, and the build fails — or passes today ' +
      'and fails the day a new dependency makes apt ask. `-y` (`--yes`, `--assume-yes`) answers yes up front.',
    differences:
      'hadolint (DL3014) checks `apt-get install` only; shipshape also checks `apt` and `aptitude` and the other ' +
      'subcommands that prompt (`upgrade`, `dist-upgrade`, `remove`, `purge`, `autoremove`, `build-dep`). Like ' +
      'hadolint, `-qq` (quiet level 2 implies `-y`) counts; so do `-o APT::Get::Assume-Yes=true`, ' +
      '`yes | apt-get …` and an `APT::Get::Assume-Yes "true";` setting written to /etc/apt earlier in the stage. ' +
      'Trivy\'s DS-0021 is the same check. ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      missing: '`{tool} {subcommand}` without `-y` aborts at its confirmation prompt: add `-y`',
    },
    examples: {
      valid: [
        { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' },
        { description: 'quiet level 2 implies -y', code: 'FROM debian:12\nRUN apt-get -qq install --no-install-recommends curl\n' },
      ],
      invalid: [
        {
          code: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
          output: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    const configured = new StageMarks(dockerfile);
    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell || configured.has(instruction)) return;
        if (shell.source.includes('Assume-Yes') && ASSUME_YES_CONFIG.test(shell.source)) {
          configured.mark(instruction);
          return;
        }
        const { tools } = summaryOf(shell.script);
        if (!usesApt(tools)) return;
        for (const call of toolCalls(shell.script)) {
          if (!APT_TOOLS.has(call.tool) || !PROMPTING.has(call.sub) || assumesYes(call)) continue;
          context.report({
            messageId: 'missing',
            data: { tool: call.program.text, subcommand: call.sub },
            span: fileSpan(shell, call.info.command),
            fix: { description: 'add -y', edits: [insertAfterWord(dockerfile, shell, call.subcommand!, '-y')] },
          });
        }
      },
    };
  },
});
