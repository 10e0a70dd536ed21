// Version comparisons per second over the conformance fixtures (../shared/conformance/versions), each pair in
// both directions, next to the npm `semver` and `@renovatebot/pep440` packages on the cases they can parse;
// then a whole process that loads the versioning code and compares once, next to the same bare process.
// Run: node --import tsx bench/versions.ts
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pep440Package from '@renovatebot/pep440';
import semverPackage from 'semver';
import { compareVersions } from '../src/vuln/versioning/index.js';
import { rpmvercmp } from '../src/vuln/versioning/rpm/rpm.js';
import { conformanceDir } from '../test/conformance/conformance-dir.js';

const root = fileURLToPath(new URL('..', import.meta.url));
interface Case {
  ecosystem: string;
  a: string;
  b: string;
}
const load = (file: string) => JSON.parse(readFileSync(join(conformanceDir(), 'versions', file), 'utf8')) as Case[];

/** Best of five timed passes after a warm-up, as comparisons per second. */
function rate(cases: readonly Case[], compare: (a: string, b: string) => number): number {
  const pass = () => {
    let sum = 0;
    for (const { a, b } of cases) sum += compare(a, b) - compare(b, a);
    return sum;
  };
  pass();
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    pass();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return Math.round((2 * cases.length) / best);
}

const format = (n: number) => n.toLocaleString('en-US').padStart(12);
const files = ['debian-dpkg.json', 'alpine-apk.json', 'rpm-rpmvercmp.json', 'redhat-rpm-evr.json', 'pypi.json', 'npm-semver.json'];
console.log('comparisons/s (both directions, best of 5)');
for (const file of files) {
  const cases = load(file);
  const compare = cases[0]!.ecosystem === 'RPM(rpmvercmp)' ? rpmvercmp : (a: string, b: string) => compareVersions(cases[0]!.ecosystem, a, b);
  console.log(`  shipshape ${file.padEnd(22)} ${format(rate(cases, compare))}  (${cases.length} pairs)`);
}
const pypi = load('pypi.json').filter(({ a, b }) => pep440Package.valid(a) && pep440Package.valid(b));
console.log(`  shipshape PEP 440-valid PyPI pairs    ${format(rate(pypi, (a, b) => compareVersions('PyPI', a, b)))}  (${pypi.length} pairs)`);
console.log(`  baseline @renovatebot/pep440 same     ${format(rate(pypi, (a, b) => pep440Package.compare(a, b)))}`);
const strict = [...load('npm-semver.json'), ...load('pypi.json')].filter(({ a, b }) => semverPackage.valid(a) && semverPackage.valid(b));
console.log(`  shipshape SemVer-valid pairs          ${format(rate(strict, (a, b) => compareVersions('npm', a, b)))}  (${strict.length} pairs)`);
console.log(`  baseline npm semver.compare same      ${format(rate(strict, (a, b) => semverPackage.compare(a, b)))}`);

function processMs(script: string): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}
const once = "const m = await import('./src/vuln/versioning/index.ts'); if (m.compareVersions('Debian', '1.0~rc1', '1.0') !== -1) process.exit(1);";
console.log('whole process, best of 5 (node --import tsx)');
console.log(`  load the versioning code, compare once ${processMs(once).toFixed(0).padStart(6)} ms`);
console.log(`  baseline: the same bare process        ${processMs('0;').toFixed(0).padStart(6)} ms`);
