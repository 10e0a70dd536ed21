import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { sizeBudget } from './size-budget.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(sizeBudget);

const spec = { layers: [{ tar: [{ path: 'big', content: Buffer.alloc(5000, 1) }] }] };

test('no budget, no finding; over the budget, the excess is the cost', async () => {
  assert.deepEqual((await analyzeSpec(spec, sizeBudget)).findings, []);
  assert.deepEqual((await analyzeSpec(spec, sizeBudget, { maxBytes: 5000 })).findings, []);
  const over = await analyzeSpec(spec, sizeBudget, { maxBytes: 4000 });
  assert.equal(over.findings.length, 1);
  assert.equal(over.findings[0]!.message, 'the image is 5.00 kB uncompressed, 1.00 kB over its 4.00 kB budget');
  assert.deepEqual(over.findings[0]!.cost, { bytes: 1000 });
  const compressed = await analyzeSpec(spec, sizeBudget, { maxCompressedBytes: 10 });
  assert.match(compressed.findings[0]!.message, /compressed, .* over its 10 B budget/);
});
