import { databaseInventory } from '../inventory.js';
import type { FileAnalyzer } from '../types.js';

export interface ApkPackage {
  name: string;
  version: string;
  architecture?: string;
  origin?: string;
  /** The `L:` field, an SPDX-like expression. */
  license?: string;
  installedBytes?: number;
}

/** Parses Alpine's `lib/apk/db/installed`: blank-line separated stanzas of one-letter fields. */
export function parseApkInstalled(text: string): ApkPackage[] {
  const packages: ApkPackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields: Record<string, string> = {};
    for (const line of stanza.split('\n')) {
      if (line.length > 2 && line[1] === ':' && !(line[0]! in fields)) fields[line[0]!] = line.slice(2).trim();
    }
    if (!fields.P || !fields.V) continue;
    const pkg: ApkPackage = { name: fields.P, version: fields.V };
    if (fields.A) pkg.architecture = fields.A;
    if (fields.o) pkg.origin = fields.o;
    if (fields.L) pkg.license = fields.L;
    const size = Number(fields.I);
    if (Number.isFinite(size) && size > 0) pkg.installedBytes = size;
    packages.push(pkg);
  }
  return packages;
}

export const apkAnalyzer: FileAnalyzer<ApkPackage[]> = {
  name: 'apk',
  version: 2,
  description: 'Alpine packages: lib/apk/db/installed',
  maxFileBytes: 64 * 1024 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && path === 'lib/apk/db/installed';
  },
  analyze({ content }) {
    const packages = parseApkInstalled(content.toString('utf8'));
    return packages.length > 0 ? packages : undefined;
  },
  inventory(facts) {
    return databaseInventory(facts, (pkg, layer, path) => ({
      type: 'apk',
      name: pkg.name,
      version: pkg.version,
      layer,
      path,
      ...(pkg.origin ? { source: pkg.origin } : {}),
      ...(pkg.license ? { licenses: [pkg.license] } : {}),
      ...(pkg.architecture ? { qualifiers: { arch: pkg.architecture } } : {}),
    }));
  },
};
