import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { contextRules } from './index.js';

test('every rule file is registered, with an id that matches its file name', () => {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'support.ts')
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  assert.deepEqual(contextRules.map((r) => r.meta.id.replace('context/', '')).sort(), files);
});

