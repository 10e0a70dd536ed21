import type { Finding } from '../../core/finding.js';
import { formatBytes } from '../../core/format.js';
import type { ContextRule } from '../rule.js';

const DEFAULT_BUDGET = 100_000_000;

export const largeContext: ContextRule = {
  meta: {
    id: 'context/large-context',
    description: 'The build context is larger than the budget',
    severity: 'warning',
    rationale:
      'The builder hashes (and, with a remote builder, uploads) the context before anything runs. A large context ' +
      'makes every build slow even when nothing changed; usually a directory that belongs in `.dockerignore` is ' +
      'the cause.',
    options: { budgetBytes: { description: 'Largest context, in bytes, that passes', default: DEFAULT_BUDGET } },
    examples: {
      valid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY a /a\n', 'a': 'x', '.dockerignore': '.git\n' }, options: { budgetBytes: 1000 } }],
      invalid: [{ files: { 'Dockerfile': 'FROM scratch\nCOPY a /a\n', 'a': 'x'.repeat(2000), '.dockerignore': '.git\n' }, options: { budgetBytes: 1000 } }],
    },
  },
  check(facts, options) {
    const budget = typeof options.budgetBytes === 'number' ? options.budgetBytes : DEFAULT_BUDGET;
    if (facts.totals.bytes <= budget) return [];
    const biggest = [...facts.walk.directories.entries()]
      .filter(([path]) => path !== '' && !path.includes('/'))
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, 3)
      .map(([path, totals]) => `${path} (${formatBytes(totals.bytes)})`);
    const finding: Finding = {
      ruleId: this.meta.id,
      severity: this.meta.severity,
      message:
        `the build context is ${formatBytes(facts.totals.bytes)} in ${facts.totals.files} files, over the ${formatBytes(budget)} budget` +
        (biggest.length > 0 ? `; largest: ${biggest.join(', ')}` : ''),
      location: { file: facts.root },
      cost: { bytes: facts.totals.bytes },
    };
    if (facts.advice && facts.advice.after.bytes < facts.totals.bytes) finding.fix = facts.advice.fix;
    return [finding];
  },
};
