import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isSeverity } from '../../core/severity.js';
import { imageRules } from './index.js';

const NOT_RULES = new Set(['index.ts', 'support.ts']);

test('every rule file is registered, once, under the id its file name gives', () => {
  const files = readdirSync(fileURLToPath(new URL('.', import.meta.url)))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !NOT_RULES.has(name))
    .map((name) => `image/${name.slice(0, -3)}`)
    .sort();
  assert.deepEqual(imageRules.map((rule) => rule.meta.id).sort(), files);
});

test('every rule has its metadata and a test beside it', () => {
  const files = new Set(readdirSync(fileURLToPath(new URL('.', import.meta.url))));
  for (const { meta, create } of imageRules) {
    assert.match(meta.id, /^image\/[a-z]+(?:-[a-z]+)*$/);
    assert.ok(meta.description.length > 10 && !meta.description.endsWith('.'), meta.id);
    assert.ok(isSeverity(meta.severity), meta.id);
    assert.ok(meta.rationale.length > 40, meta.id);
    assert.ok(meta.differences && meta.differences.length > 20, `${meta.id} must say how it differs from dive/Trivy/dockle`);
    assert.equal(typeof create, 'function');
    assert.ok(files.has(`${meta.id.slice(6)}.test.ts`), `${meta.id} has no test file`);
  }
});
