import assert from 'node:assert/strict';
import { test } from 'node:test';
import semver from 'semver';
import { matchPackage, rangeAffects, recordSeverity, type CompareVersions, type OsvSource } from './match.js';
import { normalizePackageName, osvEcosystemOf, type OsvRange, type OsvRecord } from './osv.js';

// npm's order is SemVer's: the real comparator, so these tests need nothing that is still being written.
const compare: CompareVersions = (_ecosystem, a, b) => semver.compare(a, b);
const order = (a: string, b: string): number => semver.compare(a, b);

function range(...events: OsvRange['events']): OsvRange {
  return { type: 'ECOSYSTEM', events };
}

function source(records: OsvRecord[]): OsvSource {
  return { records: () => records };
}

function record(id: string, fields: Partial<OsvRecord> & { ranges?: OsvRange[]; versions?: string[] } = {}): OsvRecord {
  const { ranges, versions, ...rest } = fields;
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'npm', name: 'pkg' }, ...(ranges ? { ranges } : {}), ...(versions ? { versions } : {}) }],
    ...rest,
  };
}

const q = (version: string) => ({ ecosystem: 'npm', name: 'pkg', version });

test('introduced/fixed: affected from introduced up to, not including, fixed', () => {
  const r = range({ introduced: '1.0.0' }, { fixed: '1.2.6' });
  assert.equal(rangeAffects(r, '0.9.9', order), undefined);
  assert.deepEqual(rangeAffects(r, '1.0.0', order), { fixed: '1.2.6' });
  assert.deepEqual(rangeAffects(r, '1.2.5', order), { fixed: '1.2.6' });
  assert.equal(rangeAffects(r, '1.2.6', order), undefined);
  assert.equal(rangeAffects(r, '2.0.0', order), undefined);
});

test('introduced "0" is before every version; no fixed means every later version', () => {
  assert.deepEqual(rangeAffects(range({ introduced: '0' }), '0.0.1', order), {});
  assert.deepEqual(rangeAffects(range({ introduced: '0' }, { fixed: '2.0.0' }), '0.0.0', order), { fixed: '2.0.0' });
});

test('last_affected includes its own version and nothing after', () => {
  const r = range({ introduced: '1.0.0' }, { last_affected: '1.4.0' });
  assert.deepEqual(rangeAffects(r, '1.4.0', order), {});
  assert.equal(rangeAffects(r, '1.4.1', order), undefined);
});

test('limit bounds the range; "*" is no bound', () => {
  const r = range({ introduced: '1.0.0' }, { limit: '2.0.0' });
  assert.deepEqual(rangeAffects(r, '1.9.9', order), {});
  assert.equal(rangeAffects(r, '2.0.0', order), undefined);
  assert.deepEqual(rangeAffects(range({ introduced: '1.0.0' }, { limit: '*' }), '9.0.0', order), {});
});

test('several intervals in one range, in any order of events', () => {
  const r = range({ fixed: '2.3.0' }, { introduced: '2.0.0' }, { introduced: '0' }, { fixed: '1.5.0' });
  assert.deepEqual(rangeAffects(r, '1.0.0', order), { fixed: '1.5.0' });
  assert.equal(rangeAffects(r, '1.7.0', order), undefined);
  assert.deepEqual(rangeAffects(r, '2.1.0', order), { fixed: '2.3.0' });
  assert.equal(rangeAffects(r, '2.3.0', order), undefined);
});

test('versions[] alone makes a match, and its fixes above the version are reported', () => {
  const listed = record('L-1', { versions: ['1.0.0', '1.0.1'], ranges: [{ type: 'GIT', repo: 'https://x', events: [{ introduced: '0' }, { fixed: 'abc' }] }] });
  assert.equal(matchPackage(source([listed]), q('1.0.1'), compare).length, 1);
  assert.equal(matchPackage(source([listed]), q('1.0.2'), compare).length, 0, 'GIT ranges are not evaluated');
  const both = record('L-2', { versions: ['3.0.0-weird'], ranges: [range({ introduced: '5.0.0' }, { fixed: '5.1.0' })] });
  assert.deepEqual(matchPackage(source([both]), q('3.0.0-weird'), compare)[0]?.fixed, ['5.1.0']);
});

test('SEMVER ranges use SemVer order whatever the ecosystem comparator says', () => {
  const r = record('S-1', { ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.10.0' }] }] });
  const lexical: CompareVersions = (_e, a, b) => (a < b ? -1 : a > b ? 1 : 0);
  assert.equal(matchPackage(source([r]), q('1.9.0'), lexical).length, 1);
  assert.equal(matchPackage(source([r]), q('1.10.1'), lexical).length, 0);
});

test('a version the comparator cannot read matches no range and breaks nothing', () => {
  const r = record('B-1', { ranges: [range({ introduced: '0' }, { fixed: '1.0.0' })] });
  assert.deepEqual(matchPackage(source([r]), q('not a version'), compare), []);
});

test('withdrawn records never match', () => {
  const r = record('W-1', { withdrawn: '2024-02-01T00:00:00Z', ranges: [range({ introduced: '0' })] });
  assert.deepEqual(matchPackage(source([r]), q('1.0.0'), compare), []);
});

test('only affected entries of the asked ecosystem and name count: Debian:11 is not Debian:12', () => {
  const r: OsvRecord = {
    id: 'DSA-1',
    modified: '2024-01-01T00:00:00Z',
    affected: [
      { package: { ecosystem: 'Debian:11', name: 'openssl' }, ranges: [range({ introduced: '0' }, { fixed: '3.0.0' })] },
      { package: { ecosystem: 'Debian:12', name: 'openssl' }, ranges: [range({ introduced: '0' }, { fixed: '3.0.5' })] },
      { package: { ecosystem: 'Debian:12', name: 'other' }, ranges: [range({ introduced: '0' })] },
    ],
  };
  const found = matchPackage(source([r]), { ecosystem: 'Debian:12', name: 'openssl', version: '3.0.1' }, compare);
  assert.deepEqual(found.map((f) => f.fixed), [['3.0.5']]);
  assert.deepEqual(matchPackage(source([r]), { ecosystem: 'Debian:11', name: 'openssl', version: '3.0.1' }, compare), []);
});

test('records that alias each other make one finding named by their CVE, with every id, alias and fix', () => {
  const ghsa = record('GHSA-aaaa-bbbb-cccc', {
    aliases: ['CVE-2024-0001'],
    ranges: [range({ introduced: '0' }, { fixed: '1.2.0' })],
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  });
  const other = record('OTHER-1', { aliases: ['CVE-2024-0001', 'GHSA-aaaa-bbbb-cccc'], ranges: [range({ introduced: '0' }, { fixed: '1.1.5' })] });
  const unrelated = record('GHSA-zzzz-zzzz-zzzz', { ranges: [range({ introduced: '0' })], database_specific: { severity: 'LOW' } });
  const findings = matchPackage(source([other, unrelated, ghsa]), q('1.0.0'), compare);
  assert.equal(findings.length, 2);
  const [merged, single] = findings;
  assert.equal(merged!.id, 'CVE-2024-0001');
  assert.deepEqual(merged!.ids, ['GHSA-aaaa-bbbb-cccc', 'OTHER-1']);
  assert.deepEqual(merged!.aliases, ['CVE-2024-0001']);
  assert.deepEqual(merged!.fixed.sort(), ['1.1.5', '1.2.0']);
  assert.deepEqual(merged!.severity, { level: 'critical', score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', source: 'CVSS_V3' });
  assert.equal(single!.id, 'GHSA-zzzz-zzzz-zzzz');
  assert.deepEqual(single!.fixed, []);
  assert.deepEqual(single!.severity, { level: 'low', source: 'database_specific.severity' });
});

test('a group with two CVEs is named by its first record id', () => {
  const dsa = record('DSA-9-1', { aliases: ['CVE-2020-2', 'CVE-2020-1'], ranges: [range({ introduced: '0' })] });
  assert.equal(matchPackage(source([dsa]), q('1.0.0'), compare)[0]!.id, 'DSA-9-1');
});

test('severity: v4 before v3, the affected entry before the record, then rating words', () => {
  const v3 = { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' };
  const v4 = { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' };
  const base: OsvRecord = { id: 'X', modified: '' };
  assert.equal(recordSeverity({ ...base, severity: [v3, v4] }).source, 'CVSS_V4');
  assert.equal(recordSeverity({ ...base, severity: [v3] }).score, 7.5);
  assert.equal(recordSeverity({ ...base, severity: [{ type: 'CVSS_V3', score: 'garbage' }, v3] }).score, 7.5);
  assert.equal(recordSeverity({ ...base, severity: [v4] }, { severity: [v3] }).source, 'CVSS_V4', 'a CVSS_V3 on the entry still loses to v4 on the record');
  const entryV3 = { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N' };
  assert.equal(recordSeverity({ ...base, severity: [v3] }, { severity: [entryV3] }).score, 5.9, 'the entry before the record');
  assert.deepEqual(recordSeverity({ ...base, severity: [{ type: 'Ubuntu', score: 'medium' }] }), { level: 'medium', source: 'Ubuntu' });
  assert.deepEqual(recordSeverity(base, { ecosystem_specific: { urgency: 'unimportant' } }), { level: 'low', source: 'affected.ecosystem_specific.urgency' });
  assert.deepEqual(recordSeverity({ ...base, database_specific: { severity: 'MODERATE' } }), { level: 'medium', source: 'database_specific.severity' });
  assert.deepEqual(recordSeverity({ ...base, database_specific: { severity: 'toString' } }), { level: 'unknown' });
});

test('PyPI names compare in PEP 503 form; other ecosystems as written', () => {
  assert.equal(normalizePackageName('PyPI', 'Zope.Interface__x'), 'zope-interface-x');
  assert.equal(normalizePackageName('npm', 'Foo'), 'Foo');
});

test('the OSV ecosystem of an OS release', () => {
  assert.equal(osvEcosystemOf({ id: 'debian', versionId: '12' }), 'Debian:12');
  assert.equal(osvEcosystemOf({ id: 'debian', release: '12.5' }), 'Debian:12');
  assert.equal(osvEcosystemOf({ id: 'alpine', versionId: '3.20.3' }), 'Alpine:v3.20');
  assert.equal(osvEcosystemOf({ id: 'ubuntu', versionId: '22.04' }), 'Ubuntu:22.04:LTS');
  assert.equal(osvEcosystemOf({ id: 'ubuntu', versionId: '23.04' }), 'Ubuntu:23.04');
  assert.equal(osvEcosystemOf({ id: 'ubuntu', versionId: '24.10' }), 'Ubuntu:24.10');
  assert.equal(osvEcosystemOf({ id: 'debian' }), undefined);
  assert.equal(osvEcosystemOf({ id: 'debian', versionId: 'trixie/sid' }), undefined);
  assert.equal(osvEcosystemOf({ id: 'fedora', versionId: '40' }), undefined);
  assert.equal(osvEcosystemOf({ id: 'ubuntu', versionId: 'x' }), undefined);
  assert.equal(osvEcosystemOf({ id: 'alpine', versionId: 'edge' }), undefined);
});
