import type { Word } from '../../shell/ast.js';
import { basename } from '../../shell/commands.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { fileSpan } from './util/edits.js';
import { summaryOf } from './util/tools.js';

const ESCALATORS = new Set(['sudo', 'doas']);

export const noSudo = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-sudo',
    description: 'Do not use sudo in RUN',
    severity: 'warning',
    aliases: ['DL3004'],
    rationale:
      'RUN already runs as root unless a USER instruction says otherwise; to run a step as root after `USER app`, ' +
      'switch back with `USER root` for that step. sudo in an image means a setuid binary and a sudoers policy that ' +
      'stay in the image for anyone who gets a shell in the container, and at run time it behaves badly as PID 1 ' +
      '(TTY requirements, signals). To drop privileges in an entrypoint, use `gosu` or `su-exec`.',
    differences:
      'hadolint (DL3004) and Trivy (DS-0010) report sudo as an error or critical; shipshape as a warning. Like ' +
      'hadolint, installing the sudo package is not reported; each command run through sudo (or doas) is, ' +
      'including inside `sh -c` scripts and heredocs. ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      sudo: '`{program}` in RUN: RUN runs as root already (use `USER root` for this step if needed)',
    },
    examples: {
      valid: [{ code: 'FROM debian:12\nUSER root\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER app\n' }],
      invalid: [{ code: 'FROM debian:12\nUSER app\nRUN sudo apt-get update\n' }],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const { programs } = summaryOf(shell.script);
        if (!programs.has('sudo') && !programs.has('doas')) return;
        for (const info of shell.script.commands) {
          const name = info.command.name;
          if (!name) continue;
          // `sudo -u app cmd` unwraps to cmd with sudo among its wrappers; `sudo -l` stays a sudo command
          const words: Word[] = info.effective ? [...info.effective.wrappers, info.effective.name] : [name];
          const escalator = words.find((word) => word.value !== undefined && ESCALATORS.has(basename(word.value)));
          if (!escalator) continue;
          context.report({ messageId: 'sudo', data: { program: basename(escalator.value!) }, span: fileSpan(shell, escalator) });
        }
      },
    };
  },
});
