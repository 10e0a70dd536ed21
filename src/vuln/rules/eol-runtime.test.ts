import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules, type Domain } from '../../core/engine.js';
import { eolRuntime } from './eol-runtime.js';
import type { ScanDomain } from './types.js';

const domain: Domain<ScanDomain> = { place: (problem) => ({ location: problem.location }), traverse() {} };

test('each runtime past or near its end, at the file and layer it was read from', () => {
  const findings = runRules(
    domain,
    {
      today: '2026-12-07',
      warnUntil: '2027-03-07',
      expired: [],
      runtimes: [
        { what: 'nodejs 18.19.0', eol: '2025-04-30', location: { image: 'app:1', layerIndex: 7, path: '/usr/local/include/node/node_version.h' } },
        { what: 'python 3.12.1', eol: '2028-10-31', location: { image: 'app:1', layerIndex: 5, path: '/usr/local/bin/python3.12' } },
        { what: 'php 8.2.0', eol: '2026-12-31', location: { image: 'app:1', variable: 'PHP_VERSION' } },
      ],
    },
    { rules: [eolRuntime] },
  );
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.message, f.location]),
    [
      ['image/eol-runtime', 'warning', 'nodejs 18.19.0 reached its end of life on 2025-04-30: no more security updates', { image: 'app:1', layerIndex: 7, path: '/usr/local/include/node/node_version.h' }],
      ['image/eol-runtime', 'info', 'php 8.2.0 reaches its end of life on 2026-12-31, within 90 days', { image: 'app:1', variable: 'PHP_VERSION' }],
    ],
  );
});
