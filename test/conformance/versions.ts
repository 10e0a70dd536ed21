// Version ordering against the upstream fixtures collected in ../shared/conformance/versions: each comparison
// is asserted both ways round (b vs a must give -cmp), as the upstream harnesses do. One suite per file, with
// the agreement of each upstream source beside it, plus the validity and apk fuzzy-match files.
// The 12 rpm cases with a `note` (commented out in rpm's own tests as arguably buggy) are asserted like the
// others: they are what rpm does, and src/vuln/versioning/rpm/rpm.ts keeps rpm's behaviour on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apkFuzzyMatch } from '../../src/vuln/versioning/apk/apk.js';
import { compareVersions, isValidVersion } from '../../src/vuln/versioning/index.js';
import { rpmvercmp } from '../../src/vuln/versioning/rpm/rpm.js';
import type { Comparison } from '../../src/vuln/versioning/scheme.js';
import { requireConformanceDir, type SuiteResult } from './conformance-dir.js';

interface ComparisonCase {
  ecosystem: string;
  a: string;
  b: string;
  cmp: Comparison;
  src: string;
  note?: string;
}

const COMPARISON_FILES = [
  'debian-dpkg.json',
  'alpine-apk.json',
  'rpm-rpmvercmp.json',
  'redhat-rpm-evr.json',
  'pypi.json',
  'npm-semver.json',
] as const;

/** Cases where the answer here differs from the fixture on purpose, by `file: a <op> b`, with the reason. */
export const INTENTIONAL_DEVIATIONS: Readonly<Record<string, string>> = {
  'alpine-apk.json: 1-r = 1-r0':
    'apk-tools 3 refuses `-r` without a number (its own version.data lists `0.1-r` as invalid) and orders the refused version below the valid one; osv-scalibr reads it as -r0',
  'alpine-apk.json: 1-r0-1 = 1-r-2':
    'apk-tools 3 reads 1-r0 and then refuses `-1`, but refuses `1-r-2` at its revision already, so 1-r0-1 is the newer; osv-scalibr drops both tails',
};

const BAR = 0.999;

/** The fixtures' pseudo-ecosystem for bare rpmvercmp strings; every other case names a real OSV ecosystem. */
function comparer(ecosystem: string): (a: string, b: string) => Comparison {
  if (ecosystem === 'RPM(rpmvercmp)') return rpmvercmp;
  return (a, b) => compareVersions(ecosystem, a, b);
}

const operator = (cmp: number): string => (cmp < 0 ? '<' : cmp > 0 ? '>' : '=');

function runComparisonFile(dir: string, file: string): SuiteResult {
  const cases = JSON.parse(readFileSync(join(dir, file), 'utf8')) as ComparisonCase[];
  const failures: string[] = [];
  const bySource = new Map<string, { passed: number; total: number }>();
  let passed = 0;
  let total = 0;
  let deviations = 0;
  const started = performance.now();
  for (const testCase of cases) {
    const key = `${file}: ${testCase.a} ${operator(testCase.cmp)} ${testCase.b}`;
    const source = testCase.src.split(':')[0]!;
    const tally = bySource.get(source) ?? { passed: 0, total: 0 };
    bySource.set(source, tally);
    total++;
    tally.total++;
    const compare = comparer(testCase.ecosystem);
    let forward: Comparison | string;
    let backward: Comparison | string;
    try {
      forward = compare(testCase.a, testCase.b);
      backward = compare(testCase.b, testCase.a);
    } catch (error) {
      forward = backward = `error: ${(error as Error).message}`;
    }
    const agrees = forward === testCase.cmp && backward === -testCase.cmp;
    if (agrees || key in INTENTIONAL_DEVIATIONS) {
      if (!agrees) deviations++;
      passed++;
      tally.passed++;
      if (agrees && key in INTENTIONAL_DEVIATIONS) failures.push(`${key}: listed as a deviation but agrees now`);
      continue;
    }
    const got = typeof forward === 'string' ? forward : `${operator(forward)} (reverse ${operator(backward as number)})`;
    failures.push(`${key} [${testCase.src}${testCase.note ? '; noted upstream' : ''}]: got ${got}`);
  }
  const elapsed = performance.now() - started;
  const details: Record<string, string | number> = {};
  for (const [source, tally] of bySource) details[source] = `${tally.passed}/${tally.total}`;
  if (deviations > 0) details['intentional deviations (listed in test/conformance/versions.ts)'] = deviations;
  details['comparisons/s'] = Math.round((2 * total) / (elapsed / 1000));
  return { suite: `versions: ${file}`, passed, total, bar: BAR, failures, details };
}

interface ValidityCase {
  version: string;
  valid: boolean;
}

function runValidity(suite: string, ecosystem: string, cases: ValidityCase[]): SuiteResult {
  const failures: string[] = [];
  for (const { version, valid } of cases) {
    if (isValidVersion(ecosystem, version) !== valid) failures.push(`${JSON.stringify(version)} should be ${valid ? 'valid' : 'invalid'}`);
  }
  return { suite, passed: cases.length - failures.length, total: cases.length, bar: 1, failures };
}

interface FuzzyCase {
  a: string;
  op: string;
  b: string;
  expectTrue: boolean;
}

/** apk's `~` (same prefix), `<~` and `>~` (less or greater, or the same prefix). */
function apkOperator(a: string, op: string, b: string): boolean {
  const matches = apkFuzzyMatch(a, b);
  if (op === '~') return matches;
  const order = compareVersions('Alpine', a, b);
  if (op === '<~') return matches || order < 0;
  if (op === '>~') return matches || order > 0;
  throw new Error(`unknown apk operator ${op}`);
}

function runApkFuzzy(dir: string): SuiteResult[] {
  const data = JSON.parse(readFileSync(join(dir, 'alpine-apk-tools-fuzzy-and-validity.json'), 'utf8')) as {
    fuzzyAndInverted: FuzzyCase[];
    validity: ValidityCase[];
  };
  const failures: string[] = [];
  for (const { a, op, b, expectTrue } of data.fuzzyAndInverted) {
    const inverted = op.startsWith('!');
    const result = apkOperator(a, inverted ? op.slice(1) : op, b) !== inverted;
    if (result !== expectTrue) failures.push(`${a} ${op} ${b} should be ${expectTrue}`);
  }
  return [
    {
      suite: 'versions: apk-tools fuzzy matches',
      passed: data.fuzzyAndInverted.length - failures.length,
      total: data.fuzzyAndInverted.length,
      bar: 1,
      failures,
    },
    runValidity('versions: apk-tools version validity', 'Alpine', data.validity),
  ];
}

export function runVersionSuites(): SuiteResult[] {
  const dir = join(requireConformanceDir(), 'versions');
  const debianValidity = JSON.parse(readFileSync(join(dir, 'debian-validity.json'), 'utf8')) as ValidityCase[];
  return [
    ...COMPARISON_FILES.map((file) => runComparisonFile(dir, file)),
    runValidity('versions: Debian version validity', 'Debian', debianValidity),
    ...runApkFuzzy(dir),
  ];
}
