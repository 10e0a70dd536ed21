import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { conformanceDir } from './conformance-dir.js';
import { runOsvSuites } from './osv.js';

test('OSV samples and the API gold cases on them agree exactly', async (t) => {
  if (!existsSync(join(conformanceDir(), 'osv-samples'))) {
    if (process.env.CI === 'true') assert.fail(`conformance material missing at ${conformanceDir()}`);
    t.skip('conformance material missing');
    return;
  }
  const suites = await runOsvSuites();
  const byName = new Map(suites.map((s) => [s.suite, s]));
  assert.equal(byName.get('OSV samples: CVSS base scores equal the calculators')?.total, 2);
  const gold = byName.get('OSV API gold: cases on the sample records agree exactly')!;
  assert.equal(gold.details?.['gold cases'], 503);
  assert.ok(gold.total >= 6, `${gold.total} gold cases ran`);
  assert.ok(byName.get('OSV samples: each record matches its own versions and ranges')!.total >= 15);
  for (const suite of suites.filter((s) => s.bar === 1)) {
    assert.deepEqual(suite.failures, [], suite.suite);
    assert.equal(suite.passed, suite.total, suite.suite);
  }
});
