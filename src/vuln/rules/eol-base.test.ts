import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules, type Domain } from '../../core/engine.js';
import { eolBase } from './eol-base.js';
import type { ScanDomain, ScanFacts } from './types.js';

const domain: Domain<ScanDomain> = { place: (problem) => ({ location: problem.location }), traverse() {} };
const facts = (eol: string | boolean | undefined): ScanFacts => ({
  today: '2026-12-07',
  warnUntil: '2027-03-07',
  runtimes: [],
  expired: [],
  base: { what: 'Debian GNU/Linux 11 (bullseye)', ...(eol !== undefined ? { eol } : {}), location: { image: 'app:1' } },
});
const run = (eol: string | boolean | undefined, settings = {}) => runRules(domain, facts(eol), { rules: [eolBase], settings }).map((f) => [f.severity, f.message]);

test('past its end: a warning with the date; ended without a date; within 90 days: info; later or unknown: nothing', () => {
  assert.deepEqual(run('2026-08-31'), [['warning', 'Debian GNU/Linux 11 (bullseye) reached its end of life on 2026-08-31: no more security updates']]);
  assert.deepEqual(run('2026-12-07'), [['warning', 'Debian GNU/Linux 11 (bullseye) reached its end of life on 2026-12-07: no more security updates']]);
  assert.deepEqual(run(true), [['warning', 'Debian GNU/Linux 11 (bullseye) has reached its end of life: no more security updates']]);
  assert.deepEqual(run('2027-01-15'), [['info', 'Debian GNU/Linux 11 (bullseye) reaches its end of life on 2027-01-15, within 90 days']]);
  assert.deepEqual(run('2027-06-30'), []);
  assert.deepEqual(run(false), []);
  assert.deepEqual(run(undefined), []);
});

test('config turns it off or changes its severity, as for any rule', () => {
  assert.deepEqual(run('2026-08-31', { 'image/eol-base': { severity: 'off' } }), []);
  assert.deepEqual(run('2026-08-31', { 'image/eol-base': { severity: 'error' } }).map(([severity]) => severity), ['error']);
});
