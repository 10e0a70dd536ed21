import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Fix } from './finding.js';
import { applyFixes } from './fix.js';

const fix = (description: string, ...edits: [number, number, string][]): Fix => ({
  kind: 'safe',
  description,
  edits: edits.map(([start, end, text]) => ({ range: [start, end], text })),
});

test('edits apply left to right whatever order they come in', () => {
  const result = applyFixes('abcdef', [fix('late', [4, 5, 'E']), fix('early', [0, 1, 'A'])]);
  assert.equal(result.text, 'AbcdEf');
  assert.equal(result.applied.length, 2);
});

test('a fix overlapping one already taken is skipped whole, including its other edits', () => {
  const first = fix('first', [1, 3, 'X']);
  const second = fix('second', [0, 1, 'Y'], [2, 4, 'Z']);
  const result = applyFixes('abcdef', [first, second]);
  assert.equal(result.text, 'aXdef');
  assert.deepEqual(result.skipped, [second]);
});

test('fixes that meet at one offset do not compose in one pass: the later one waits', () => {
  const result = applyFixes('ab', [fix('one', [1, 1, '1']), fix('two', [1, 1, '2']), fix('three', [1, 2, 'B'])]);
  assert.equal(result.text, 'a1b');
  assert.deepEqual(result.skipped.map((f) => f.description), ['two', 'three']);
});

test("a fix's own edits may touch; out-of-range edits are refused", () => {
  assert.equal(applyFixes('abc', [fix('own', [0, 1, 'A'], [1, 2, 'B'])]).text, 'ABc');
  const result = applyFixes('ab', [fix('bad', [1, 9, 'x'])]);
  assert.equal(result.text, 'ab');
  assert.equal(result.skipped.length, 1);
});
