import type { DockerfileRule, RuleFix } from '../rule.js';

export const noEmptyContinuation: DockerfileRule = {
  meta: {
    id: 'dockerfile/no-empty-continuation',
    description: 'Do not leave empty lines inside a continued instruction',
    severity: 'warning',
    fixable: 'safe',
    rationale:
      'An empty line after a trailing `\\` is skipped today, but BuildKit deprecates it and a future version will ' +
      'end the instruction there, turning the rest into a syntax error — or, worse, into other instructions.',
    differences:
      "BuildKit's NoEmptyContinuation check, with a safe fix that deletes the empty lines (comment lines inside a " +
      'continuation are kept: BuildKit allows them). hadolint has no equivalent.',
    messages: {
      emptyLine: 'empty line inside a continued {keyword}: a future BuildKit will end the instruction here',
    },
    examples: {
      valid: [{ code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    # the client\n    curl\n' }],
      invalid: [
        {
          code: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl \\\n    \n    git\n',
          output: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl \\\n    git\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context;
    const { text } = dockerfile;
    return {
      instruction(instruction) {
        if (instruction.endLine <= instruction.line) return;
        // The continued part ends where the arguments end; heredoc bodies after it may hold empty lines.
        const lastLine = dockerfile.position(Math.max(instruction.restSpan.end - 1, instruction.restSpan.start)).line;
        const edits: RuleFix['edits'] = [];
        for (let line = instruction.line + 1; line < lastLine; line++) {
          const start = dockerfile.lineStart(line);
          const newline = text.indexOf('\n', start);
          const end = newline === -1 ? text.length : newline + 1;
          if (/^[ \t\r]*\n?$/.test(text.slice(start, end))) edits.push({ range: [start, end], text: '' });
        }
        if (edits.length === 0) return;
        const first = edits[0]!.range;
        context.report({
          messageId: 'emptyLine',
          data: { keyword: instruction.keyword },
          span: { start: first[0], end: Math.max(first[0], first[1] - 1) },
          fix: { description: 'delete the empty continuation lines', edits },
        });
      },
    };
  },
};
