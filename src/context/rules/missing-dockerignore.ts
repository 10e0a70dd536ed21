import { formatBytesSI } from '../../core/format.js';
import { defineContextRule } from '../rule-domain.js';

export const missingDockerignore = defineContextRule({
  meta: {
    id: 'context/missing-dockerignore',
    description: 'The build context has no .dockerignore',
    severity: 'warning',
    fixable: 'unsafe',
    messages: {
      everything: 'no .dockerignore: the builder receives everything in the directory',
      unneeded: 'no .dockerignore: the builder receives everything, including {entries} ({size} it does not need)',
    },
    rationale:
      'Without a `.dockerignore` the builder receives the whole directory: `.git`, `.env` files, keys, `node_modules` and ' +
      'build output travel with every build, slow it down, bust the cache and end up in the image with `COPY . .`. ' +
      'The fix writes one tailored to what the context holds, leaving out nothing a COPY names.',
    examples: {
      valid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY app /app\n', 'app': 'x', '.dockerignore': '.git\n' } }],
      invalid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY . /app\n', 'app': 'x' } }],
    },
  },
  create({ facts, report }) {
    return {
      end() {
        if (facts.ignore.choice.source !== 'none') return;
        const advice = facts.advice;
        const saved = advice?.savedBytes ?? 0;
        const where = { location: { file: facts.display('.dockerignore') }, cost: { bytes: saved } };
        if (!advice) return report({ messageId: 'everything', ...where });
        const entries = `${advice.entries.slice(0, 4).join(', ')}${advice.entries.length > 4 ? ', …' : ''}`;
        report({ messageId: 'unneeded', data: { entries, size: formatBytesSI(saved) }, ...where, fix: advice.fix });
      },
    };
  },
});
