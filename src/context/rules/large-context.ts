import { formatBytesSI } from '../../core/format.js';
import { defineContextRule } from '../rule-domain.js';

const DEFAULT_BUDGET = 100_000_000;

export const largeContext = defineContextRule({
  meta: {
    id: 'context/large-context',
    description: 'The build context is larger than the budget',
    severity: 'warning',
    messages: {
      overBudget: 'the build context is {size} in {files} files, over the {budget} budget{largest}',
    },
    rationale:
      'The builder hashes (and, with a remote builder, uploads) the context before anything runs. A large context ' +
      'makes every build slow even when nothing changed; usually a directory that belongs in `.dockerignore` is ' +
      'the cause.',
    options: { budgetBytes: { description: 'Largest context, in bytes, that passes' } },
    examples: {
      valid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY a /a\n', 'a': 'x', '.dockerignore': '.git\n' }, options: { budgetBytes: 1000 } }],
      invalid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY a /a\n', 'a': 'x'.repeat(2000), '.dockerignore': '.git\n' }, options: { budgetBytes: 1000 } }],
    },
  },
  defaultOptions: { budgetBytes: DEFAULT_BUDGET },
  create({ facts, options, report }) {
    return {
      end() {
        const budget = typeof options.budgetBytes === 'number' ? options.budgetBytes : DEFAULT_BUDGET;
        if (facts.totals.bytes <= budget) return;
        const biggest = [...facts.walk.directories.entries()]
          .filter(([path]) => path !== '' && !path.includes('/'))
          .sort((a, b) => b[1].bytes - a[1].bytes)
          .slice(0, 3)
          .map(([path, totals]) => `${path} (${formatBytesSI(totals.bytes)})`);
        report({
          messageId: 'overBudget',
          data: {
            size: formatBytesSI(facts.totals.bytes),
            files: facts.totals.files,
            budget: formatBytesSI(budget),
            largest: biggest.length > 0 ? `; largest: ${biggest.join(', ')}` : '',
          },
          location: { file: facts.root },
          cost: { bytes: facts.totals.bytes },
          fix: facts.advice && facts.advice.after.bytes < facts.totals.bytes ? facts.advice.fix : undefined,
        });
      },
    };
  },
});
