import { databaseInventory } from '../inventory.js';
import type { FileAnalyzer } from '../types.js';
import { BerkeleyFormatError, berkeleyHashValues } from './berkeley.js';
import { parseRpmHeader, RpmHeaderError, sourceOfRpm, type RpmPackage } from './header.js';
import { SqliteFile, SqliteFormatError } from './sqlite.js';

export type { RpmPackage } from './header.js';

/** rpm's databases by format: SQLite (rpm 4.16+), Berkeley DB (older releases), NDB (SUSE). */
const SQLITE = /(?:^|\/)var\/lib\/rpm\/rpmdb\.sqlite$|(?:^|\/)usr\/lib\/sysimage\/rpm\/rpmdb\.sqlite$/;
const BERKELEY = /(?:^|\/)var\/lib\/rpm\/Packages$|(?:^|\/)usr\/lib\/sysimage\/rpm\/Packages$/;
const NDB = /(?:^|\/)(?:var\/lib\/rpm|usr\/lib\/sysimage\/rpm)\/Packages\.db$/;

function headersOf(path: string, content: Buffer): Iterable<Buffer> {
  if (SQLITE.test(path)) {
    const db = new SqliteFile(content);
    const root = db.tableRoot('Packages');
    if (root === undefined) return [];
    return (function* () {
      for (const [, blob] of db.rows(root)) if (Buffer.isBuffer(blob)) yield blob;
    })();
  }
  return berkeleyHashValues(content);
}

/**
 * The packages of an rpm database. A format this reader does not know, or a damaged file, throws: the walk
 * reports it as a note on the image, so a scan never passes silently over a database it could not read.
 */
export function readRpmDatabase(path: string, content: Buffer): RpmPackage[] {
  if (NDB.test(path)) throw new Error('an NDB rpm database (SUSE): this format is not read, so its packages are not listed');
  const packages: RpmPackage[] = [];
  try {
    for (const header of headersOf(path, content)) {
      const pkg = parseRpmHeader(header);
      if (pkg) packages.push(pkg);
    }
  } catch (error) {
    if (error instanceof SqliteFormatError || error instanceof BerkeleyFormatError || error instanceof RpmHeaderError) {
      throw new Error(`the rpm database is damaged or of an unknown layout (${error.message}): its packages are not listed`);
    }
    throw error;
  }
  return packages;
}

/** rpm's `[epoch:]version-release`, the form advisories and `rpm -q` compare. */
export function rpmVersion(pkg: RpmPackage): string {
  return `${pkg.epoch ? `${pkg.epoch}:` : ''}${pkg.version}-${pkg.release}`;
}

export const rpmAnalyzer: FileAnalyzer<RpmPackage[]> = {
  name: 'rpm',
  version: 1,
  description: 'RPM packages: rpmdb.sqlite (rpm 4.16+) and the Berkeley DB Packages of RHEL 7 and Amazon Linux 2',
  maxFileBytes: 256 * 1024 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && (SQLITE.test(path) || BERKELEY.test(path) || NDB.test(path));
  },
  analyze({ path, content, truncated }) {
    if (truncated) throw new Error('the rpm database is larger than the 256 MB read: its packages are not listed');
    const packages = readRpmDatabase(path, content);
    return packages.length > 0 ? packages : undefined;
  },
  inventory(facts) {
    const databases = facts.map((found) => ({
      ...found,
      fact: found.fact.map((pkg) => ({ ...pkg, version: rpmVersion(pkg) })),
    }));
    return databaseInventory(databases, (pkg, layer, path) => {
      const source = pkg.sourceRpm ? sourceOfRpm(pkg.sourceRpm) : undefined;
      const qualifiers: Record<string, string> = {};
      if (pkg.arch) qualifiers.arch = pkg.arch;
      if (pkg.epoch) qualifiers.epoch = String(pkg.epoch);
      return {
        type: 'rpm',
        name: pkg.name,
        version: pkg.version,
        layer,
        path,
        ...(source && source.name !== pkg.name ? { source: source.name, sourceVersion: source.version } : {}),
        ...(pkg.license ? { licenses: [pkg.license] } : {}),
        ...(Object.keys(qualifiers).length > 0 ? { qualifiers } : {}),
      };
    });
  },
};
