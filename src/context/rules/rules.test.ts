import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyzeContext } from '../analyze.js';
import { makeTree, removeTree } from '../test-support/tree.js';
import { contextRules } from './index.js';

const roots: string[] = [];
after(() => roots.forEach(removeTree));

test('every rule file is registered, with an id that matches its file name', () => {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'support.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(contextRules.map((r) => r.meta.id.replace('context/', '')).sort(), files);
  for (const rule of contextRules) {
    assert.match(rule.meta.id, /^context\/[a-z-]+$/);
    assert.ok(rule.meta.description && !rule.meta.description.endsWith('.'), rule.meta.id);
    assert.ok(rule.meta.rationale.length > 40, rule.meta.id);
    assert.ok(rule.meta.examples.valid.length > 0, `${rule.meta.id} has no valid example`);
  }
});

for (const rule of contextRules) {
  const id = rule.meta.id;
  rule.meta.examples.valid.forEach((example, i) => {
    test(`${id}: valid example ${i + 1} has no finding${example.description ? ` (${example.description})` : ''}`, () => {
      const root = makeTree(example.files);
      roots.push(root);
      const report = analyzeContext(root, { rules: { [id]: { options: example.options ?? {} } } });
      assert.deepEqual(report.findings.filter((f) => f.ruleId === id), []);
    });
  });
  rule.meta.examples.invalid.forEach((example, i) => {
    test(`${id}: invalid example ${i + 1} is found${example.description ? ` (${example.description})` : ''}`, () => {
      const root = makeTree(example.files);
      roots.push(root);
      const report = analyzeContext(root, { rules: { [id]: { options: example.options ?? {} } } });
      const found = report.findings.filter((f) => f.ruleId === id);
      assert.ok(found.length > 0, `no ${id} finding; got ${report.findings.map((f) => f.ruleId).join(', ')}`);
    });
  });
}
