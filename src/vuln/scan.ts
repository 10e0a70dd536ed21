// `scan`: the image's packages matched against the local OSV database, with the layer and instruction that
// installed each, filtered by what the user chose to see (levels, unfixed, an ignore file, OpenVEX statements),
// plus the end of life of its OS release and language runtimes.
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { InputError, errorMessage } from '../core/errors.js';
import type { Finding, ImageLocation } from '../core/finding.js';
import { makeReport, summarize, type Report } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import { runRules, type Domain } from '../core/engine.js';
import type { RuleSetting } from '../core/rule-meta.js';
import { analyzeImage, type AnalyzeImageOptions } from '../image/analyze.js';
import type { ImageLayerRow, ImageReport, ImageRuntime, ImageSummary } from '../image/report-types.js';
import type { Image } from '../image/types.js';
import { defaultDbDir, storedEcosystems, VulnDb } from './db.js';
import { eolCycleOf, eolProduct, type EolCycle } from './eol.js';
import { matchPackage, type CompareVersions, type OsvSource, type PackageQuery, type VulnFinding, type VulnSeverityLevel } from './match.js';
import { baseEcosystem, osvEcosystemOf } from './osv.js';
import { scanRules } from './rules/index.js';
import { EOL_WARNING_DAYS, IGNORE_FILE, type EolFact, type ScanDomain, type ScanFacts } from './rules/types.js';
import { readSbom, type SbomPackage } from './sbom.js';
import { compareVersions } from './versioning/index.js';

export const VULN_LEVELS: readonly VulnSeverityLevel[] = ['critical', 'high', 'medium', 'low', 'unknown'];
export { EOL_WARNING_DAYS, IGNORE_FILE } from './rules/types.js';

export interface ScanOptions {
  /** The database directory (default: `defaultDbDir()`). */
  dbDir?: string;
  /** The OSV levels to report (default: all). */
  severities?: readonly VulnSeverityLevel[];
  /** Leave out vulnerabilities without a fixed version. */
  ignoreUnfixed?: boolean;
  /** An ignore file (`.shipshape-ignore.yaml` format); none by default. */
  ignoreFile?: string;
  /** OpenVEX documents whose `not_affected` statements suppress findings. */
  vex?: readonly string[];
  /** Today, for ignore-file expiry and end-of-life dates. */
  now?: Date;
  /** Passed to `analyzeImage` when an image (not a report) is scanned. */
  analyze?: AnalyzeImageOptions;
  /** Settings of the scan's rules (`image/eol-base`, …) by id: off, another severity. */
  rules?: Readonly<Record<string, RuleSetting>>;
}

/** One vulnerable package as the JSON report lists it. */
export interface ScanVulnerability {
  id: string;
  ids: string[];
  aliases: string[];
  /** OSV's level (`critical` … `unknown`), with the score and vector it came from. */
  severity: VulnFinding['severity'];
  summary?: string;
  /** Layer and path are missing only for an SBOM's package whose document did not record them. */
  package: { ecosystem: string; name: string; version: string; purl: string; path?: string; layerIndex?: number };
  /** The OSV query it was matched with (source package, release-specific ecosystem). */
  query: PackageQuery;
  fixed: string[];
}

export interface ScanSuppression {
  id: string;
  package: string;
  by: 'ignore-file' | 'vex';
  reason: string;
}

export interface ScanUpgrade {
  package: string;
  ecosystem: string;
  from: string;
  to: string;
  /** Distinct vulnerabilities of that package the upgrade removes. */
  removes: number;
  of: number;
}

export interface ScanEol {
  product: string;
  version: string;
  cycle?: string;
  /** `YYYY-MM-DD`, `true` when ended without a date, `false` when no end is set. */
  eol?: string | boolean;
  asOf?: string;
}

export interface ScanSection {
  db: string;
  /** The OSV ecosystem of the OS packages (`Debian:12`), when one could be derived. */
  osEcosystem?: string;
  os?: ImageSummary['os'];
  packages: number;
  vulnerabilities: ScanVulnerability[];
  suppressed: ScanSuppression[];
  upgrades: ScanUpgrade[];
  eol: { base?: ScanEol; runtimes: ScanEol[] };
  notes: string[];
}

export interface ScanReport extends Report {
  /** What was scanned: an image, or an SBOM (`sbom:FILE`, without digest or platform). */
  image: Pick<ImageSummary, 'ref' | 'os' | 'runtimes'> & { configDigest?: string; platform?: string; manifestDigest?: string };
  scan: ScanSection;
}

/** What a scan reads: an image's packages and layers, or an SBOM's packages (layers only as far as it records them). */
interface ScanTarget {
  image: ScanReport['image'];
  packages: readonly SbomPackage[];
  layers: readonly ImageLayerRow[];
}

const PURL_TO_OSV: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  maven: 'Maven',
  gem: 'RubyGems',
  cargo: 'crates.io',
  composer: 'Packagist',
  nuget: 'NuGet',
};

/** OSV names of the RPM-based releases OSV has records for, from os-release's id. */
const RPM_RELEASES: Record<string, string> = { rocky: 'Rocky Linux', almalinux: 'AlmaLinux' };

/** How one inventoried package is asked for in OSV, or why it cannot be. */
export function osvQueryOf(pkg: SbomPackage, os: ImageSummary['os']): PackageQuery | { skip: string } {
  switch (pkg.ecosystem) {
    case 'deb':
    case 'apk': {
      const ecosystem = os ? osvEcosystemOf(os) : undefined;
      if (!ecosystem) return { skip: `${pkg.ecosystem} packages: no OSV ecosystem for ${os?.prettyName ?? os?.id ?? 'an image without /etc/os-release'}` };
      return { ecosystem, name: pkg.source ?? pkg.name, version: pkg.sourceVersion ?? pkg.version };
    }
    case 'rpm': {
      const release = os?.id ? RPM_RELEASES[os.id] : undefined;
      const major = /^(\d+)/.exec(os?.versionId ?? '')?.[1];
      if (!release || !major) return { skip: `rpm packages: OSV has no records for ${os?.prettyName ?? os?.id ?? 'an image without /etc/os-release'} (only Rocky Linux and AlmaLinux)` };
      return { ecosystem: `${release}:${major}`, name: pkg.name, version: pkg.version };
    }
    case 'golang': {
      // Go's OSV ranges are written without the module version's `v`; `(devel)` builds have no version to match.
      if (!/^v?\d/.test(pkg.version)) return { skip: `Go modules without a release version (${pkg.version})` };
      return { ecosystem: 'Go', name: pkg.name, version: pkg.version.replace(/^v/, '') };
    }
    default: {
      const ecosystem = PURL_TO_OSV[pkg.ecosystem];
      if (!ecosystem) return { skip: `${pkg.ecosystem} packages: no OSV ecosystem` };
      return { ecosystem, name: pkg.name, version: pkg.version };
    }
  }
}

const LEVEL_TO_SEVERITY: Record<VulnSeverityLevel, Severity> = { critical: 'error', high: 'error', medium: 'warning', low: 'info', unknown: 'info' };

interface IgnoreEntry {
  id: string;
  package?: string;
  reason: string;
  expires?: string;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Reads `.shipshape-ignore.yaml`: a list of entries, or `{ ignore: [...] }`. */
export function readIgnoreFile(path: string): IgnoreEntry[] {
  let value: unknown;
  try {
    value = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`${path}: ${errorMessage(error).split('\n')[0]}`);
  }
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : (value as { ignore?: unknown }).ignore;
  if (!Array.isArray(list)) throw new InputError(`${path}: expected a list of entries (id, package, reason, expires) or "ignore:" with one`);
  return list.map((raw: unknown, index) => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    if (typeof entry.id !== 'string' || entry.id === '') throw new InputError(`${path}: entry ${index + 1} has no "id"`);
    const expires = entry.expires instanceof Date ? isoDay(entry.expires) : entry.expires;
    if (expires !== undefined && (typeof expires !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(expires))) {
      throw new InputError(`${path}: entry ${index + 1} (${entry.id}): "expires" must be a date, YYYY-MM-DD`);
    }
    const out: IgnoreEntry = { id: entry.id, reason: typeof entry.reason === 'string' ? entry.reason : '' };
    if (typeof entry.package === 'string') out.package = entry.package;
    if (typeof expires === 'string') out.expires = expires;
    return out;
  });
}

interface VexStatement {
  ids: string[];
  products: string[];
  justification: string;
}

/** The `not_affected` statements of an OpenVEX document. */
export function readVex(path: string): VexStatement[] {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(`${path}: ${errorMessage(error)}`);
  }
  const statements = (value as { statements?: unknown })?.statements;
  if (!Array.isArray(statements)) throw new InputError(`${path}: not an OpenVEX document (no "statements" list)`);
  const out: VexStatement[] = [];
  for (const raw of statements as Record<string, unknown>[]) {
    if (raw?.status !== 'not_affected') continue;
    const vulnerability = raw.vulnerability as string | { name?: unknown; '@id'?: unknown; aliases?: unknown } | undefined;
    const ids = typeof vulnerability === 'string'
      ? [vulnerability]
      : [vulnerability?.name, vulnerability?.['@id'], ...(Array.isArray(vulnerability?.aliases) ? vulnerability.aliases : [])].filter((id): id is string => typeof id === 'string');
    const products = (Array.isArray(raw.products) ? raw.products : [])
      .map((product: unknown) => (typeof product === 'string' ? product : (product as { '@id'?: unknown })?.['@id']))
      .filter((id): id is string => typeof id === 'string');
    const justification = [raw.justification, raw.impact_statement].filter((text) => typeof text === 'string' && text !== '').join(': ');
    if (ids.length > 0 && products.length > 0) out.push({ ids, products, justification: justification || 'not_affected' });
  }
  return out;
}

/** A purl without qualifiers and subpath; and without its version when the product names none. */
function purlCovers(product: string, purl: string): boolean {
  const strip = (text: string): string => text.replace(/[?#].*$/, '');
  const wanted = strip(product);
  const have = strip(purl);
  if (wanted === have) return true;
  return !wanted.slice(wanted.lastIndexOf('/')).includes('@') && have.startsWith(`${wanted}@`);
}

function namesOf(finding: VulnFinding): Set<string> {
  return new Set([finding.id, ...finding.ids, ...finding.aliases]);
}

function scanLocation(ref: string, target: ScanTarget, layerIndex: number | undefined, path: string | undefined): ImageLocation {
  const location: ImageLocation = { image: ref };
  if (layerIndex !== undefined) location.layerIndex = layerIndex;
  if (path !== undefined) location.path = path;
  const row = target.layers.find((layer) => layer.index === layerIndex);
  if (row?.diffId) location.layer = row.diffId;
  if (row?.instruction) location.instruction = row.instruction;
  if (row?.dockerfile) location.dockerfile = row.dockerfile;
  return location;
}

const DAY_MS = 86_400_000;

const RUNTIME_PRODUCTS: Record<ImageRuntime['name'], string> = { nodejs: 'nodejs', python: 'python', go: 'go', java: 'eclipse-temurin', ruby: 'ruby', php: 'php' };

function eolOf(dir: string, product: string, version: string): ScanEol {
  const data = eolProduct(dir, product);
  const cycle: EolCycle | undefined = data ? eolCycleOf(data.cycles, version) : undefined;
  const out: ScanEol = { product, version };
  if (cycle) {
    out.cycle = cycle.cycle;
    out.eol = cycle.eol;
  }
  if (data) out.asOf = data.asOf;
  return out;
}

function compareSafely(compare: CompareVersions, ecosystem: string, a: string, b: string): number {
  try {
    return compare(ecosystem, a, b);
  } catch {
    return a < b ? -1 : a > b ? 1 : 0;
  }
}

/**
 * Per vulnerable package as OSV knows it (the source package for a distribution's binaries, so `jq` and `libjq1`
 * count once), the lowest version that removes the most of its vulnerabilities.
 */
function upgradesOf(vulnerabilities: readonly ScanVulnerability[], compare: CompareVersions): ScanUpgrade[] {
  const byPackage = new Map<string, Map<string, ScanVulnerability>>();
  for (const vulnerability of vulnerabilities) {
    const key = `${vulnerability.query.ecosystem}\0${vulnerability.query.name}\0${vulnerability.query.version}`;
    const group = byPackage.get(key) ?? new Map<string, ScanVulnerability>();
    group.set(vulnerability.id, vulnerability);
    byPackage.set(key, group);
  }
  const upgrades: ScanUpgrade[] = [];
  for (const distinct of byPackage.values()) {
    const group = [...distinct.values()];
    const { ecosystem } = group[0]!.query;
    const candidates = [...new Set(group.flatMap((vulnerability) => vulnerability.fixed))].sort((a, b) => compareSafely(compare, ecosystem, a, b));
    let best: { to: string; removes: number } | undefined;
    for (const to of candidates) {
      const removes = group.filter((vulnerability) => vulnerability.fixed.some((fixed) => compareSafely(compare, ecosystem, fixed, to) <= 0)).length;
      if (!best || removes > best.removes) best = { to, removes };
    }
    if (best) {
      const { name, version } = group[0]!.query;
      upgrades.push({ package: name, ecosystem, from: version, to: best.to, removes: best.removes, of: group.length });
    }
  }
  return upgrades.sort((a, b) => b.removes - a.removes || (a.package < b.package ? -1 : a.package > b.package ? 1 : 0));
}

function isImageReport(value: Image | ImageReport): value is ImageReport {
  return 'image' in value && 'findings' in value;
}

/** Scans an image (or the report `analyzeImage` already made of one) against the local vulnerability database. */
export async function scanImage(target: Image | ImageReport, options: ScanOptions = {}): Promise<ScanReport> {
  const dir = databaseOf(options);
  const report = isImageReport(target) ? target : await analyzeImage(target, options.analyze);
  const summary = report.image;
  const image: ScanReport['image'] = { ref: summary.ref, configDigest: summary.configDigest, platform: summary.platform, os: summary.os, runtimes: summary.runtimes };
  if (summary.manifestDigest) image.manifestDigest = summary.manifestDigest;
  return scanTarget(dir, { image, packages: summary.packages, layers: summary.layers }, options);
}

/** The prefix of a scan target that is an SBOM file rather than an image. */
export const SBOM_PREFIX = 'sbom:';

/** Scans the packages an SBOM lists (CycloneDX or SPDX JSON, ours or another tool's), without the image. */
export function scanSbom(path: string, options: ScanOptions = {}): ScanReport {
  const dir = databaseOf(options);
  const sbom = readSbom(path);
  const image: ScanReport['image'] = { ref: `${SBOM_PREFIX}${path}`, runtimes: [] };
  if (sbom.os) image.os = sbom.os;
  return scanTarget(dir, { image, packages: sbom.packages, layers: [] }, options);
}

/** Refuses a database directory that holds nothing, saying how to fill it: before an image is read, not after. */
export function requireDatabase(dir: string): void {
  if (storedEcosystems(dir).length === 0) throw new InputError(`no vulnerability database in ${dir}: run \`shipshape db update\` or \`shipshape db import FILE\` first`);
}

function databaseOf(options: ScanOptions): string {
  const dir = options.dbDir ?? defaultDbDir();
  requireDatabase(dir);
  return dir;
}

/**
 * An image report with the scan's findings among its own, so that `check --image` joins each vulnerable package
 * to the Dockerfile line of the layer that installed it, as it does the image's other findings.
 */
export function withScanFindings(image: ImageReport, scan: ScanReport): ImageReport {
  const findings = [...image.findings, ...scan.findings];
  return { ...image, findings, summary: summarize(findings) };
}

function scanTarget(dir: string, target: ScanTarget, options: ScanOptions): ScanReport {
  const stored = new Set(storedEcosystems(dir));
  const now = options.now ?? new Date();
  const ignores = options.ignoreFile ? readIgnoreFile(options.ignoreFile) : [];
  const vex = (options.vex ?? []).flatMap(readVex);
  const db = new VulnDb(dir);
  try {
    return scanWith(db, dir, stored, target, ignores, vex, now, options);
  } finally {
    db.close();
  }
}

function scanWith(
  source: OsvSource,
  dir: string,
  stored: ReadonlySet<string>,
  target: ScanTarget,
  ignores: readonly IgnoreEntry[],
  vex: readonly VexStatement[],
  now: Date,
  options: ScanOptions,
): ScanReport {
  const { ref, os } = target.image;
  const compare: CompareVersions = compareVersions;
  const levels = new Set(options.severities?.length ? options.severities : VULN_LEVELS);
  const today = isoDay(now);
  const notes: string[] = [];
  const skipped = new Map<string, number>();
  const missing = new Map<string, number>();
  const cache = new Map<string, VulnFinding[]>();
  const findings: Finding[] = [];
  const vulnerabilities: ScanVulnerability[] = [];
  const suppressed: ScanSuppression[] = [];
  const expiredUsed = new Set<IgnoreEntry>();

  for (const pkg of target.packages) {
    const query = osvQueryOf(pkg, os);
    if ('skip' in query) {
      skipped.set(query.skip, (skipped.get(query.skip) ?? 0) + 1);
      continue;
    }
    if (!stored.has(baseEcosystem(query.ecosystem))) {
      missing.set(query.ecosystem, (missing.get(query.ecosystem) ?? 0) + 1);
      continue;
    }
    const key = `${query.ecosystem}\0${query.name}\0${query.version}`;
    let matched = cache.get(key);
    if (!matched) {
      matched = matchPackage(source, query, compare);
      cache.set(key, matched);
    }
    for (const match of matched) {
      const label = `${pkg.name} ${pkg.version}`;
      if (!levels.has(match.severity.level)) continue;
      if (options.ignoreUnfixed && match.fixed.length === 0) continue;
      const names = namesOf(match);
      const ignore = ignores.find((entry) => names.has(entry.id) && (entry.package === undefined || entry.package === pkg.name || entry.package === query.name));
      if (ignore && (ignore.expires === undefined || ignore.expires >= today)) {
        suppressed.push({ id: match.id, package: label, by: 'ignore-file', reason: ignore.reason });
        continue;
      }
      if (ignore) expiredUsed.add(ignore);
      const statement = vex.find((entry) => entry.ids.some((id) => names.has(id)) && entry.products.some((product) => purlCovers(product, pkg.purl)));
      if (statement) {
        suppressed.push({ id: match.id, package: label, by: 'vex', reason: statement.justification });
        continue;
      }
      const fixed = [...match.fixed].sort((a, b) => compareSafely(compare, query.ecosystem, a, b));
      const vulnerability: ScanVulnerability = {
        id: match.id,
        ids: match.ids,
        aliases: [...match.ids, ...match.aliases].filter((id) => id !== match.id),
        severity: match.severity,
        package: { ecosystem: pkg.ecosystem, name: pkg.name, version: pkg.version, purl: pkg.purl },
        query,
        fixed,
      };
      if (pkg.path !== undefined) vulnerability.package.path = pkg.path;
      if (pkg.layerIndex !== undefined) vulnerability.package.layerIndex = pkg.layerIndex;
      if (match.summary) vulnerability.summary = match.summary;
      vulnerabilities.push(vulnerability);
      const score = match.severity.score !== undefined ? ` ${match.severity.score}` : '';
      const fix = fixed.length > 0 ? `fixed in ${fixed.join(', ')}` : 'no fix yet';
      const finding: Finding = {
        ruleId: `vuln/${match.id}`,
        severity: LEVEL_TO_SEVERITY[match.severity.level],
        message: `${label} (${pkg.purl}): ${match.severity.level}${score}, ${fix}${match.summary ? `: ${match.summary}` : ''}`,
        messageId: match.severity.level,
        location: scanLocation(ref, target, pkg.layerIndex, pkg.path),
      };
      if (vulnerability.aliases.length > 0) finding.aliases = vulnerability.aliases;
      findings.push(finding);
    }
  }
  for (const [reason, count] of skipped) notes.push(`${count} ${reason}: not checked`);
  for (const [ecosystem, count] of missing) {
    notes.push(`${count} ${ecosystem} packages not checked: the database has no ${baseEcosystem(ecosystem)} data (run \`shipshape db update --ecosystem ${baseEcosystem(ecosystem)}\`)`);
  }

  const eol: ScanSection['eol'] = { runtimes: [] };
  const facts: ScanFacts = {
    today,
    warnUntil: isoDay(new Date(now.getTime() + EOL_WARNING_DAYS * DAY_MS)),
    runtimes: [],
    expired: [...expiredUsed].map((entry) => ({ id: entry.id, ...(entry.package ? { package: entry.package } : {}), expires: entry.expires!, location: { image: ref } })),
  };
  const eolFact = (what: string, data: ScanEol, location: ImageLocation): EolFact => ({ what, ...(data.eol !== undefined ? { eol: data.eol } : {}), location });
  const osVersion = os?.id === 'alpine' ? (os.release ?? os.versionId) : (os?.versionId ?? os?.release);
  if (os?.id && osVersion && ['debian', 'ubuntu', 'alpine'].includes(os.id)) {
    eol.base = eolOf(dir, os.id, osVersion);
    facts.base = eolFact(os.prettyName ?? `${os.id} ${osVersion}`, eol.base, { image: ref });
  }
  for (const runtime of target.image.runtimes) {
    const data = eolOf(dir, RUNTIME_PRODUCTS[runtime.name], runtime.version);
    eol.runtimes.push(data);
    const location: ImageLocation = 'path' in runtime.source ? scanLocation(ref, target, runtime.source.layerIndex, runtime.source.path) : { image: ref, variable: runtime.source.env };
    facts.runtimes.push(eolFact(`${runtime.name} ${runtime.version}`, data, location));
  }
  const domain: Domain<ScanDomain> = { place: (problem) => ({ location: problem.location }), traverse() {} };
  findings.push(...runRules(domain, facts, { rules: scanRules, settings: options.rules }));

  const base = makeReport({ kind: 'image', ref }, findings);
  const scan: ScanSection = {
    db: dir,
    packages: target.packages.length,
    vulnerabilities,
    suppressed,
    upgrades: upgradesOf(vulnerabilities, compare),
    eol,
    notes,
  };
  if (os) scan.os = os;
  const osEcosystem = os ? osvEcosystemOf(os) : undefined;
  if (osEcosystem) scan.osEcosystem = osEcosystem;
  return { ...base, image: target.image, scan };
}

/** The default ignore file of a directory, when it has one. */
export function defaultIgnoreFile(dir: string): string | undefined {
  const path = `${dir}/${IGNORE_FILE}`;
  return existsSync(path) ? path : undefined;
}
