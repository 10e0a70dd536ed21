import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isFailOn, meetsThreshold, severityRank } from './severity.js';

test('severities order error > warning > info', () => {
  assert.ok(severityRank('error') > severityRank('warning'));
  assert.ok(severityRank('warning') > severityRank('info'));
});

test('a finding meets the --fail-on threshold at or above it, never with none', () => {
  assert.equal(meetsThreshold('warning', 'error'), false);
  assert.equal(meetsThreshold('error', 'warning'), true);
  assert.equal(meetsThreshold('warning', 'warning'), true);
  assert.equal(meetsThreshold('error', 'none'), false);
  assert.equal(isFailOn('none'), true);
  assert.equal(isFailOn('fatal'), false);
});
