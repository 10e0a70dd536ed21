import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILDKIT_CHECKS, readBuildkitLintCases, runBuildkitLintCases } from './buildkit-lint.js';

test('the BuildKit lint cases are data of the expected shape, with their source', () => {
  const data = readBuildkitLintCases();
  assert.equal(data.source.license, 'Apache-2.0');
  assert.match(data.source.commit, /^[0-9a-f]{40}$/);
  assert.ok(data.cases.length >= 80, `${data.cases.length} cases`);
  const names = new Set(data.cases.map((lintCase) => lintCase.name));
  assert.equal(names.size, data.cases.length, 'case names are unique');
  for (const lintCase of data.cases) {
    assert.equal(typeof lintCase.dockerfile, 'string');
    for (const warning of lintCase.warnings) {
      assert.ok((BUILDKIT_CHECKS as readonly string[]).includes(warning.ruleName), `${lintCase.name}: ${warning.ruleName}`);
      assert.ok(Number.isInteger(warning.line) && warning.line > 0, `${lintCase.name}: line ${warning.line}`);
      assert.match(warning.url, /^https:\/\/docs\.docker\.com\/go\/dockerfile\/rule\//);
    }
  }
  const maintainer = data.cases.find((lintCase) => lintCase.name === 'testMaintainerDeprecated#1');
  assert.deepEqual(maintainer?.warnings.map((warning) => [warning.ruleName, warning.line]), [['MaintainerDeprecated', 3]]);
});

test('the runner counts, per BuildKit check, the cases whose lines shipshape reports', () => {
  const rows = runBuildkitLintCases();
  assert.deepEqual(rows.map((row) => row.check), [...BUILDKIT_CHECKS]);
  const maintainer = rows.find((row) => row.check === 'MaintainerDeprecated')!;
  // dockerfile/no-maintainer is BuildKit's MaintainerDeprecated: most of its cases agree today.
  assert.ok(maintainer.agreed >= 5 && maintainer.cases >= maintainer.agreed, JSON.stringify(maintainer));
  const fromAsCasing = rows.find((row) => row.check === 'FromAsCasing')!;
  // No shipshape rule checks the casing of `as` yet: every case that expects it disagrees.
  assert.equal(fromAsCasing.agreed, 0);
  assert.ok(fromAsCasing.disagreements.every((line) => /BuildKit \d/.test(line)));
  for (const row of rows) assert.equal(row.cases - row.agreed, row.disagreements.length);
});
