import { defineDockerfileRule } from '../rule-domain.js';
import { fileSpan, insertAfterWord } from './util/edits.js';
import { reachesFinalImage, StageMarks } from './util/run.js';
import { APT_TOOLS, summaryOf, toolCalls, usesApt, type ToolCall } from './util/tools.js';

const RECOMMENDS_OFF_OPTION = /^APT::Install-Recommends=(?:false|no|0|off)$/i;
const RECOMMENDS_OFF_CONFIG = /APT::Install-Recommends\s+"?(?:false|no|0|off)/i;
const FALSE = /^(?:false|no|0|off)$/i;

function skipsRecommends(call: ToolCall): boolean {
  for (const option of call.parsed.options) {
    switch (option.name) {
      case 'no-install-recommends':
      case 'without-recommends':
        return true;
      case 'R':
        if (call.tool === 'aptitude') return true;
        break;
      case 'install-recommends':
        if (FALSE.test(option.value ?? '')) return true;
        break;
      case 'o':
      case 'option':
        if (RECOMMENDS_OFF_OPTION.test(option.value ?? '')) return true;
        break;
    }
  }
  return false;
}

export const useNoInstallRecommends = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-no-install-recommends',
    description: 'Install apt packages with --no-install-recommends',
    severity: 'info',
    aliases: ['DL3015'],
    fixable: 'safe',
    rationale:
      'By default apt also installs the packages each requested package merely *recommends*: documentation, ' +
      'optional plugins, extra locales, sometimes whole toolchains. In an image they are dead weight — often tens ' +
      'of megabytes, more attack surface, more CVEs to triage. `--no-install-recommends` installs what was asked ' +
      'for and its real dependencies; add any recommended package the image does need by name.',
    differences:
      'Same check as hadolint\'s DL3015 and Trivy\'s DS-0029, for `apt-get` and `apt` (and `aptitude`, whose option is ' +
      '`--without-recommends`). shipshape also accepts `-o APT::Install-Recommends=false` and an ' +
      '`APT::Install-Recommends "false";` setting written to /etc/apt earlier in the stage, and checks only the ' +
      'stages the final image is built on (a builder stage\'s packages do not ship). ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      missing: '`{tool} install` also installs recommended packages: add `{option}`',
    },
    examples: {
      valid: [{ code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n' }],
      invalid: [
        {
          code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
          output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*\n',
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
        if (shell.source.includes('Install-Recommends') && RECOMMENDS_OFF_CONFIG.test(shell.source)) {
          configured.mark(instruction);
          return;
        }
        const { tools } = summaryOf(shell.script);
        if (!usesApt(tools) || !reachesFinalImage(dockerfile, instruction, context.facts.finalStage)) return;
        for (const call of toolCalls(shell.script)) {
          if (!APT_TOOLS.has(call.tool) || call.sub !== 'install' || skipsRecommends(call)) continue;
          const option = call.tool === 'aptitude' ? '--without-recommends' : '--no-install-recommends';
          context.report({
            messageId: 'missing',
            data: { tool: call.program.text, option },
            span: fileSpan(shell, call.info.command),
            fix: { description: `add ${option}`, edits: [insertAfterWord(dockerfile, shell, call.subcommand!, option)] },
          });
        }
      },
    };
  },
});
