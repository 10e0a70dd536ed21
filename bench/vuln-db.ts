// Benchmark: the vulnerability database at the size of OSV's real exports. Imports a generated set of 500,000 OSV
// records (five ecosystems' all.zip, npm's and Debian's past the 65,535 entries that need zip64), then opens the
// database and matches 5,000 packages as one whole process, cold start included, beside `node -e 0` in the same run.
// Each measurement is its own process (so its peak memory is its own), running this file bundled by esbuild, as the
// shipped CLI runs.
//
//   node --import tsx bench/vuln-db.ts        (data generated once under $SHIPSHAPE_BENCH_DIR or the OS temp dir)
//
// Targets: open + match 5,000 packages under 1 s and under 200 MB together.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { rawZip } from '../test/support/osv-zip.js';
import { VulnDb, importOsv } from '../src/vuln/db.js';
import { matchPackage, type CompareVersions, type PackageQuery } from '../src/vuln/match.js';
import type { OsvAffected, OsvRecord } from '../src/vuln/osv.js';

const FORMAT_VERSION = 1;
const benchDir = join(process.env.SHIPSHAPE_BENCH_DIR ?? tmpdir(), `shipshape-bench-vuln-v${FORMAT_VERSION}`);
const inputDir = join(benchDir, 'exports');
const dbDir = join(benchDir, 'db');
const queriesFile = join(benchDir, 'queries.json');

interface EcosystemPlan {
  ecosystem: string;
  records: number;
  packages: number;
  releases: string[];
}

const PLAN: EcosystemPlan[] = [
  { ecosystem: 'npm', records: 200_000, packages: 50_000, releases: [''] },
  { ecosystem: 'PyPI', records: 80_000, packages: 20_000, releases: [''] },
  { ecosystem: 'Debian', records: 120_000, packages: 4_000, releases: [':11', ':12', ':13'] },
  { ecosystem: 'Ubuntu', records: 60_000, packages: 3_000, releases: [':20.04:LTS', ':22.04:LTS', ':24.04:LTS'] },
  { ecosystem: 'Alpine', records: 40_000, packages: 1_500, releases: [':v3.18', ':v3.19', ':v3.20', ':v3.21', ':v3.22'] },
];
const QUERIES: [string, number][] = [['npm', 2_000], ['PyPI', 1_000], ['Debian:12', 1_200], ['Ubuntu:22.04:LTS', 500], ['Alpine:v3.20', 300]];

// A small deterministic generator, so every run measures the same data.
let seed = 42;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = (n: number): number => Math.floor(random() * n);
const version = (): string => `${pick(5)}.${pick(20)}.${pick(30)}`;

const WORDS = 'buffer overflow in parser allows remote attackers to cause denial of service via crafted input request header cookie path traversal'.split(' ');
function text(words: number): string {
  return Array.from({ length: words }, () => WORDS[pick(WORDS.length)]).join(' ');
}

function recordFor(plan: EcosystemPlan, index: number): OsvRecord {
  const packageIndex = index % plan.packages;
  const name = plan.ecosystem === 'npm' && packageIndex % 5 === 0 ? `@scope${packageIndex % 97}/pkg-${packageIndex}` : `pkg-${packageIndex}`;
  const introduced = pick(3) === 0 ? '0' : version();
  const fixed = `${5 + pick(3)}.${pick(20)}.${pick(30)}`;
  const affected: OsvAffected[] = plan.releases.map((release) => ({
    package: { ecosystem: `${plan.ecosystem}${release}`, name },
    ranges: [{ type: plan.releases[0] === '' ? 'SEMVER' : 'ECOSYSTEM', events: [{ introduced }, { fixed }] }],
    ...(plan.releases[0] === '' ? {} : { versions: Array.from({ length: 4 }, version) }),
  }));
  const cve = `CVE-${2015 + pick(11)}-${10000 + index}`;
  return {
    id: plan.releases[0] === '' ? `GHSA-${plan.ecosystem}-${index}` : `${plan.ecosystem.toUpperCase()}-${cve}`,
    modified: '2026-11-01T00:00:00Z',
    published: '2025-01-01T00:00:00Z',
    aliases: [cve],
    summary: text(8),
    details: text(60),
    severity: [{ type: 'CVSS_V3', score: `CVSS:3.1/AV:N/AC:${pick(2) ? 'L' : 'H'}/PR:N/UI:N/S:U/C:H/I:${pick(2) ? 'H' : 'N'}/A:H` }],
    affected,
    references: [{ type: 'ADVISORY', url: `https://example.org/advisories/${index}` }],
  } as OsvRecord;
}

function generate(): void {
  if (existsSync(queriesFile)) return;
  rmSync(benchDir, { recursive: true, force: true });
  mkdirSync(inputDir, { recursive: true });
  for (const plan of PLAN) {
    const entries = Array.from({ length: plan.records }, (_, index) => {
      const record = recordFor(plan, index);
      return { name: `${record.id}.json`, data: Buffer.from(JSON.stringify(record, null, 2)) };
    });
    writeFileSync(join(inputDir, `${plan.ecosystem}-all.zip`), rawZip(entries));
  }
  // Nine in ten asked-for packages have records, as in a real image's inventory against a full database.
  const queries: PackageQuery[] = [];
  for (const [ecosystem, count] of QUERIES) {
    const plan = PLAN.find((p) => ecosystem.startsWith(p.ecosystem))!;
    for (let i = 0; i < count; i++) {
      const name = i % 10 === 9 ? `absent-${i}` : plan.ecosystem === 'npm' && i % 5 === 0 ? `@scope${i % 97}/pkg-${i}` : `pkg-${(i * 7) % plan.packages}`;
      queries.push({ ecosystem, name, version: version() });
    }
  }
  writeFileSync(queriesFile, JSON.stringify(queries));
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}

// Versions here are all SemVer; the comparator of each ecosystem is not what is measured.
const compare: CompareVersions = (_ecosystem, a, b) => semver.compare(semver.coerce(a) ?? '0.0.0', semver.coerce(b) ?? '0.0.0');

async function child(mode: string): Promise<void> {
  const report: Record<string, number> = {};
  if (mode === 'import') {
    const files = readdirSync(inputDir).map((name) => join(inputDir, name));
    const result = importOsv(dbDir, files);
    report.records = result.read;
  } else {
    const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as PackageQuery[];
    const db = new VulnDb(dbDir);
    let findings = 0;
    for (const query of queries) findings += matchPackage(db, query, compare).length;
    db.close();
    report.queries = queries.length;
    report.findings = findings;
  }
  report.maxRssMb = peakRssMb();
  const cpu = process.cpuUsage();
  report.cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(JSON.stringify(report));
}

// VmHWM, not getrusage's maxRSS: Linux carries maxRSS over exec, so a child would report its parent's peak.
function peakRssMb(): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kb) / 1024;
}

interface Run {
  ms: number;
  report: Record<string, number>;
}

function run(args: string[]): Run {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  return { ms, report: JSON.parse(result.stdout || '{}') as Record<string, number> };
}

async function parent(): Promise<void> {
  const generateStart = Date.now();
  generate();
  console.log(`data: ${PLAN.reduce((n, p) => n + p.records, 0).toLocaleString('en')} records in ${PLAN.length} exports, ${(directoryBytes(inputDir) / 1e6).toFixed(1)} MB of zip (${((Date.now() - generateStart) / 1000).toFixed(1)} s to make or find)`);
  const { build } = await import('esbuild');
  const bundle = join(benchDir, 'vuln-db.bundle.mjs');
  await build({
    entryPoints: [fileURLToPath(import.meta.url)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'error',
  });

  const baseline = [1, 2, 3].map(() =>
    run(['-e', "const c = process.cpuUsage(); process.stdout.write(JSON.stringify({ cpuMs: (c.user + c.system) / 1000, maxRssMb: Number(/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]) / 1024 }))"]),
  );
  // --match-only measures matching again on the database the last full run imported.
  const matchOnly = process.argv.includes('--match-only') && existsSync(join(dbDir, 'osv'));
  if (!matchOnly) rmSync(dbDir, { recursive: true, force: true });
  const imported = matchOnly ? undefined : run([bundle, 'import']);
  const dbBytes = directoryBytes(join(dbDir, 'osv'));
  const matches = [1, 2, 3, 4, 5].map(() => run([bundle, 'match']));
  const median = (runs: Run[]): Run => [...runs].sort((a, b) => a.ms - b.ms)[runs.length >> 1]!;

  const base = median(baseline);
  const match = median(matches);
  // Wall time and the process's own CPU time: on a shared machine the second shows the work when the first shows the queue.
  const times = (r: Run): string => `${r.ms.toFixed(0).padStart(7)} ms wall ${r.report.cpuMs!.toFixed(0).padStart(7)} ms CPU ${r.report.maxRssMb!.toFixed(0).padStart(4)} MB peak`;
  console.log(`node -e 0 (baseline, median of 3)           ${times(base)}`);
  if (imported) {
    console.log(
      `import ${imported.report.records!.toLocaleString('en')} records                      ${times(imported)}  ${Math.round(imported.report.records! / (imported.ms / 1000)).toLocaleString('en')} records/s wall, ${Math.round(imported.report.records! / (imported.report.cpuMs! / 1000)).toLocaleString('en')} per CPU second`,
    );
  }
  console.log(`DB on disk: ${(dbBytes / 1e6).toFixed(1)} MB`);
  console.log(
    `open + match ${match.report.queries!.toLocaleString('en')} packages (median of 5)   ${times(match)}  ${match.report.findings!.toLocaleString('en')} findings  (runs: ${matches.map((m) => m.ms.toFixed(0)).join(', ')} ms)`,
  );
  console.log(`  over the baseline: ${(match.ms - base.ms).toFixed(0)} ms wall, ${(match.report.cpuMs! - base.report.cpuMs!).toFixed(0)} ms CPU, ${(match.report.maxRssMb! - base.report.maxRssMb!).toFixed(0)} MB`);
  const ok = match.ms < 1000 && match.report.maxRssMb! < 200;
  console.log(`target (under 1 s and 200 MB): ${ok ? 'met' : 'MISSED'}`);
}

const mode = process.argv[2];
if (mode === 'import' || mode === 'match') await child(mode);
else await parent();
