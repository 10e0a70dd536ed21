import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes, plural } from './format.js';

test('bytes in SI units with three significant digits', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(999), '999 B');
  assert.equal(formatBytes(1000), '1.00 kB');
  assert.equal(formatBytes(41_250_000), '41.3 MB');
  assert.equal(formatBytes(123_456_789), '123 MB');
  assert.equal(formatBytes(1_070_000_000), '1.07 GB');
});

test('plural', () => {
  assert.equal(plural(1, 'error'), '1 error');
  assert.equal(plural(2, 'error'), '2 errors');
  assert.equal(plural(0, 'info', 'info'), '0 info');
});
