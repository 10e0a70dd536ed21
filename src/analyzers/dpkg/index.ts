import { databaseInventory } from '../inventory.js';
import type { FileAnalyzer } from '../types.js';

export interface DpkgPackage {
  name: string;
  version: string;
  architecture?: string;
  /** The source package when it differs from `name` (for vulnerability matching). */
  source?: string;
  sourceVersion?: string;
  /** `Installed-Size` in bytes (dpkg records KiB). */
  installedBytes?: number;
}

const STATUS = 'var/lib/dpkg/status';
const STATUS_DIR = 'var/lib/dpkg/status.d/';

/** Parses dpkg's RFC 822-style stanzas; keeps the packages that are installed (status.d files have no Status). */
export function parseDpkgStatus(text: string): DpkgPackage[] {
  const packages: DpkgPackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields: Record<string, string> = {};
    for (const line of stanza.split('\n')) {
      if (/^\s/.test(line)) continue;
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
    }
    if (!fields.Package || !fields.Version) continue;
    if (fields.Status && !/\binstalled$/.test(fields.Status)) continue;
    const pkg: DpkgPackage = { name: fields.Package, version: fields.Version };
    if (fields.Architecture) pkg.architecture = fields.Architecture;
    const source = /^(\S+)(?:\s+\((.+)\))?$/.exec(fields.Source ?? '');
    if (source) {
      pkg.source = source[1]!;
      if (source[2]) pkg.sourceVersion = source[2];
    }
    const size = Number(fields['Installed-Size']);
    if (Number.isFinite(size) && size > 0) pkg.installedBytes = size * 1024;
    packages.push(pkg);
  }
  return packages;
}

export const dpkgAnalyzer: FileAnalyzer<DpkgPackage[]> = {
  name: 'dpkg',
  version: 1,
  description: 'Debian packages: var/lib/dpkg/status and the distroless var/lib/dpkg/status.d/',
  maxFileBytes: 64 * 1024 * 1024,
  wants(path, entry) {
    if (entry.kind !== 'file') return false;
    return path === STATUS || (path.startsWith(STATUS_DIR) && !path.endsWith('.md5sums') && !path.slice(STATUS_DIR.length).includes('/'));
  },
  analyze({ content }) {
    const packages = parseDpkgStatus(content.toString('utf8'));
    return packages.length > 0 ? packages : undefined;
  },
  inventory(facts) {
    return databaseInventory(facts, (pkg, layer, path) => ({
      type: 'deb',
      name: pkg.name,
      version: pkg.version,
      layer,
      path,
      ...(pkg.source ? { source: pkg.source } : {}),
      ...(pkg.sourceVersion ? { sourceVersion: pkg.sourceVersion } : {}),
      ...(pkg.architecture ? { qualifiers: { arch: pkg.architecture } } : {}),
    }));
  },
};
