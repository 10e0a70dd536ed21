import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fix, lint } from './lint.js';

const unused = (text: string, settings = {}) =>
  lint(text, { settings }).findings.filter((f) => f.ruleId === 'suppressions/unused');

test('a used suppression hides its finding on the next instruction only, in either form', () => {
  const text = 'FROM alpine:3.20\n# hadolint ignore=DL4000\nMAINTAINER a\n# shipshape ignore=dockerfile/no-maintainer -- reason\nMAINTAINER b\nMAINTAINER c\n';
  const maintainers = lint(text).findings.filter((f) => f.ruleId === 'dockerfile/no-maintainer');
  assert.deepEqual(maintainers.map((f) => ('line' in f.location ? f.location.line : 0)), [6]);
  assert.deepEqual(unused(text), []);
});

test('global ignore covers the whole file', () => {
  const text = '# hadolint global ignore=DL4000\nFROM alpine:3.20\nMAINTAINER a\nMAINTAINER b\n';
  assert.equal(lint(text).findings.filter((f) => f.ruleId === 'dockerfile/no-maintainer').length, 0);
});

test('an unused shipshape suppression is removed by fix; a hadolint pragma is never reported, hadolint still reads it', () => {
  const text = 'FROM alpine:3.20\n# shipshape ignore=dockerfile/no-maintainer\n# hadolint ignore=DL4000\nUSER 65532\n';
  assert.deepEqual(unused(text).map((f) => [f.fix?.kind, f.location]), [['safe', { file: 'Dockerfile', line: 2, column: 1, endLine: 2, endColumn: 44 }]]);
  assert.equal(fix(text).text, 'FROM alpine:3.20\n# hadolint ignore=DL4000\nUSER 65532\n');
  assert.equal(fix(text, { unsafe: true }).text, 'FROM alpine:3.20\n# hadolint ignore=DL4000\nUSER 65532\n');
  assert.deepEqual(unused('# hadolint global ignore=DL4000\nFROM alpine:3.20\nUSER 65532\n'), []);
});

test('only the unused codes of a list are removed', () => {
  const text = 'FROM alpine:3.20\n# shipshape ignore=dockerfile/no-maintainer,dockerfile/use-json-cmd\nMAINTAINER a\n';
  assert.equal(fix(text).text.split('\n')[1], '# shipshape ignore=dockerfile/no-maintainer');
});

test('a suppression of a rule turned off in config is idle, not unused', () => {
  const text = 'FROM alpine:3.20\n# shipshape ignore=dockerfile/no-maintainer,SC2086\nUSER 65532\n';
  assert.deepEqual(unused(text, { 'dockerfile/no-maintainer': { severity: 'off' } }), []);
  assert.deepEqual(unused(text).map((f) => f.message), [
    'unused suppression: no dockerfile/no-maintainer finding on the next instruction (dockerfile/no-maintainer)',
  ]);
});
