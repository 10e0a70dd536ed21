import { formatBytesSI } from '../../core/format.js';
import { defineImageRule } from '../rule-domain.js';
import { numberOption } from './support.js';

export const sizeBudget = defineImageRule({
  meta: {
    id: 'image/size-budget',
    description: 'The image stays within its configured size budget',
    severity: 'error',
    messages: {
      overBudget: 'the image is {size} {what}, {over} over its {budget} budget',
    },
    rationale:
      'Every byte is pulled by every node that runs the image, on every cold start and every scale-up. A budget ' +
      'turns "the image got big" from a slow drift into a failing check at the commit that did it.',
    differences: 'dive\'s CI mode gates on efficiency and wasted bytes, not on size; this rule gates on size itself.',
    options: {
      maxBytes: { description: 'Largest uncompressed size (Σ layer file bytes, as `docker images` shows)' },
      maxCompressedBytes: { description: 'Largest download (Σ stored layer blobs)' },
    },
  },
  defaultOptions: { maxBytes: undefined as number | undefined, maxCompressedBytes: undefined as number | undefined },
  create({ facts: image, options, report }) {
    return {
      end() {
        const budgets: [string, number, number][] = [
          ['uncompressed', image.size.layers, numberOption(options, 'maxBytes', Infinity)],
          ['compressed', image.size.compressed, numberOption(options, 'maxCompressedBytes', Infinity)],
        ];
        for (const [what, actual, budget] of budgets) {
          if (actual <= budget) continue;
          report({
            messageId: 'overBudget',
            data: { size: formatBytesSI(actual), what, over: formatBytesSI(actual - budget), budget: formatBytesSI(budget) },
            bytes: actual - budget,
          });
        }
      },
    };
  },
});
