import type { Finding } from '../../core/finding.js';
import { attachAdvice, copiedBy } from './support.js';
import { formatBytes } from '../../core/format.js';
import type { ContextRule } from '../rule.js';

export const noVcsDir: ContextRule = {
  meta: {
    id: 'context/no-vcs-dir',
    description: 'Keep version-control metadata (.git, .hg, .svn) out of the build context',
    severity: 'warning',
    fixable: 'safe',
    rationale:
      'The `.git` directory is often the largest thing in a context and holds the whole history, including secrets ' +
      'that were committed once and removed. It changes on every commit, so `COPY . .` rebuilds from that layer ' +
      'each time, and it ships in the image.',
    examples: {
      valid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY . /app\n', '.git/HEAD': 'ref: x\n', '.dockerignore': '.git\n' } }],
      invalid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY . /app\n', '.git/HEAD': 'ref: x\n', 'app': 'x' } }],
    },
  },
  check(facts) {
    return facts.vcs.map((path): Finding => {
      const { bytes } = facts.sizeOf(path);
      const copy = copiedBy(facts, path);
      const finding: Finding = {
        ruleId: this.meta.id,
        severity: this.meta.severity,
        message:
          `${path} (${formatBytes(bytes)}) is in the build context` +
          (copy ? `, and ${copy.instruction} at line ${copy.line} puts it in the image` : '') +
          ': add it to .dockerignore',
        location: { file: facts.display(path) },
        cost: { bytes },
      };
      return attachAdvice(facts, finding, path);
    });
  },
};
