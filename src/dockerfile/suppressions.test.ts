import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fix, lint } from './lint.js';
import { parseDockerfile } from './parse/index.js';
import { parseSuppressions } from './suppressions.js';

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

test("a stage ignore covers the rest of its stage, as hadolint's `# hadolint stage ignore=` does", () => {
  const text = [
    'FROM alpine:3.20 AS build',
    'MAINTAINER a',
    '# hadolint stage ignore=DL4000',
    'MAINTAINER b',
    'RUN true',
    'MAINTAINER c',
    'FROM alpine:3.20',
    'MAINTAINER d',
    'USER 65532',
    '',
  ].join('\n');
  const lines = lint(text).findings.filter((f) => f.ruleId === 'dockerfile/no-maintainer').map((f) => ('line' in f.location ? f.location.line : 0));
  assert.deepEqual(lines, [2, 8]);
  const idle = 'FROM alpine:3.20\n# shipshape stage ignore=dockerfile/no-maintainer\nUSER 65532\nFROM alpine:3.20\nMAINTAINER x\n';
  assert.deepEqual(unused(idle).map((f) => f.message), ['unused suppression: no dockerfile/no-maintainer finding in the rest of this stage (dockerfile/no-maintainer)']);
});

test('hadolint pragmas in their written forms: spaces around = and commas, a trailing comment', () => {
  const dockerfile = parseDockerfile('# hadolint global ignore = DL3023 , DL3021\nFROM alpine:3.20\n# hadolint ignore=DL3002 # why\nUSER root\n');
  const suppressions = parseSuppressions(dockerfile, (code) => code);
  assert.deepEqual(suppressions.map((s) => [s.global, s.codes.map((c) => c.code)]), [[true, ['DL3023', 'DL3021']], [false, ['DL3002']]]);
  assert.deepEqual(suppressions[1]!.lines, { start: 4, end: 4 });
});

test('with disable-ignore-pragma no comment suppresses anything', () => {
  const dockerfile = parseDockerfile('# hadolint global ignore=DL4000\nFROM alpine:3.20\n# shipshape ignore=dockerfile/no-maintainer\nMAINTAINER a\n');
  assert.equal(parseSuppressions(dockerfile, (code) => code).length, 2);
  assert.deepEqual(parseSuppressions(dockerfile, (code) => code, { disabled: true }), []);
});
