import type { Finding } from '../../core/finding.js';
import { formatBytes } from '../../core/format.js';
import type { ContextRule } from '../rule.js';

export const missingDockerignore: ContextRule = {
  meta: {
    id: 'context/missing-dockerignore',
    description: 'The build context has no .dockerignore',
    severity: 'warning',
    fixable: 'unsafe',
    rationale:
      'Without a `.dockerignore` the builder receives the whole directory: `.git`, `.env` files, keys, `node_modules` and ' +
      'build output travel with every build, slow it down, bust the cache and end up in the image with `COPY . .`. ' +
      'The fix writes one tailored to what the context holds, leaving out nothing a COPY names.',
    examples: {
      valid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY app /app\n', 'app': 'x', '.dockerignore': '.git\n' } }],
      invalid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY . /app\n', 'app': 'x' } }],
    },
  },
  check(facts) {
    if (facts.ignore.choice.source !== 'none') return [];
    const advice = facts.advice;
    const saved = advice?.savedBytes ?? 0;
    const finding: Finding = {
      ruleId: this.meta.id,
      severity: this.meta.severity,
      message: advice
        ? `no .dockerignore: the builder receives everything, including ${advice.entries.slice(0, 4).join(', ')}${advice.entries.length > 4 ? ', …' : ''} (${formatBytes(saved)} it does not need)`
        : 'no .dockerignore: the builder receives everything in the directory',
      location: { file: facts.display('.dockerignore') },
      cost: { bytes: saved },
    };
    if (advice) finding.fix = advice.fix;
    return [finding];
  },
};
