import { defineContextRule } from '../rule-domain.js';

export const noUnreadableFiles = defineContextRule({
  meta: {
    id: 'context/no-unreadable-files',
    description: 'The builder cannot read a file or directory in the build context',
    severity: 'error',
    messages: {
      unreadable: '{path}: {problem}',
    },
    rationale:
      'BuildKit fails the whole build when it meets a file or directory it may not read (unless `.dockerignore` ' +
      'excludes it). Fix the permissions, or exclude the entry if the build does not need it.',
    examples: { valid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY a /a\n', 'a': 'x', '.dockerignore': '.git\n' } }], invalid: [] },
  },
  create({ facts, report }) {
    return {
      end() {
        for (const problem of facts.walk.problems) {
          report({ messageId: 'unreadable', data: { path: problem.path, problem: problem.message }, location: { file: facts.display(problem.path) } });
        }
      },
    };
  },
});
