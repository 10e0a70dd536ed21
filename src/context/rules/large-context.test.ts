import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { analyzeContext } from '../analyze.js';
import { makeTree, removeTree } from '../test-support/tree.js';
import { testRule } from '../../../test/support/rule-tester.js';
import { largeContext } from './large-context.js';

testRule(largeContext);

const roots: string[] = [];
after(() => roots.forEach(removeTree));

test('the budget comes from config; the finding names the largest top-level directories', () => {
  const root = makeTree({ 'Dockerfile': 'FROM x\n', 'assets/big.bin': 'b'.repeat(5000), 'src/a.js': 'a'.repeat(100), '.dockerignore': '.git\n' });
  roots.push(root);
  const under = analyzeContext(root).findings.filter((f) => f.ruleId === 'context/large-context');
  assert.deepEqual(under, [], 'the default budget (100 MB) is not reached');
  const over = analyzeContext(root, { rules: { 'context/large-context': { options: { budgetBytes: 4000 } } } }).findings.filter(
    (f) => f.ruleId === 'context/large-context',
  );
  assert.equal(over.length, 1);
  assert.equal(over[0].cost?.bytes, 5000 + 100 + 7 + 5);
  assert.match(over[0].message, /over the 4\.00 kB budget; largest: assets \(5\.00 kB\), src \(100 B\)/);
  const off = analyzeContext(root, { rules: { 'context/large-context': { severity: 'off', options: { budgetBytes: 1 } } } });
  assert.equal(off.findings.some((f) => f.ruleId === 'context/large-context'), false);
});
