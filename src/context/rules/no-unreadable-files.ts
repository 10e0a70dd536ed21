import type { ContextRule } from '../rule.js';

export const noUnreadableFiles: ContextRule = {
  meta: {
    id: 'context/no-unreadable-files',
    description: 'The builder cannot read a file or directory in the build context',
    severity: 'error',
    rationale:
      'BuildKit fails the whole build when it meets a file or directory it may not read (unless `.dockerignore` ' +
      'excludes it). Fix the permissions, or exclude the entry if the build does not need it.',
    examples: { valid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY a /a\n', 'a': 'x', '.dockerignore': '.git\n' } }], invalid: [] },
  },
  check(facts) {
    return facts.walk.problems.map((problem) => ({
      ruleId: this.meta.id,
      severity: this.meta.severity,
      message: `${problem.path}: ${problem.message}`,
      location: { file: facts.display(problem.path) },
    }));
  },
};
