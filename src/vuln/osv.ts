// The parts of an OSV record (https://ossf.github.io/osv-schema/) that matching and reporting read, and the
// names OSV keys packages by.
import type { OsRelease } from '../analyzers/os-release/index.js';

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  repo?: string;
  events: OsvEvent[];
}

export interface OsvSeverity {
  type: string;
  score: string;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  severity?: OsvSeverity[];
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvRecord {
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  upstream?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  database_specific?: Record<string, unknown>;
}

/** The ecosystem a release-specific one belongs to: `Debian:12` → `Debian`, `Ubuntu:Pro:18.04:LTS` → `Ubuntu`. */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  return colon < 0 ? ecosystem : ecosystem.slice(0, colon);
}

/**
 * The name OSV keys a package by: PyPI names are compared in their PEP 503 normal form (`Jinja2` and `jinja2`,
 * `zope.interface` and `zope-interface` are one project); every other ecosystem's names are taken as written.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  if (baseEcosystem(ecosystem) === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return name;
}

/**
 * The OSV ecosystem of an operating system's packages, release included (OSV's Debian, Ubuntu and Alpine
 * records are per release): Debian 12 → `Debian:12`, Alpine 3.20.3 → `Alpine:v3.20`, Ubuntu 22.04 →
 * `Ubuntu:22.04:LTS` (LTS releases are the even years' April ones). Undefined for a system OSV has no records for
 * under a name we can derive, or without a release number (Debian testing and sid).
 */
export function osvEcosystemOf(os: OsRelease): string | undefined {
  const version = os.versionId ?? os.release;
  if (!version) return undefined;
  switch (os.id) {
    case 'debian': {
      const major = /^(\d+)/.exec(version)?.[1];
      return major ? `Debian:${major}` : undefined;
    }
    case 'alpine': {
      const minor = /^(\d+\.\d+)/.exec(version)?.[1];
      return minor ? `Alpine:v${minor}` : undefined;
    }
    case 'ubuntu': {
      const match = /^(\d\d)\.(\d\d)/.exec(version);
      if (!match) return undefined;
      const lts = match[2] === '04' && Number(match[1]) % 2 === 0;
      return `Ubuntu:${match[1]}.${match[2]}${lts ? ':LTS' : ''}`;
    }
    default:
      return undefined;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Checks the shape matching relies on; returns a reason when the value is not an OSV record. */
export function osvRecordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  if (typeof record.id !== 'string' || record.id === '') return 'no "id"';
  if (typeof record.modified !== 'string') return `${record.id}: no "modified" date`;
  if (record.aliases !== undefined && !isStringArray(record.aliases)) return `${record.id}: "aliases" is not a list of strings`;
  if (record.affected === undefined) return undefined;
  if (!Array.isArray(record.affected)) return `${record.id}: "affected" is not a list`;
  for (const affected of record.affected as unknown[]) {
    if (typeof affected !== 'object' || affected === null) return `${record.id}: an "affected" entry is not an object`;
    const entry = affected as Record<string, unknown>;
    const pkg = entry.package as Record<string, unknown> | undefined;
    if (pkg !== undefined && (typeof pkg !== 'object' || pkg === null || typeof pkg.ecosystem !== 'string' || typeof pkg.name !== 'string')) {
      return `${record.id}: an affected package has no ecosystem or name`;
    }
    if (entry.versions !== undefined && !isStringArray(entry.versions)) return `${record.id}: "versions" is not a list of strings`;
    if (entry.ranges === undefined) continue;
    if (!Array.isArray(entry.ranges)) return `${record.id}: "ranges" is not a list`;
    for (const range of entry.ranges as unknown[]) {
      const r = range as Record<string, unknown> | null;
      if (typeof r !== 'object' || r === null || typeof r.type !== 'string' || !Array.isArray(r.events)) {
        return `${record.id}: a range has no type or events`;
      }
      for (const event of r.events as unknown[]) {
        if (typeof event !== 'object' || event === null) return `${record.id}: a range event is not an object`;
        const values = Object.values(event as Record<string, unknown>);
        if (values.length !== 1 || typeof values[0] !== 'string') return `${record.id}: a range event must have exactly one version`;
      }
    }
  }
  return undefined;
}
