import { formatBytes } from '../../core/format.js';
import { numberOption, type ImageRule } from './types.js';

export const sizeBudget: ImageRule = {
  meta: {
    id: 'image/size-budget',
    description: 'The image stays within its configured size budget',
    severity: 'error',
    rationale:
      'Every byte is pulled by every node that runs the image, on every cold start and every scale-up. A budget ' +
      'turns "the image got big" from a slow drift into a failing check at the commit that did it.',
    differences: 'dive\'s CI mode gates on efficiency and wasted bytes, not on size; this rule gates on size itself.',
    options: {
      maxBytes: { description: 'Largest uncompressed size (Σ layer file bytes, as `docker images` shows)', default: undefined },
      maxCompressedBytes: { description: 'Largest download (Σ stored layer blobs)', default: undefined },
    },
  },
  check(context) {
    const budgets: [string, number, number][] = [
      ['uncompressed', context.size.layers, numberOption(context.options, 'maxBytes', Infinity)],
      ['compressed', context.size.compressed, numberOption(context.options, 'maxCompressedBytes', Infinity)],
    ];
    for (const [what, actual, budget] of budgets) {
      if (actual <= budget) continue;
      context.report({
        message: `the image is ${formatBytes(actual)} ${what}, ${formatBytes(actual - budget)} over its ${formatBytes(budget)} budget`,
        bytes: actual - budget,
      });
    }
  },
};
