import { defineDockerfileRule } from '../rule-domain.js';

export const validSyntax = defineDockerfileRule({
  meta: {
    id: 'dockerfile/valid-syntax',
    description: 'The Dockerfile must parse the way BuildKit parses it',
    severity: 'error',
    rationale:
      'BuildKit refuses a Dockerfile with an unknown instruction, a malformed flag, an unterminated heredoc or a ' +
      'bad parser directive before it builds anything; finding it in the editor or in CI is cheaper than a failed build.',
    differences:
      "Reports the parser's errors — the cases where BuildKit stops (`docker build` fails at parse time). hadolint " +
      'reports parse failures as DL1000 and stops; shipshape keeps linting what it could read. Empty continuation ' +
      'lines, which BuildKit only warns about, are `dockerfile/no-empty-continuation`.',
    messages: {
      syntax: '{problem}: BuildKit refuses this Dockerfile',
    },
    examples: {
      valid: [{ code: 'FROM alpine:3.20\nRUN echo ok\n' }],
      invalid: [
        { code: 'FROM alpine:3.20\nRUNN echo typo\n' },
        { code: 'FROM alpine:3.20\nRUN <<EOF\necho never terminated\n' },
      ],
    },
  },
  create(context) {
    return {
      end() {
        for (const problem of context.facts.dockerfile.problems) {
          if (problem.level !== 'error') continue;
          context.report({ messageId: 'syntax', data: { problem: problem.message }, span: problem.span });
        }
      },
    };
  },
});
