// Which OSV records affect a package version, with OSV's semantics: a version is affected when an affected
// entry for its package lists it in `versions`, or when it falls in one of the entry's ECOSYSTEM or SEMVER ranges
// (`introduced`/`fixed`/`last_affected`/`limit`; GIT ranges need the commit graph and are left out). Withdrawn
// records never match. Records that name each other as aliases make one finding.
import { cvssScore, type CvssScore } from './cvss.js';
import { compareVersions } from './versioning/index.js';
import { normalizePackageName, type OsvAffected, type OsvRange, type OsvRecord, type OsvSeverity } from './osv.js';

/** -1, 0 or 1 as `a` sorts before, with or after `b` in the ecosystem's version order (OSV ecosystem names). */
export type CompareVersions = (ecosystem: string, a: string, b: string) => -1 | 0 | 1;

/** Where records come from: those with an affected entry for this (ecosystem, name). */
export interface OsvSource {
  records(ecosystem: string, name: string): OsvRecord[];
}

export interface PackageQuery {
  /** OSV ecosystem, release included where OSV keys by release (`Debian:12`, `Alpine:v3.20`). */
  ecosystem: string;
  name: string;
  version: string;
}

export type VulnSeverityLevel = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

export interface VulnSeverity {
  level: VulnSeverityLevel;
  /** The CVSS base score the level comes from, when it comes from a vector. */
  score?: number;
  vector?: string;
  /** `CVSS_V4`, `CVSS_V3`, `Ubuntu`, or the record field the ecosystem's own rating was read from. */
  source?: string;
}

export interface VulnFinding {
  /** The group's name: its CVE when it has exactly one, else its first record id. */
  id: string;
  /** The ids of the matching records, merged because they alias each other. */
  ids: string[];
  /** Every alias of the group's records, its own ids left out. */
  aliases: string[];
  package: PackageQuery;
  /** Versions that fix it (the `fixed` ends of the ranges the version falls in); empty when there is no fix. */
  fixed: string[];
  severity: VulnSeverity;
  summary?: string;
  modified: string;
}

const LEVEL_ORDER: VulnSeverityLevel[] = ['unknown', 'low', 'medium', 'high', 'critical'];

// Ecosystems' own words: GHSA (database_specific.severity), Ubuntu priorities, Debian urgencies, Red Hat.
const LEVEL_WORDS: Record<string, VulnSeverityLevel> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  negligible: 'low',
  unimportant: 'low',
  'end-of-life': 'low',
};

function levelOf(score: CvssScore): VulnSeverityLevel {
  return score.rating === 'none' ? 'low' : score.rating;
}

function wordLevel(value: unknown): VulnSeverityLevel | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().toLowerCase();
  return Object.hasOwn(LEVEL_WORDS, key) ? LEVEL_WORDS[key] : undefined;
}

/**
 * The severity OSV gives a record for one affected package: the CVSS v4.0 base score, else v3.x, computed from
 * the vector (the affected entry's own `severity` first, then the record's); else a rating word (Ubuntu's
 * priority, GHSA's `database_specific.severity`, an ecosystem's `ecosystem_specific` severity or urgency).
 */
export function recordSeverity(record: OsvRecord, affected?: OsvAffected): VulnSeverity {
  const lists: (OsvSeverity[] | undefined)[] = [affected?.severity, record.severity];
  for (const type of ['CVSS_V4', 'CVSS_V3']) {
    for (const list of lists) {
      for (const entry of list ?? []) {
        if (entry.type !== type) continue;
        const score = cvssScore(entry.score);
        if (score) return { level: levelOf(score), score: score.score, vector: entry.score, source: type };
      }
    }
  }
  for (const list of lists) {
    for (const entry of list ?? []) {
      const level = entry.type === 'Ubuntu' ? wordLevel(entry.score) : undefined;
      if (level) return { level, source: 'Ubuntu' };
    }
  }
  const places: [string, Record<string, unknown> | undefined][] = [
    ['affected.ecosystem_specific', affected?.ecosystem_specific],
    ['affected.database_specific', affected?.database_specific],
    ['database_specific', record.database_specific],
  ];
  for (const [place, fields] of places) {
    for (const key of ['severity', 'urgency']) {
      const level = wordLevel(fields?.[key]);
      if (level) return { level, source: `${place}.${key}` };
    }
  }
  return { level: 'unknown' };
}

// SEMVER ranges are ordered by Semantic Versioning 2.0 whatever the package's ecosystem (a Go module, a crate),
// with the project's SemVer scheme: it reads `1.0` and Go's `1.20.0rc1`, where npm's `semver.compare` throws.
function compareSemver(a: string, b: string): -1 | 0 | 1 {
  return compareVersions('npm', a, b);
}

type Compare = (a: string, b: string) => number;

const INTRODUCED_ZERO = '0';
const NO_LIMIT = '*';

interface RangeEvent {
  kind: 'introduced' | 'fixed' | 'last_affected' | 'limit';
  version: string;
}

function eventsOf(range: OsvRange): RangeEvent[] {
  const events: RangeEvent[] = [];
  for (const event of range.events) {
    for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
      const version = event[kind];
      if (typeof version === 'string') events.push({ kind, version });
    }
  }
  return events;
}

/** Orders events by version; `introduced: "0"` sorts before every version and `limit: "*"` after. */
function eventOrder(compare: Compare): (a: RangeEvent, b: RangeEvent) => number {
  const rank = (event: RangeEvent): number =>
    event.kind === 'introduced' && event.version === INTRODUCED_ZERO ? -1 : event.kind === 'limit' && event.version === NO_LIMIT ? 1 : 0;
  return (a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra !== 0 || rb !== 0) return ra - rb;
    return compare(a.version, b.version);
  };
}

/**
 * Whether `version` is in the range (the OSV schema's evaluation: the state after the last event at or below
 * the version, limits bounding the whole range), and if so the fixed version that ends its interval.
 * Undefined when the version is not affected.
 */
export function rangeAffects(range: OsvRange, version: string, compare: Compare): { fixed?: string } | undefined {
  const events = eventsOf(range);
  const atOrAbove = (bound: string): boolean => compare(version, bound) >= 0;
  const limits = events.filter((event) => event.kind === 'limit');
  if (limits.length > 0 && !limits.some((limit) => limit.version === NO_LIMIT || compare(version, limit.version) < 0)) return undefined;
  const sorted = events.filter((event) => event.kind !== 'limit').sort(eventOrder(compare));
  let affected = false;
  let index = 0;
  for (; index < sorted.length; index++) {
    const event = sorted[index]!;
    if (event.kind === 'introduced') {
      if (event.version !== INTRODUCED_ZERO && !atOrAbove(event.version)) break;
      affected = true;
    } else if (event.kind === 'fixed') {
      if (!atOrAbove(event.version)) break;
      affected = false;
    } else {
      if (compare(version, event.version) <= 0) break;
      affected = false;
    }
  }
  if (!affected) return undefined;
  const fix = sorted.slice(index).find((event) => event.kind === 'fixed' || event.kind === 'introduced');
  return fix?.kind === 'fixed' ? { fixed: fix.version } : {};
}

/** Whether one affected entry covers the version: listed in `versions`, or inside an ECOSYSTEM or SEMVER range. */
export function affectedEntryMatches(
  affected: OsvAffected,
  version: string,
  ecosystem: string,
  compare: CompareVersions,
): { fixed: string[] } | undefined {
  let matched = affected.versions?.includes(version) ?? false;
  const fixed = new Set<string>();
  for (const range of affected.ranges ?? []) {
    let order: Compare;
    if (range.type === 'SEMVER') order = compareSemver;
    else if (range.type === 'ECOSYSTEM') order = (a, b) => compare(ecosystem, a, b);
    else continue;
    let hit: { fixed?: string } | undefined;
    try {
      hit = rangeAffects(range, version, order);
    } catch {
      // A version the comparator cannot read (a malformed record, or a version outside the scheme) matches nothing.
      continue;
    }
    if (!hit) continue;
    matched = true;
    if (hit.fixed) fixed.add(hit.fixed);
  }
  if (!matched) return undefined;
  // A version matched by the `versions` list alone still has the fixes its ranges name above it.
  if (fixed.size === 0) {
    for (const range of affected.ranges ?? []) {
      for (const event of range.events) if (typeof event.fixed === 'string' && safeAtOrAbove(event.fixed, version, range, ecosystem, compare)) fixed.add(event.fixed);
    }
  }
  return { fixed: [...fixed] };
}

function safeAtOrAbove(candidate: string, version: string, range: OsvRange, ecosystem: string, compare: CompareVersions): boolean {
  try {
    return (range.type === 'SEMVER' ? compareSemver(candidate, version) : compare(ecosystem, candidate, version)) > 0;
  } catch {
    return false;
  }
}

/** The records (not yet merged) affecting one package version, each with the fixes its entries name. */
export function matchingRecords(
  records: readonly OsvRecord[],
  query: PackageQuery,
  compare: CompareVersions,
): { record: OsvRecord; affected: OsvAffected; fixed: string[] }[] {
  const name = normalizePackageName(query.ecosystem, query.name);
  const hits: { record: OsvRecord; affected: OsvAffected; fixed: string[] }[] = [];
  for (const record of records) {
    if (record.withdrawn) continue;
    let first: OsvAffected | undefined;
    const fixed = new Set<string>();
    for (const affected of record.affected ?? []) {
      const pkg = affected.package;
      if (!pkg || pkg.ecosystem !== query.ecosystem || normalizePackageName(pkg.ecosystem, pkg.name) !== name) continue;
      const hit = affectedEntryMatches(affected, query.version, query.ecosystem, compare);
      if (!hit) continue;
      first ??= affected;
      for (const version of hit.fixed) fixed.add(version);
    }
    if (first) hits.push({ record, affected: first, fixed: [...fixed] });
  }
  return hits;
}

function isCve(id: string): boolean {
  return /^CVE-\d{4}-\d+$/.test(id);
}

/**
 * The findings for one package version: the matching records, merged where their ids and aliases connect
 * (a DSA and the CVEs it names, a GHSA and its PYSEC twin), each group with the union of its fixes and its highest
 * severity.
 */
export function matchPackage(source: OsvSource, query: PackageQuery, compare: CompareVersions): VulnFinding[] {
  const hits = matchingRecords(source.records(query.ecosystem, query.name), query, compare);
  // Union-find over every id and alias the hits mention.
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    if (!parent.has(id)) parent.set(id, id);
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const { record } of hits) for (const alias of record.aliases ?? []) union(record.id, alias);

  const groups = new Map<string, typeof hits>();
  for (const hit of hits) {
    const root = find(hit.record.id);
    const group = groups.get(root) ?? [];
    group.push(hit);
    groups.set(root, group);
  }
  const findings: VulnFinding[] = [];
  for (const group of groups.values()) {
    const ids = [...new Set(group.map((hit) => hit.record.id))].sort();
    const aliasSet = new Set<string>();
    for (const { record } of group) for (const alias of record.aliases ?? []) if (!ids.includes(alias)) aliasSet.add(alias);
    const aliases = [...aliasSet].sort();
    const cves = [...ids, ...aliases].filter(isCve);
    const fixed = [...new Set(group.flatMap((hit) => hit.fixed))];
    let severity: VulnSeverity = { level: 'unknown' };
    let modified = '';
    let summary: string | undefined;
    for (const { record, affected } of group) {
      const candidate = recordSeverity(record, affected);
      if (LEVEL_ORDER.indexOf(candidate.level) > LEVEL_ORDER.indexOf(severity.level) ||
        (candidate.level === severity.level && (candidate.score ?? -1) > (severity.score ?? -1))) {
        severity = candidate;
      }
      if (record.modified > modified) modified = record.modified;
      summary ??= record.summary;
    }
    const finding: VulnFinding = {
      id: new Set(cves).size === 1 ? cves[0]! : ids[0]!,
      ids,
      aliases,
      package: { ...query },
      fixed,
      severity,
      modified,
    };
    if (summary) finding.summary = summary;
    findings.push(finding);
  }
  return findings.sort((a, b) => LEVEL_ORDER.indexOf(b.severity.level) - LEVEL_ORDER.indexOf(a.severity.level) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
