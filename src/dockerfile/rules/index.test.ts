import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { dockerfileRules } from './index.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const ruleFiles = readdirSync(dir)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && name !== 'index.ts')
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();

test('every rule file is registered, under the id its file name gives', () => {
  const ids = dockerfileRules.map((rule) => rule.meta.id);
  assert.deepEqual([...ids].sort(), ruleFiles.map((name) => `dockerfile/${name}`));
});

test('rules are registered in id order, ids are unique', () => {
  const ids = dockerfileRules.map((rule) => rule.meta.id);
  assert.deepEqual(ids, [...ids].sort());
  assert.equal(new Set(ids).size, ids.length);
});

test('every rule file has a test beside it', () => {
  const tests = new Set(readdirSync(dir).filter((name) => name.endsWith('.test.ts')));
  for (const name of ruleFiles) assert.ok(tests.has(`${name}.test.ts`), `${name}.test.ts`);
});

test('a hadolint code is the alias of one rule only', () => {
  const seen = new Map<string, string>();
  for (const rule of dockerfileRules) {
    for (const alias of rule.meta.aliases ?? []) {
      assert.equal(seen.get(alias), undefined, `${alias} is claimed by ${seen.get(alias)} and ${rule.meta.id}`);
      seen.set(alias, rule.meta.id);
    }
  }
});
