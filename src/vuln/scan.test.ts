// `scan` on real fixture images (buildah-built) against a real database made with `db import` from OSV records
// written for the packages those images really carry, plus the OSV samples of the conformance set.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../test/support/cli.js';
import { fixtureRefs, imageFixturesOrSkip, type ImageFixtures } from '../../test/support/fixtures.js';
import { InputError } from '../core/errors.js';
import { isImageLocation } from '../core/finding.js';
import { analyzeImage } from '../image/analyze.js';
import { openImage } from '../image/open.js';
import type { ImagePackage, ImageReport } from '../image/report-types.js';
import { renderCycloneDx } from '../report/cyclonedx.js';
import { renderScanTerminal } from '../report/scan-terminal.js';
import { renderSpdx } from '../report/spdx.js';
import { importOsv } from './db.js';
import { osvQueryOf, readIgnoreFile, readVex, scanImage, scanSbom, type ScanReport } from './scan.js';
import { requireConformanceDir } from '../../test/conformance/conformance-dir.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;
const SAMPLES = join(requireConformanceDir(), 'osv-samples');

const work = mkdtempSync(join(tmpdir(), 'shipshape-scan-'));
after(() => rmSync(work, { recursive: true, force: true }));

const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const HIGH = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H';
const MEDIUM = 'CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H';

function record(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { id, modified: '2025-01-01T00:00:00Z', ...fields };
}

function ecosystemRange(ecosystem: string, name: string, events: Record<string, string>[], type = 'ECOSYSTEM'): Record<string, unknown>[] {
  return [{ package: { ecosystem, name }, ranges: [{ type, events }] }];
}

// The apt-leftovers image is Debian 12 with jq 1.6-2.1+deb12u2 (source jq, binaries jq and libjq1, layer 2) on a
// debootstrapped base with zlib1g 1:1.2.13.dfsg-1 (source zlib, layer 1). The inventory image carries
// requests 2.31.0 (PyPI), a Go 1.19.8 binary (stdlib), serde, monolog, rake, Newtonsoft.Json and RPM databases.
const RECORDS = [
  record('DEBIAN-CVE-2023-45853', {
    aliases: ['CVE-2023-45853'],
    summary: 'zlib: integer overflow in minizip',
    severity: [{ type: 'CVSS_V3', score: CRITICAL }],
    affected: ecosystemRange('Debian:12', 'zlib', [{ introduced: '0' }, { fixed: '1:1.2.13.dfsg-1+deb12u1' }]),
  }),
  // Two records of one CVE: merged into one finding named by the CVE.
  record('DEBIAN-CVE-2024-23337', {
    aliases: ['CVE-2024-23337'],
    summary: 'jq: signed integer overflow in jv_array_set',
    severity: [{ type: 'CVSS_V3', score: MEDIUM }],
    affected: ecosystemRange('Debian:12', 'jq', [{ introduced: '0' }, { fixed: '1.6-2.1+deb12u3' }]),
  }),
  record('DLA-9999-1', {
    aliases: ['CVE-2024-23337'],
    affected: ecosystemRange('Debian:12', 'jq', [{ introduced: '0' }, { fixed: '1.6-2.1+deb12u3' }]),
  }),
  // No fix yet.
  record('DEBIAN-CVE-2024-53427', {
    aliases: ['CVE-2024-53427'],
    severity: [{ type: 'CVSS_V3', score: HIGH }],
    affected: ecosystemRange('Debian:12', 'jq', [{ introduced: '0' }]),
  }),
  // Fixed before the installed version: no match.
  record('DEBIAN-CVE-2015-8863', {
    aliases: ['CVE-2015-8863'],
    affected: ecosystemRange('Debian:12', 'jq', [{ introduced: '0' }, { fixed: '1.5+dfsg-1' }]),
  }),
  record('DEBIAN-CVE-2099-0001', {
    withdrawn: '2025-02-01T00:00:00Z',
    aliases: ['CVE-2099-0001'],
    affected: ecosystemRange('Debian:12', 'jq', [{ introduced: '0' }]),
  }),
  record('GHSA-9wx4-h78v-vm56', {
    aliases: ['CVE-2024-35195'],
    summary: 'Requests `Session` object does not verify requests after making first request with verify=False',
    database_specific: { severity: 'MODERATE' },
    affected: ecosystemRange('PyPI', 'requests', [{ introduced: '0' }, { fixed: '2.32.0' }]),
  }),
  record('GHSA-9hjg-9r4m-mvj7', {
    aliases: ['CVE-2024-47081'],
    summary: 'Requests vulnerable to .netrc credentials leak via malicious URLs',
    database_specific: { severity: 'MODERATE' },
    affected: ecosystemRange('PyPI', 'requests', [{ introduced: '0' }, { fixed: '2.32.4' }]),
  }),
  // Go's records use SEMVER ranges; `1.20.0rc1` is a Go release npm's semver cannot read.
  record('GO-2023-1840', {
    aliases: ['CVE-2023-29403'],
    summary: 'Unsafe behavior in setuid/setgid binaries in runtime',
    affected: ecosystemRange('Go', 'stdlib', [{ introduced: '0' }, { fixed: '1.19.10' }, { introduced: '1.20.0rc1' }, { fixed: '1.20.5' }], 'SEMVER'),
  }),
];

const recordDir = join(work, 'records');
const dbDir = join(work, 'db');

function writeRecords(): void {
  mkdirSync(recordDir, { recursive: true });
  for (const osv of RECORDS) writeFileSync(join(recordDir, `${String(osv.id)}.json`), JSON.stringify(osv));
}

async function analyzeRef(ref: string): Promise<ImageReport> {
  const image = await openImage(ref);
  try {
    return await analyzeImage(image, { cache: false });
  } finally {
    await image.close();
  }
}

function vulnIds(report: ScanReport): string[] {
  return report.findings.map((f) => f.ruleId).filter((id) => id.startsWith('vuln/'));
}

function rows(report: ScanReport): string[] {
  return report.findings.map((finding) => {
    const where = isImageLocation(finding.location) ? `${finding.location.layerIndex ?? '-'} ${finding.location.path ?? ''}` : '';
    return `${finding.ruleId} ${finding.severity} ${finding.message.split(' (')[0]} @${where}`;
  });
}

describe('scan on real images', { skip }, () => {
  let apt: ImageReport;
  let inventory: ImageReport;

  test('set-up: the database imported, the images read', async () => {
    writeRecords();
    const result = importOsv(dbDir, [recordDir]);
    assert.equal(result.read, RECORDS.length);
    apt = await analyzeRef(fixtureRefs(fixtures, 'apt-leftovers').oci);
    inventory = await analyzeRef(fixtureRefs(fixtures, 'inventory').oci);
  });

  test('Debian packages are matched by source package, with the layer and instruction that installed them', async () => {
    const report = await scanImage(apt, { dbDir, now: new Date('2026-12-07T00:00:00Z') });
    // Debian 12's security support ended on 2026-07-11 (LTS goes on until 2028): past its end of life.
    assert.deepEqual(rows(report), [
      'image/eol-base warning Debian GNU/Linux 12 @- ',
      'vuln/CVE-2023-45853 error zlib1g 1:1.2.13.dfsg-1 @1 /var/lib/dpkg/status',
      'vuln/CVE-2024-23337 warning jq 1.6-2.1+deb12u2 @2 /var/lib/dpkg/status',
      'vuln/CVE-2024-23337 warning libjq1 1.6-2.1+deb12u2 @2 /var/lib/dpkg/status',
      'vuln/CVE-2024-53427 error jq 1.6-2.1+deb12u2 @2 /var/lib/dpkg/status',
      'vuln/CVE-2024-53427 error libjq1 1.6-2.1+deb12u2 @2 /var/lib/dpkg/status',
    ]);
    const layer2 = apt.image.layers.find((layer) => layer.index === 2)!;
    const jq = report.findings.find((finding) => finding.ruleId === 'vuln/CVE-2024-23337')!;
    assert.ok(isImageLocation(jq.location));
    assert.equal(jq.location.layer, layer2.diffId);
    assert.equal(jq.location.instruction, 'RUN apt-get update && apt-get install -y jq');
    assert.deepEqual(jq.aliases, ['DEBIAN-CVE-2024-23337', 'DLA-9999-1']);
    const merged = report.scan.vulnerabilities.filter((v) => v.id === 'CVE-2024-23337');
    assert.deepEqual(merged.map((v) => [v.package.name, v.query.name, v.query.ecosystem, v.fixed, v.severity.level, v.severity.score]), [
      ['jq', 'jq', 'Debian:12', ['1.6-2.1+deb12u3'], 'medium', 6.2],
      ['libjq1', 'jq', 'Debian:12', ['1.6-2.1+deb12u3'], 'medium', 6.2],
    ]);
    assert.equal(merged[1]!.package.purl, 'pkg:deb/debian/libjq1@1.6-2.1%2Bdeb12u2?arch=amd64&distro=debian-12');
    assert.deepEqual(report.scan.upgrades, [
      { package: 'jq', ecosystem: 'Debian:12', from: '1.6-2.1+deb12u2', to: '1.6-2.1+deb12u3', removes: 1, of: 2 },
      { package: 'zlib', ecosystem: 'Debian:12', from: '1:1.2.13.dfsg-1', to: '1:1.2.13.dfsg-1+deb12u1', removes: 1, of: 1 },
    ]);
    assert.equal(report.scan.osEcosystem, 'Debian:12');
    assert.deepEqual(report.scan.eol.base, { product: 'debian', version: '12', cycle: '12', eol: report.scan.eol.base?.eol, asOf: report.scan.eol.base?.asOf });
    assert.deepEqual(report.scan.notes, []);
    assert.equal(report.findings[0]!.message, 'Debian GNU/Linux 12 (bookworm) reached its end of life on 2026-07-11: no more security updates');
    assert.deepEqual(report.summary, { error: 3, warning: 3, info: 0 });
  });

  test('--severity and --ignore-unfixed choose what is shown', async () => {
    const critical = await scanImage(apt, { dbDir, severities: ['critical'] });
    assert.deepEqual(vulnIds(critical), ['vuln/CVE-2023-45853']);
    const fixedOnly = await scanImage(apt, { dbDir, ignoreUnfixed: true });
    assert.deepEqual(vulnIds(fixedOnly), ['vuln/CVE-2023-45853', 'vuln/CVE-2024-23337', 'vuln/CVE-2024-23337']);
  });

  test('the ignore file suppresses by id (and source or binary package) until it expires; VEX by vulnerability and purl', async () => {
    const ignoreFile = join(work, 'ignore.yaml');
    writeFileSync(
      ignoreFile,
      [
        '- id: CVE-2024-53427',
        '  package: jq',
        '  reason: jq never reads untrusted input here',
        '- id: DEBIAN-CVE-2023-45853',
        '  reason: minizip is not used',
        '  expires: 2020-01-01',
        '',
      ].join('\n'),
    );
    const vexFile = join(work, 'vex.json');
    writeFileSync(
      vexFile,
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        statements: [
          { vulnerability: { name: 'CVE-2024-23337' }, products: [{ '@id': 'pkg:deb/debian/libjq1' }], status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
          { vulnerability: { name: 'CVE-2023-45853' }, products: [{ '@id': 'pkg:deb/debian/zlib1g' }], status: 'affected' },
        ],
      }),
    );
    const report = await scanImage(apt, { dbDir, ignoreFile, vex: [vexFile], now: new Date('2026-12-07T00:00:00Z') });
    assert.deepEqual(rows(report), [
      'image/eol-base warning Debian GNU/Linux 12 @- ',
      'scan/ignore-expired info .shipshape-ignore.yaml entry DEBIAN-CVE-2023-45853 expired on 2020-01-01: it no longer applies @- ',
      'vuln/CVE-2023-45853 error zlib1g 1:1.2.13.dfsg-1 @1 /var/lib/dpkg/status',
      'vuln/CVE-2024-23337 warning jq 1.6-2.1+deb12u2 @2 /var/lib/dpkg/status',
    ]);
    assert.deepEqual(report.scan.suppressed, [
      { id: 'CVE-2024-53427', package: 'jq 1.6-2.1+deb12u2', by: 'ignore-file', reason: 'jq never reads untrusted input here' },
      { id: 'CVE-2024-53427', package: 'libjq1 1.6-2.1+deb12u2', by: 'ignore-file', reason: 'jq never reads untrusted input here' },
      { id: 'CVE-2024-23337', package: 'libjq1 1.6-2.1+deb12u2', by: 'vex', reason: 'vulnerable_code_not_in_execute_path' },
    ]);
  });

  test('language packages, Go SEMVER ranges, runtimes past their end of life, and ecosystems the database lacks', async () => {
    const report = await scanImage(inventory, { dbDir, now: new Date('2026-12-07T00:00:00Z') });
    assert.deepEqual(
      report.scan.vulnerabilities.map((v) => [v.id, v.package.name, v.package.version, v.fixed, v.severity.level, v.package.layerIndex]),
      [
        ['CVE-2023-29403', 'stdlib', '1.19.8', ['1.19.10'], 'unknown', 4],
        ['CVE-2024-35195', 'requests', '2.31.0', ['2.32.0'], 'medium', 6],
        ['CVE-2024-47081', 'requests', '2.31.0', ['2.32.4'], 'medium', 6],
      ].sort((a, b) => Number(a[5]) - Number(b[5])),
    );
    assert.deepEqual(
      report.scan.upgrades.map((u) => [u.package, u.to, u.removes, u.of]),
      [
        ['requests', '2.32.4', 2, 2],
        ['stdlib', '1.19.10', 1, 1],
      ],
    );
    const eol = report.findings.filter((f) => f.ruleId.startsWith('image/eol'));
    assert.deepEqual(eol.map((f) => [f.ruleId, f.severity, f.message]).sort(), [
      ['image/eol-runtime', 'warning', 'go 1.19.8 reached its end of life on 2023-09-06: no more security updates'],
      ['image/eol-runtime', 'warning', 'nodejs 18.19.0 reached its end of life on 2025-04-30: no more security updates'],
    ]);
    const node = eol.find((f) => f.message.startsWith('nodejs'))!;
    assert.deepEqual(isImageLocation(node.location) ? [node.location.layerIndex, node.location.path] : [], [7, '/usr/local/include/node/node_version.h']);
    assert.deepEqual(
      report.scan.eol.runtimes.map((r) => [r.product, r.version, r.cycle, r.eol]),
      [
        ['nodejs', '18.19.0', '18', '2025-04-30'],
        ['python', '3.12.1', '3.12', '2028-10-31'],
        ['go', '1.19.8', '1.19', '2023-09-06'],
      ],
    );
    const notes = report.scan.notes.join('\n');
    assert.match(notes, /^4 rpm packages: OSV has no records for an image without \/etc\/os-release .*: not checked$/m);
    for (const ecosystem of ['crates.io', 'Packagist', 'NuGet', 'RubyGems']) {
      assert.match(notes, new RegExp(`^1 ${ecosystem.replace('.', '\\.')} packages not checked: the database has no ${ecosystem.replace('.', '\\.')} data`, 'm'));
    }
  });

  test('the end of the base release is reported from 90 days before it', async () => {
    const base = (await scanImage(apt, { dbDir, severities: ['low'] })).scan.eol.base!;
    assert.equal(typeof base.eol, 'string');
    const eolDay = new Date(`${String(base.eol)}T00:00:00Z`);
    const early = await scanImage(apt, { dbDir, severities: ['low'], now: new Date(eolDay.getTime() - 100 * 86_400_000) });
    assert.deepEqual(early.findings, []);
    const soon = await scanImage(apt, { dbDir, severities: ['low'], now: new Date(eolDay.getTime() - 30 * 86_400_000) });
    assert.deepEqual(soon.findings.map((f) => [f.ruleId, f.severity, f.message]), [
      ['image/eol-base', 'info', `Debian GNU/Linux 12 (bookworm) reaches its end of life on ${String(base.eol)}, within 90 days`],
    ]);
    const past = await scanImage(apt, { dbDir, severities: ['low'], now: new Date(eolDay.getTime() + 86_400_000) });
    assert.deepEqual(past.findings.map((f) => [f.ruleId, f.severity]), [['image/eol-base', 'warning']]);
  });

  test('the real OSV samples: requests 2.31.0 is the fixed version of PYSEC-2023-74, so only the records above it match', async () => {
    const samplesDb = join(work, 'samples-db');
    const files = readdirSync(SAMPLES).filter((name) => name.endsWith('.json') && name !== 'osv-api-querybatch-gold.json').map((name) => join(SAMPLES, name));
    importOsv(samplesDb, [...files, recordDir]);
    const report = await scanImage(inventory, { dbDir: samplesDb, severities: ['medium'] });
    assert.deepEqual(report.scan.vulnerabilities.map((v) => v.id), ['CVE-2024-35195', 'CVE-2024-47081']);
  });

  test('the terminal view: counts, base OS, upgrades, the table by package, escaped', async () => {
    const report = await scanImage(apt, { dbDir, now: new Date('2026-12-07T00:00:00Z') });
    const text = renderScanTerminal(report, { color: false });
    assert.match(text, /^Vulnerabilities {2}1 critical {2}2 high {2}2 medium {2}0 low {2}0 unknown$/m);
    assert.match(text, /^Base OS {4}Debian GNU\/Linux 12 \(bookworm\) {2}end of life 20\d\d-\d\d-\d\d$/m);
    assert.match(text, /^ {2}jq 1\.6-2\.1\+deb12u2 → 1\.6-2\.1\+deb12u3 {2}removes 1 of 2$/m);
    assert.match(text, /^libjq1 1\.6-2\.1\+deb12u2 {2}pkg:deb\/debian\/libjq1@.* {2}layer 2 {2}RUN apt-get update && apt-get install -y jq$/m);
    const hostile = structuredClone(report);
    hostile.scan.vulnerabilities[0]!.summary = 'evil\u001b[2J summary';
    assert.ok(!renderScanTerminal(hostile, { color: false }).includes('\u001b'));
  });

  test('sbom:FILE: our CycloneDX and SPDX of the image give the findings of the image, layers included, without it', async () => {
    const now = new Date('2026-12-07T00:00:00Z');
    const fromImage = await scanImage(apt, { dbDir, now });
    for (const [format, text] of [
      ['cyclonedx', renderCycloneDx(apt, { timestamp: '2026-12-07T00:00:00Z' })],
      ['spdx', renderSpdx(apt, { timestamp: '2026-12-07T00:00:00Z' })],
    ] as const) {
      const file = join(work, `apt.${format}.json`);
      writeFileSync(file, text);
      const fromSbom = scanSbom(file, { dbDir, now });
      assert.deepEqual(rows(fromSbom), rows(fromImage), format);
      assert.equal(fromSbom.image.ref, `sbom:${file}`);
      assert.equal(fromSbom.scan.osEcosystem, 'Debian:12', format);
      assert.deepEqual(fromSbom.scan.vulnerabilities.map((v) => v.package.purl), fromImage.scan.vulnerabilities.map((v) => v.package.purl), format);
      assert.deepEqual(fromSbom.scan.upgrades, fromImage.scan.upgrades, format);
      const text2 = renderScanTerminal(fromSbom, { color: false });
      assert.match(text2, new RegExp(`^Target {5}sbom:${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} {2}\\d+ packages$`, 'm'));
    }
  });

  test("sbom:FILE: another tool's CycloneDX, source packages in its own properties, no layers", () => {
    const file = join(work, 'trivy-like.cdx.json');
    const component = (name: string, version: string, source: string, sourceVersion: string): Record<string, unknown> => ({
      'bom-ref': `pkg:deb/debian/${name}@${version}?distro=debian-12.4`,
      type: 'library',
      name,
      version,
      purl: `pkg:deb/debian/${name}@${encodeURIComponent(version)}?arch=amd64&distro=debian-12.4`,
      properties: [
        { name: 'aquasecurity:trivy:SrcName', value: source },
        { name: 'aquasecurity:trivy:SrcVersion', value: sourceVersion },
      ],
    });
    writeFileSync(
      file,
      JSON.stringify({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        components: [
          { type: 'operating-system', name: 'debian', version: '12.4' },
          component('libjq1', '1.6-2.1+deb12u2', 'jq', '1.6-2.1+deb12u2'),
          component('zlib1g', '1:1.2.13.dfsg-1', 'zlib', '1:1.2.13.dfsg-1'),
          { type: 'library', name: 'no-purl' },
        ],
      }),
    );
    const report = scanSbom(file, { dbDir, ignoreUnfixed: true });
    assert.deepEqual(
      report.findings.filter((f) => f.ruleId.startsWith('vuln/')).map((f) => [f.ruleId, isImageLocation(f.location) ? f.location.layerIndex ?? 'no layer' : '']),
      [
        ['vuln/CVE-2023-45853', 'no layer'],
        ['vuln/CVE-2024-23337', 'no layer'],
      ],
    );
    assert.equal(report.scan.packages, 2);
    assert.ok(!renderScanTerminal(report, { color: false }).includes('layer undefined'));
  });

  test('the CLI: scan sbom:FILE, and a file that is no SBOM named in one line', async () => {
    const cliDb = join(work, 'cli-sbom-db');
    assert.equal((await runCli(['db', 'import', '--db-dir', cliDb, recordDir])).code, 0);
    const sbom = join(work, 'apt.cli.cdx.json');
    writeFileSync(sbom, renderCycloneDx(apt, { timestamp: '2026-12-07T00:00:00Z' }));
    const result = await runCli(['scan', `sbom:${sbom}`, '--db-dir', cliDb, '-f', 'json']);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual((JSON.parse(result.stdout) as ScanReport).findings.map((f) => f.ruleId).filter((id) => id.startsWith('vuln/')).length, 5);
    const notSbom = join(work, 'not-sbom.json');
    writeFileSync(notSbom, '{"hello": "world"}');
    const bad = await runCli(['scan', `sbom:${notSbom}`, '--db-dir', cliDb]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, `shipshape: ${notSbom}: neither a CycloneDX nor an SPDX 2 JSON document\n`);
  });

  test('check --image --scan: each vulnerable package at the Dockerfile line whose layer installed it, filtered as scan filters', async () => {
    const cliDb = join(work, 'check-db');
    assert.equal((await runCli(['db', 'import', '--db-dir', cliDb, recordDir])).code, 0);
    const project = join(work, 'project-apt-leftovers');
    cpSync(join(fixtures.dir, 'ctx', 'apt-leftovers'), project, { recursive: true });
    writeFileSync(join(project, 'Dockerfile'), readFileSync('scripts/fixtures/images/apt-leftovers.Dockerfile'));
    const ref = fixtureRefs(fixtures, 'apt-leftovers').oci;
    type CheckJson = { findings: ScanReport['findings']; scan?: ScanReport['scan'] };
    const vulnRows = (report: { findings: ScanReport['findings'] }): string[] =>
      report.findings
        .filter((f) => f.ruleId.startsWith('vuln/'))
        .map((f) => `${f.ruleId} ${f.severity} ${isImageLocation(f.location) ? `${f.location.layerIndex} ${f.location.dockerfile ? `${f.location.dockerfile.file.slice(project.length + 1)}:${f.location.dockerfile.line}` : 'base'}` : ''}`);
    const checked = await runCli(['check', project, '--image', ref, '--scan', '--db-dir', cliDb, '--ignore-unfixed', '-f', 'json', '--no-cache']);
    assert.equal(checked.code, 1, checked.stderr);
    const json = JSON.parse(checked.stdout) as CheckJson;
    // jq comes from `RUN apt-get update && apt-get install -y jq` (line 3); zlib1g from the base image's layer.
    assert.deepEqual(vulnRows(json).sort(), ['vuln/CVE-2023-45853 error 1 base', 'vuln/CVE-2024-23337 warning 2 Dockerfile:3', 'vuln/CVE-2024-23337 warning 2 Dockerfile:3']);
    assert.deepEqual(json.scan?.upgrades.map((u) => u.package), ['jq', 'zlib']);
    const scanned = JSON.parse((await runCli(['scan', ref, '--db-dir', cliDb, '--ignore-unfixed', '-f', 'json'])).stdout) as ScanReport;
    assert.deepEqual(vulnRows(json).map((row) => row.split(' ').slice(0, 2).join(' ')), vulnRows(scanned).map((row) => row.split(' ').slice(0, 2).join(' ')));
    // --severity narrows check's vulnerabilities as it narrows scan's.
    const low = JSON.parse((await runCli(['check', project, '--image', ref, '--scan', '--db-dir', cliDb, '--severity', 'low', '-f', 'json'])).stdout) as CheckJson;
    assert.deepEqual(vulnRows(low), []);
    const terminal = await runCli(['check', project, '--image', ref, '--scan', '--db-dir', cliDb, '--severity', 'medium', '--no-color']);
    assert.match(terminal.stdout, /CVE-2024-23337/);
    const lone = await runCli(['check', project, '--severity', 'high']);
    assert.equal(lone.code, 2);
    assert.equal(lone.stderr, 'shipshape: --severity chooses what --scan reports: give --scan too\n');
    const noImage = await runCli(['check', project, '--scan']);
    assert.equal(noImage.stderr, 'shipshape: --scan scans the image built from the project: give it with --image REF\n');
  });

  test('the CLI: exit codes, a missing database, JSON and SARIF', async () => {
    const ref = fixtureRefs(fixtures, 'apt-leftovers').oci;
    const empty = await runCli(['scan', ref, '--db-dir', join(work, 'nothing')]);
    assert.equal(empty.code, 2);
    assert.equal(empty.stderr, `shipshape: no vulnerability database in ${join(work, 'nothing')}: run \`shipshape db update\` or \`shipshape db import FILE\` first\n`);
    const cliDb = join(work, 'cli-db');
    assert.equal((await runCli(['db', 'import', '--db-dir', cliDb, recordDir])).code, 0);
    const failing = await runCli(['scan', ref, '--db-dir', cliDb, '--no-cache']);
    assert.equal(failing.code, 1, failing.stderr);
    assert.match(failing.stdout, /^ {2}critical CVE-2023-45853 +fixed in 1:1\.2\.13\.dfsg-1\+deb12u1 \(DEBIAN-CVE-2023-45853\) {2}zlib: integer overflow in minizip$/m);
    const mediumOnly = await runCli(['scan', ref, '--db-dir', cliDb, '--severity', 'medium', '-f', 'json']);
    assert.equal(mediumOnly.code, 0, mediumOnly.stderr);
    const json = JSON.parse(mediumOnly.stdout) as ScanReport;
    assert.deepEqual(vulnIds(json), ['vuln/CVE-2024-23337', 'vuln/CVE-2024-23337']);
    assert.equal(json.scan.vulnerabilities[0]!.severity.vector, MEDIUM);
    const warnFails = await runCli(['scan', ref, '--db-dir', cliDb, '--severity', 'medium', '--fail-on', 'warning', '-f', 'sarif']);
    assert.equal(warnFails.code, 1);
    const sarif = JSON.parse(warnFails.stdout) as { runs: { results: { ruleId: string; level: string }[] }[] };
    // Debian 12 is past its end of life by the clock of this run (its security support ended 2026-07-11).
    assert.deepEqual(sarif.runs[0]!.results.map((r) => [r.ruleId, r.level]).filter(([id]) => id !== 'image/eol-base'), [['vuln/CVE-2024-23337', 'warning'], ['vuln/CVE-2024-23337', 'warning']]);
    const bad = await runCli(['scan', ref, '--db-dir', cliDb, '--severity', 'severe']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'shipshape: --severity: unknown level "severe" (expected critical, high, medium, low, unknown)\n');
  });
});

describe('package to OSV query', () => {
  const pkg = (fields: Partial<ImagePackage>): ImagePackage => ({ ecosystem: 'deb', name: 'x', version: '1', purl: 'pkg:x', layerIndex: 1, path: '/p', ...fields });

  test('each inventory type is asked for under its OSV ecosystem and name', () => {
    const alpine = { id: 'alpine', versionId: '3.20.3' };
    assert.deepEqual(osvQueryOf(pkg({ ecosystem: 'apk', name: 'libcrypto3', version: '3.3.2-r0', source: 'openssl' }), alpine), { ecosystem: 'Alpine:v3.20', name: 'openssl', version: '3.3.2-r0' });
    assert.deepEqual(osvQueryOf(pkg({ ecosystem: 'deb', name: 'libssl3', version: '3.0.15-1~deb12u1', source: 'openssl', sourceVersion: '3.0.15-1~deb12u1' }), { id: 'ubuntu', versionId: '22.04' }), {
      ecosystem: 'Ubuntu:22.04:LTS',
      name: 'openssl',
      version: '3.0.15-1~deb12u1',
    });
    assert.deepEqual(osvQueryOf(pkg({ ecosystem: 'rpm', name: 'openssl-libs', version: '1:3.0.7-24.el9' }), { id: 'rocky', versionId: '9.3' }), { ecosystem: 'Rocky Linux:9', name: 'openssl-libs', version: '1:3.0.7-24.el9' });
    assert.deepEqual(osvQueryOf(pkg({ ecosystem: 'rpm' }), { id: 'rhel', versionId: '9.3', prettyName: 'Red Hat Enterprise Linux 9.3' }), {
      skip: 'rpm packages: OSV has no records for Red Hat Enterprise Linux 9.3 (only Rocky Linux and AlmaLinux)',
    });
    assert.deepEqual(osvQueryOf(pkg({ ecosystem: 'golang', name: 'golang.org/x/net', version: 'v0.17.0' }), undefined), { ecosystem: 'Go', name: 'golang.org/x/net', version: '0.17.0' });
    assert.deepEqual(osvQueryOf(pkg({ ecosystem: 'golang', name: 'example.com/app', version: '(devel)' }), undefined), { skip: 'Go modules without a release version ((devel))' });
    assert.deepEqual(osvQueryOf(pkg({ ecosystem: 'maven', name: 'org.slf4j:slf4j-api', version: '2.0.9' }), undefined), { ecosystem: 'Maven', name: 'org.slf4j:slf4j-api', version: '2.0.9' });
    assert.deepEqual(osvQueryOf(pkg({ ecosystem: 'generic' }), undefined), { skip: 'generic packages: no OSV ecosystem' });
    assert.deepEqual(osvQueryOf(pkg({ ecosystem: 'deb' }), { id: 'debian' }), { skip: 'deb packages: no OSV ecosystem for debian' });
  });

  test('a bad ignore file or VEX document is one line naming the file', () => {
    const bad = join(work, 'bad-ignore.yaml');
    writeFileSync(bad, '- id: CVE-1\n  expires: soon\n');
    assert.throws(() => readIgnoreFile(bad), new InputError(`${bad}: entry 1 (CVE-1): "expires" must be a date, YYYY-MM-DD`));
    writeFileSync(bad, 'ignore: 3\n');
    assert.throws(() => readIgnoreFile(bad), /bad-ignore\.yaml: expected a list of entries/);
    const vex = join(work, 'bad.vex.json');
    writeFileSync(vex, '{"statements": 1}');
    assert.throws(() => readVex(vex), new InputError(`${vex}: not an OpenVEX document (no "statements" list)`));
  });

  test('a missing database says how to make one', async () => {
    const nothing = join(work, 'no-db');
    await assert.rejects(scanImage({} as ImageReport, { dbDir: nothing }), new InputError(`no vulnerability database in ${nothing}: run \`shipshape db update\` or \`shipshape db import FILE\` first`));
  });
});
