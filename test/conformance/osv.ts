// OSV matching against OSV's own data: the sample records in ../shared/conformance/osv-samples and the answers
// api.osv.dev gave to recorded querybatch calls (osv-api-querybatch-gold.json).
//
// The gold set names ~1,000 distinct vulnerability ids, but the samples hold only 9 records. So:
//  - every gold case whose package has a sample record must agree exactly on that record: listed by the API
//    (its id, as querybatch returns record ids, not merged groups) if and only if we match it;
//  - with SHIPSHAPE_OSV_DB pointing at a database holding the ecosystems' exports (`shipshape db import
//    Debian-all.zip ...`), every gold case is compared id for id. The exports are newer than the recording, so
//    that suite is informative: records added, withdrawn or re-ranged since then show as differences.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import * as pep440 from '@renovatebot/pep440';
import { cvssScore } from '../../src/vuln/cvss.js';
import { VulnDb } from '../../src/vuln/db.js';
import { matchingRecords, recordSeverity, type CompareVersions } from '../../src/vuln/match.js';
import { baseEcosystem, type OsvRecord } from '../../src/vuln/osv.js';
import { conformanceDir, type SuiteResult } from './conformance-dir.js';

interface GoldCase {
  ecosystem: string;
  name: string;
  version: string;
  vulnIds: string[];
}

/** Base scores of the vectors in the samples, as the FIRST and NVD calculators give them. */
const CALCULATOR_SCORES: Record<string, number> = {
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H': 9.8,
  'CVSS:3.1/AV:A/AC:H/PR:H/UI:N/S:U/C:H/I:N/A:N': 4.2,
};

type Comparators = Partial<Record<string, CompareVersions>>;

/**
 * Version order per ecosystem: npm is SemVer and PyPI is PEP 440 (the packages the project depends on); the
 * distributions' orders come from the versioning module once it is in the tree, and their cases wait until then.
 */
async function comparators(): Promise<{ compare: Comparators; distributions: boolean }> {
  const compare: Comparators = {
    npm: (_e, a, b) => semver.compare(a, b),
    PyPI: (_e, a, b) => Math.sign(pep440.compare(a, b)) as -1 | 0 | 1,
  };
  // A computed specifier: the module is being written beside this one and may not exist yet.
  const specifier = ['..', '..', 'src', 'vuln', 'versioning', 'index.js'].join('/');
  try {
    const versioning = (await import(specifier)) as { compareVersions: CompareVersions };
    for (const ecosystem of ['Debian', 'Ubuntu', 'Alpine']) compare[ecosystem] = versioning.compareVersions;
    return { compare, distributions: true };
  } catch {
    return { compare, distributions: false };
  }
}

function compareFor(compare: Comparators, ecosystem: string): CompareVersions | undefined {
  return compare[baseEcosystem(ecosystem)];
}

function readSamples(dir: string): { records: OsvRecord[]; gold: GoldCase[] } {
  const folder = join(dir, 'osv-samples');
  const records: OsvRecord[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (name.endsWith('.json') && !name.includes('gold')) records.push(JSON.parse(readFileSync(join(folder, name), 'utf8')) as OsvRecord);
  }
  const gold = (JSON.parse(readFileSync(join(folder, 'osv-api-querybatch-gold.json'), 'utf8')) as { cases: GoldCase[] }).cases;
  return { records, gold };
}

function affects(record: OsvRecord, ecosystem: string, name: string): boolean {
  return (record.affected ?? []).some((a) => a.package?.ecosystem === ecosystem && a.package.name.toLowerCase() === name.toLowerCase());
}

function cvssSuite(records: OsvRecord[]): SuiteResult {
  const result: SuiteResult = { suite: 'OSV samples: CVSS base scores equal the calculators', passed: 0, total: 0, bar: 1, failures: [] };
  for (const record of records) {
    const vectors = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])].filter((s) => s.type.startsWith('CVSS_V3') || s.type === 'CVSS_V4');
    for (const { score: vector } of vectors) {
      result.total++;
      const expected = CALCULATOR_SCORES[vector];
      const actual = cvssScore(vector)?.score;
      if (expected !== undefined && actual === expected) result.passed++;
      else result.failures.push(`${record.id}: ${vector}: ${actual} (calculator: ${expected ?? 'not in the table'})`);
    }
  }
  return result;
}

/** What each sample record says about itself: its listed versions and range starts match, its fixes do not. */
function recordSuite(records: OsvRecord[], compare: Comparators): SuiteResult {
  const result: SuiteResult = { suite: 'OSV samples: each record matches its own versions and ranges', passed: 0, total: 0, bar: 1, failures: [], details: {} };
  let waiting = 0;
  const check = (record: OsvRecord, ecosystem: string, name: string, version: string, expected: boolean, why: string): void => {
    const order = compareFor(compare, ecosystem);
    if (!order) {
      waiting++;
      return;
    }
    result.total++;
    const matched = matchingRecords([record], { ecosystem, name, version }, order).length > 0;
    if (matched === expected) result.passed++;
    else result.failures.push(`${record.id} ${ecosystem}/${name}@${version}: ${matched ? 'matched' : 'not matched'}, expected ${expected ? 'a match' : 'none'} (${why})`);
  };
  for (const record of records) {
    const live = !record.withdrawn;
    for (const affected of record.affected ?? []) {
      const { ecosystem, name } = affected.package!;
      for (const version of affected.versions ?? []) check(record, ecosystem, name, version, live, record.withdrawn ? 'withdrawn' : 'listed in versions');
      for (const range of affected.ranges ?? []) {
        if (range.type === 'GIT') continue;
        for (const event of range.events) {
          if (event.introduced && event.introduced !== '0') check(record, ecosystem, name, event.introduced, live, 'introduced');
          if (event.fixed) check(record, ecosystem, name, event.fixed, false, 'fixed');
        }
      }
    }
  }
  result.details!['cases waiting for the distributions\u2019 version order'] = waiting;
  return result;
}

function severitySuite(records: OsvRecord[]): SuiteResult {
  // GHSA's own rating and the computed CVSS rating agree for its record.
  const result: SuiteResult = { suite: 'OSV samples: severity from vectors agrees with the database rating', passed: 0, total: 0, bar: 1, failures: [] };
  for (const record of records) {
    const rating = record.database_specific?.severity;
    if (typeof rating !== 'string' || !record.severity?.length) continue;
    result.total++;
    const computed = recordSeverity(record).level;
    if (computed === rating.toLowerCase().replace('moderate', 'medium')) result.passed++;
    else result.failures.push(`${record.id}: computed ${computed}, database says ${rating}`);
  }
  return result;
}

function goldOnSamplesSuite(records: OsvRecord[], gold: GoldCase[], compare: Comparators): SuiteResult {
  const result: SuiteResult = { suite: 'OSV API gold: cases on the sample records agree exactly', passed: 0, total: 0, bar: 1, failures: [], details: {} };
  const sampleIds = new Set(records.map((r) => r.id));
  const goldIds = new Set(gold.flatMap((c) => c.vulnIds));
  let waiting = 0;
  for (const gcase of gold) {
    const relevant = records.filter((r) => affects(r, gcase.ecosystem, gcase.name));
    if (relevant.length === 0) continue;
    const order = compareFor(compare, gcase.ecosystem);
    if (!order) {
      waiting++;
      continue;
    }
    result.total++;
    const matched = new Set(matchingRecords(relevant, gcase, order).map((hit) => hit.record.id));
    const expected = new Set(relevant.filter((r) => gcase.vulnIds.includes(r.id)).map((r) => r.id));
    const same = matched.size === expected.size && [...matched].every((id) => expected.has(id));
    if (same) result.passed++;
    else result.failures.push(`${gcase.ecosystem}/${gcase.name}@${gcase.version}: matched [${[...matched]}], the API listed [${[...expected]}]`);
  }
  result.details!['gold cases'] = gold.length;
  result.details!['gold cases with a vulnerability'] = gold.filter((c) => c.vulnIds.length > 0).length;
  result.details!['distinct gold ids'] = goldIds.size;
  result.details!['gold ids that are sample records'] = [...goldIds].filter((id) => sampleIds.has(id)).length;
  result.details!['cases waiting for the distributions\u2019 version order'] = waiting;
  return result;
}

/** Every gold case against a database of imported exports (SHIPSHAPE_OSV_DB); informative, see above. */
function goldOnDbSuite(dbDir: string, gold: GoldCase[], compare: Comparators): SuiteResult {
  const result: SuiteResult = { suite: 'OSV API gold: every case against the imported exports (informative)', passed: 0, total: 0, bar: 0, failures: [] };
  const db = new VulnDb(dbDir);
  try {
    for (const gcase of gold) {
      const order = compareFor(compare, gcase.ecosystem);
      if (!order) continue;
      result.total++;
      const matched = new Set(matchingRecords(db.records(gcase.ecosystem, gcase.name), gcase, order).map((hit) => hit.record.id));
      const missing = gcase.vulnIds.filter((id) => !matched.has(id));
      const extra = [...matched].filter((id) => !gcase.vulnIds.includes(id));
      if (missing.length === 0 && extra.length === 0) result.passed++;
      else result.failures.push(`${gcase.ecosystem}/${gcase.name}@${gcase.version}: missing [${missing}] extra [${extra}]`);
    }
  } finally {
    db.close();
  }
  return result;
}

export async function runOsvSuites(): Promise<SuiteResult[]> {
  const { records, gold } = readSamples(conformanceDir());
  const { compare } = await comparators();
  const suites = [cvssSuite(records), severitySuite(records), recordSuite(records, compare), goldOnSamplesSuite(records, gold, compare)];
  if (process.env.SHIPSHAPE_OSV_DB) suites.push(goldOnDbSuite(process.env.SHIPSHAPE_OSV_DB, gold, compare));
  return suites;
}
