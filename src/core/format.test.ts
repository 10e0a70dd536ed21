import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytesBinary, formatBytesSI, plural } from './format.js';

test('bytes in SI units with three significant digits', () => {
  assert.equal(formatBytesSI(0), '0 B');
  assert.equal(formatBytesSI(999), '999 B');
  assert.equal(formatBytesSI(1000), '1.00 kB');
  assert.equal(formatBytesSI(41_250_000), '41.3 MB');
  assert.equal(formatBytesSI(123_456_789), '123 MB');
  assert.equal(formatBytesSI(1_070_000_000), '1.07 GB');
});

test('bytes in exact binary units, as limits are stated', () => {
  assert.equal(formatBytesBinary(100), '100 bytes');
  assert.equal(formatBytesBinary(512 * 1024), '512 KiB');
  assert.equal(formatBytesBinary(4 * 1024 * 1024), '4 MiB');
  assert.equal(formatBytesBinary(1536), '1.5 KiB');
});

test('plural', () => {
  assert.equal(plural(1, 'error'), '1 error');
  assert.equal(plural(2, 'error'), '2 errors');
  assert.equal(plural(0, 'info', 'info'), '0 info');
});
