import { adviceFix, copiedBy } from './support.js';
import { formatBytesSI } from '../../core/format.js';
import { defineContextRule } from '../rule-domain.js';

export const noVcsDir = defineContextRule({
  meta: {
    id: 'context/no-vcs-dir',
    description: 'Keep version-control metadata (.git, .hg, .svn) out of the build context',
    severity: 'warning',
    fixable: 'safe',
    rationale:
      'The `.git` directory is often the largest thing in a context and holds the whole history, including secrets ' +
      'that were committed once and removed. It changes on every commit, so `COPY . .` rebuilds from that layer ' +
      'each time, and it ships in the image.',
    messages: {
      inContext: '{path} ({size}) is in the build context: add it to .dockerignore',
      copied: '{path} ({size}) is in the build context, and {instruction} at line {line} puts it in the image: add it to .dockerignore',
    },
    examples: {
      valid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY . /app\n', '.git/HEAD': 'ref: x\n', '.dockerignore': '.git\n' } }],
      invalid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY . /app\n', '.git/HEAD': 'ref: x\n', 'app': 'x' }, output: {'.dockerignore':'# Added by shipshape: keeps these out of the build context\n.git\n'}, findings: [{ messageId: 'copied', file: '.git' }] }],
    },
  },
  create({ facts, report }) {
    return {
      end() {
        for (const path of facts.vcs) {
          const { bytes } = facts.sizeOf(path);
          const copy = copiedBy(facts, path);
          const where = { location: { file: facts.display(path) }, cost: { bytes }, fix: adviceFix(facts, path) };
          const data = { path, size: formatBytesSI(bytes) };
          if (copy) report({ messageId: 'copied', data: { ...data, instruction: copy.instruction, line: copy.line }, ...where });
          else report({ messageId: 'inContext', data, ...where });
        }
      },
    };
  },
});
