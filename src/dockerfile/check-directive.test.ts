import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allRuleMetas } from '../rules.js';
import { BUILDKIT_CHECKS, isBuildkitCheckName } from './knowledge/buildkit-checks.js';
import { lint } from './lint.js';
import { parseBuildCheckDirective } from './parse/check-directive.js';
import { parseDockerfile } from './parse/index.js';

const MAINTAINED = 'FROM alpine:3.20\nMAINTAINER someone@example.com\nWORKDIR app\nRUN echo ok\n';

const severities = (text: string) =>
  lint(text)
    .findings.filter((finding) => finding.ruleId === 'dockerfile/no-maintainer' || finding.ruleId === 'dockerfile/use-absolute-workdir' || finding.ruleId === 'dockerfile/no-latest-tag' || finding.ruleId === 'dockerfile/valid-syntax')
    .map((finding) => `${finding.ruleId} ${finding.severity}`)
    .sort();

test('the check directive is read as BuildKit reads it', () => {
  assert.deepEqual(parseBuildCheckDirective(' skip = JSONArgsRecommended, MaintainerDeprecated ;error=true'), {
    skipAll: false,
    skip: ['JSONArgsRecommended', 'MaintainerDeprecated'],
    experimentalAll: false,
    experimental: [],
    error: true,
  });
  assert.equal((parseBuildCheckDirective('skip=all') as { skipAll: boolean }).skipAll, true);
  assert.equal((parseBuildCheckDirective('error=T') as { error: boolean }).error, true, "Go's ParseBool takes T");
  assert.equal((parseBuildCheckDirective('error=0') as { error: boolean }).error, false);
  assert.deepEqual(parseBuildCheckDirective('error=yes'), { error: 'check option "error=yes": error= takes true or false' });
  assert.deepEqual(parseBuildCheckDirective('skip'), { error: 'invalid check option "skip"' });
  assert.deepEqual(parseBuildCheckDirective('ignore=all'), { error: 'invalid check option "ignore"' });
  assert.deepEqual((parseBuildCheckDirective('') as { skip: string[] }).skip, []);
});

test('a directive BuildKit refuses is a syntax error at the directive', () => {
  const dockerfile = parseDockerfile('# check=skip\nFROM alpine:3.20\n');
  assert.deepEqual(dockerfile.problems.map((problem) => [problem.message, problem.line, problem.level]), [['invalid check option "skip"', 1, 'error']]);
  assert.deepEqual(severities('# check=skip\nFROM alpine:3.20\n'), ['dockerfile/valid-syntax error']);
});

test('skip= turns off the rules doing the named BuildKit checks, and only those', () => {
  assert.deepEqual(severities(MAINTAINED), ['dockerfile/no-maintainer info', 'dockerfile/use-absolute-workdir warning']);
  assert.deepEqual(severities(`# check=skip=MaintainerDeprecated\n${MAINTAINED}`), ['dockerfile/use-absolute-workdir warning']);
  assert.deepEqual(severities(`# check=skip=all\n${MAINTAINED}`), []);
  // A rule that is no BuildKit check is not the directive's business.
  assert.deepEqual(severities('# check=skip=all\nFROM alpine:latest\n'), ['dockerfile/no-latest-tag warning']);
});

test('error=true makes the findings of BuildKit checks errors, as the build would fail on them', () => {
  assert.deepEqual(severities(`# check=error=true\n${MAINTAINED}`), ['dockerfile/no-maintainer error', 'dockerfile/use-absolute-workdir error']);
  assert.deepEqual(severities(`# check=skip=WorkdirRelativePath;error=true\n${MAINTAINED}`), ['dockerfile/no-maintainer error']);
  assert.deepEqual(severities('# check=error=true\nFROM alpine:latest\n'), ['dockerfile/no-latest-tag warning']);
});

test('every alias written like a BuildKit check name is one, and no two rules claim the same check', () => {
  const claimed = new Map<string, string>();
  for (const meta of allRuleMetas()) {
    for (const alias of meta.aliases ?? []) {
      if (!/^[A-Z][a-z]+[A-Z][A-Za-z]*$/.test(alias) && !isBuildkitCheckName(alias)) continue;
      assert.ok(isBuildkitCheckName(alias), `${meta.id}: ${alias} is no BuildKit check`);
      assert.equal(claimed.get(alias), undefined, `${alias} is claimed by ${claimed.get(alias)} and ${meta.id}`);
      claimed.set(alias, meta.id);
    }
  }
  assert.ok(claimed.size >= 6, `only ${claimed.size} of ${BUILDKIT_CHECKS.length} BuildKit checks have a rule`);
});
