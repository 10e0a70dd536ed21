import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ANALYZERS } from './index.js';

test('every analyzer folder is registered, once, under its folder name', () => {
  const folders = readdirSync(fileURLToPath(new URL('.', import.meta.url)), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  assert.deepEqual(ANALYZERS.map((a) => a.name).sort(), folders);
});

test('every analyzer satisfies the interface', () => {
  const file = { path: 'etc/x', kind: 'file' as const, size: 1, mode: 0o644, uid: 0, gid: 0 };
  for (const analyzer of ANALYZERS) {
    assert.match(analyzer.name, /^[a-z0-9-]+$/, analyzer.name);
    assert.ok(Number.isInteger(analyzer.version) && analyzer.version >= 1, analyzer.name);
    assert.ok(analyzer.description.length > 10, analyzer.name);
    assert.equal(typeof analyzer.wants('etc/x', file), 'boolean', analyzer.name);
    if ('scan' in analyzer) {
      assert.equal(typeof analyzer.scan, 'function', analyzer.name);
      assert.ok(!('analyze' in analyzer), `${analyzer.name} both scans and analyzes`);
    } else {
      assert.ok(Number.isInteger(analyzer.maxFileBytes) && analyzer.maxFileBytes >= 0, analyzer.name);
      assert.equal(typeof analyzer.analyze, 'function', analyzer.name);
    }
  }
});
