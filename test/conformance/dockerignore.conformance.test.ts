import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { conformanceDir } from './conformance-dir.js';
import { runConformance, runDockerignoreSuites } from './dockerignore.conformance.js';

test('.dockerignore handling agrees with Docker on every upstream case', (t) => {
  const dir = conformanceDir();
  if (!existsSync(join(dir, 'dockerignore'))) {
    if (process.env.CI === 'true') assert.fail(`conformance material missing at ${dir}`);
    t.skip(`conformance material missing at ${dir}`);
    return;
  }
  const sections = runConformance(dir);
  const byName = new Map(sections.map((s) => [s.name, s]));
  assert.equal(byName.get('patternmatcher match cases')?.total, 138);
  assert.equal(byName.get('BuildKit build-context scenarios (checks)')?.total, 13);
  for (const s of sections) {
    assert.deepEqual(s.failures, [], `${s.name}: ${s.failures.join('; ')}`);
    assert.ok(s.total > 0, `${s.name} ran no cases`);
  }
});

test('the suites report in the shape the conformance gate reads', (t) => {
  if (!existsSync(join(conformanceDir(), 'dockerignore'))) {
    if (process.env.CI === 'true') assert.fail('conformance material missing');
    t.skip('conformance material missing');
    return;
  }
  for (const suite of runDockerignoreSuites()) {
    assert.equal(suite.bar, 1);
    assert.equal(suite.passed, suite.total, suite.suite);
  }
});
