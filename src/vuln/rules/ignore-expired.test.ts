import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules, type Domain } from '../../core/engine.js';
import { ignoreExpired } from './ignore-expired.js';
import type { ScanDomain } from './types.js';

const domain: Domain<ScanDomain> = { place: (problem) => ({ location: problem.location }), traverse() {} };

test('each expired entry that still names a found vulnerability, with its package when it has one', () => {
  const findings = runRules(
    domain,
    {
      today: '2026-12-07',
      warnUntil: '2027-03-07',
      runtimes: [],
      expired: [
        { id: 'CVE-2023-45853', expires: '2020-01-01', location: { image: 'app:1' } },
        { id: 'CVE-2024-53427', package: 'jq', expires: '2026-12-01', location: { image: 'app:1' } },
      ],
    },
    { rules: [ignoreExpired] },
  );
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.message]),
    [
      ['scan/ignore-expired', 'info', '.shipshape-ignore.yaml entry CVE-2023-45853 expired on 2020-01-01: it no longer applies'],
      ['scan/ignore-expired', 'info', '.shipshape-ignore.yaml entry CVE-2024-53427 (jq) expired on 2026-12-01: it no longer applies'],
    ],
  );
});
