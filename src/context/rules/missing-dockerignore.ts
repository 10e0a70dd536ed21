import { formatBytesSI } from '../../core/format.js';
import { contextPath } from '../copy/resolve.js';
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
      invalid: [
        {
          description: 'The .git directory travels with every build',
          files: { 'Dockerfile': 'FROM scratch\nCOPY . /app\n', 'app': 'x', '.git/HEAD': 'ref: refs/heads/main\n' },
          output: { '.dockerignore': '# Added by shipshape: keeps these out of the build context\n.git\n' },
          findings: [{ messageId: 'unneeded', file: '.dockerignore' }],
        },
        { files: { 'Dockerfile': 'FROM scratch\nCOPY . /app\n', 'app': 'x' }, noFix: 'nothing in the context needs excluding, so there is no .dockerignore to propose', findings: [{ messageId: 'everything', file: '.dockerignore' }] },
      ],
    },
  },
  create({ facts, report }) {
    return {
      end() {
        if (facts.ignore.choice.source !== 'none') return;
        const advice = facts.advice;
        const saved = advice?.savedBytes ?? 0;
        const where = { location: { file: facts.display('.dockerignore') }, cost: { bytes: saved } };
        if (!advice) {
          // Nothing to leave out today: worth a word only when a COPY takes the whole context, so that whatever lands
          // in the directory later ships too. A context the Dockerfile copies named files from needs no ignore file.
          if (!facts.copies.some((copy) => copy.spec.sources.some((source) => contextPath(source) === ''))) return;
          return report({ messageId: 'everything', ...where });
        }
        const entries = `${advice.entries.slice(0, 4).join(', ')}${advice.entries.length > 4 ? ', …' : ''}`;
        report({ messageId: 'unneeded', data: { entries, size: formatBytesSI(saved) }, ...where, fix: advice.fix });
      },
    };
  },
});
