// The local vulnerability database: one file per OSV ecosystem under the DB directory, each replaced whole by a
// rename, so a reader sees the old file or the new one and never half of either; `db import` and `db update`
// build the new file beside the old and swap it in only once it is complete.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, errorMessage } from '../core/errors.js';
import { defaultCacheDir } from '../image/cache.js';
import type { OsvSource } from './match.js';
import { baseEcosystem, osvRecordProblem, type OsvRecord } from './osv.js';
import { StoreBuilder, StoreReader, readStoreHeader, type StoreHeader, type StoreSource } from './store.js';
import { ZipReader } from './zip.js';

const STORE_SUFFIX = '.osvdb';
const CHECKED_SUFFIX = '.checked.json';
/** A database older than this is reported as stale. */
export const STALE_AFTER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `$SHIPSHAPE_DB_DIR`, else `db` under the cache directory (`$XDG_CACHE_HOME/shipshape/db`, `~/.cache/shipshape/db`). */
export function defaultDbDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SHIPSHAPE_DB_DIR || join(defaultCacheDir(env), 'db');
}

function osvDir(dir: string): string {
  return join(dir, 'osv');
}

/** Ecosystem names become file names: `Red Hat` → `Red%20Hat`; nothing in a name can reach another directory. */
function storeFile(dir: string, ecosystem: string): string {
  return join(osvDir(dir), `${encodeURIComponent(ecosystem)}${STORE_SUFFIX}`);
}

/** Where the database is: the option, else `$SHIPSHAPE_DB_DIR`, else the config's `db.dir`, else the default. */
export function chosenDbDir(option: string | undefined, configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option ?? env.SHIPSHAPE_DB_DIR ?? configured ?? defaultDbDir(env);
}

export function checkedFile(dir: string, ecosystem: string): string {
  return join(osvDir(dir), `${encodeURIComponent(ecosystem)}${CHECKED_SUFFIX}`);
}

/** Files a killed `db update` or `db import` left behind are removed once they are this old. */
const LEFTOVER_AGE_MS = DAY_MS;

/**
 * A private directory for files being built, on the same file system as their destination. Leftovers of a run
 * that was killed are cleared; those of a run that may still be going are not.
 */
function stagingDir(dir: string): string {
  const staging = join(dir, 'tmp');
  mkdirSync(staging, { recursive: true });
  const now = Date.now();
  for (const name of readdirSync(staging)) {
    const path = join(staging, name);
    try {
      if (now - statSync(path).mtimeMs > LEFTOVER_AGE_MS) rmSync(path, { force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
  return staging;
}

export function stagingPath(dir: string, name: string): string {
  return join(stagingDir(dir), `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}-${encodeURIComponent(name)}`);
}

/** The ecosystems the database holds records for (OSV's names: `Debian`, `npm`, ...). */
export function storedEcosystems(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(osvDir(dir));
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith(STORE_SUFFIX))
    .map((name) => decodeURIComponent(name.slice(0, -STORE_SUFFIX.length)))
    .sort();
}

export function storedHeader(dir: string, ecosystem: string): StoreHeader | undefined {
  const file = storeFile(dir, ecosystem);
  return existsSync(file) ? readStoreHeader(file) : undefined;
}

/** The database opened for matching: each ecosystem's index read the first time a package of it is asked for. */
export class VulnDb implements OsvSource {
  private readonly readers = new Map<string, StoreReader | undefined>();

  constructor(readonly dir: string) {}

  records(ecosystem: string, name: string): OsvRecord[] {
    return this.reader(baseEcosystem(ecosystem))?.records(ecosystem, name) ?? [];
  }

  private reader(ecosystem: string): StoreReader | undefined {
    if (!this.readers.has(ecosystem)) {
      const file = storeFile(this.dir, ecosystem);
      this.readers.set(ecosystem, existsSync(file) ? new StoreReader(file) : undefined);
    }
    return this.readers.get(ecosystem);
  }

  close(): void {
    for (const reader of this.readers.values()) reader?.close();
    this.readers.clear();
  }
}

/** Builds new ecosystem files in the staging directory and swaps them in together once all are complete. */
export class StoreSwap {
  private readonly builders = new Map<string, { builder: StoreBuilder; path: string }>();

  constructor(
    private readonly dir: string,
    /** Keep the records already stored for an ecosystem the new data touches (import), or replace them (update). */
    private readonly keepExisting: boolean,
    /**
     * The one ecosystem to write. An ecosystem's export also lists the other ecosystems its records affect (a
     * GHSA record for a package on npm and PyPI); replacing PyPI's file with those few would lose the rest.
     */
    private readonly only?: string,
  ) {}

  add(record: OsvRecord): void {
    const ecosystems = new Set((record.affected ?? []).flatMap((entry) => (entry.package ? [baseEcosystem(entry.package.ecosystem)] : [])));
    for (const ecosystem of ecosystems) if (this.only === undefined || ecosystem === this.only) this.builder(ecosystem).add(record);
  }

  /** Makes sure the ecosystem gets a file even when the new data has no record for it (an empty export). */
  touch(ecosystem: string): void {
    this.builder(ecosystem);
  }

  private builder(ecosystem: string): StoreBuilder {
    const existing = this.builders.get(ecosystem);
    if (existing) return existing.builder;
    const path = stagingPath(this.dir, `${ecosystem}${STORE_SUFFIX}`);
    const builder = new StoreBuilder(path, ecosystem);
    this.builders.set(ecosystem, { builder, path });
    const current = storeFile(this.dir, ecosystem);
    if (this.keepExisting && existsSync(current)) {
      const reader = new StoreReader(current);
      try {
        for (const part of reader.storedParts()) builder.addStored(part);
      } finally {
        reader.close();
      }
    }
    return builder;
  }

  /** Finishes every file and renames each over the one it replaces. */
  commit(source: (ecosystem: string) => StoreSource): StoreHeader[] {
    const headers: StoreHeader[] = [];
    const finished: { ecosystem: string; path: string }[] = [];
    try {
      for (const [ecosystem, { builder, path }] of this.builders) {
        headers.push(builder.finish(source(ecosystem)));
        finished.push({ ecosystem, path });
      }
    } catch (error) {
      this.abandon();
      throw error;
    }
    mkdirSync(osvDir(this.dir), { recursive: true });
    for (const { ecosystem, path } of finished) {
      renameSync(path, storeFile(this.dir, ecosystem));
      rmSync(checkedFile(this.dir, ecosystem), { force: true });
    }
    this.builders.clear();
    return headers;
  }

  abandon(): void {
    for (const { builder, path } of this.builders.values()) {
      builder.abandon();
      rmSync(path, { force: true });
    }
    this.builders.clear();
  }
}

function parseRecords(text: string, label: string): OsvRecord[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${label}: invalid JSON (${errorMessage(error)})`);
  }
  const records = Array.isArray(value) ? value : [value];
  for (const record of records) {
    const problem = osvRecordProblem(record);
    if (problem) throw new InputError(`${label}: not an OSV record (${problem})`);
  }
  return records as OsvRecord[];
}

/** Feeds every record of an OSV zip to `add`; every entry is checked (size, CRC) before its records count. */
export function readOsvZip(path: string, add: (record: OsvRecord) => void): number {
  const zip = ZipReader.open(path);
  let count = 0;
  try {
    for (const entry of zip.entries) {
      if (!entry.name.endsWith('.json')) continue;
      const text = zip.readEntry(entry).toString('utf8');
      for (const record of parseRecords(text, `${path}: ${entry.name}`)) {
        add(record);
        count++;
      }
    }
  } finally {
    zip.close();
  }
  return count;
}

function inputFiles(input: string): string[] {
  let stat;
  try {
    stat = statSync(input);
  } catch {
    throw new InputError(`${input}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [input];
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && (entry.name.endsWith('.json') || entry.name.endsWith('.zip'))) files.push(path);
    }
  };
  walk(input);
  return files;
}

export interface ImportResult {
  /** Records read from the inputs. */
  read: number;
  /** The ecosystem files written, with their new counts. */
  ecosystems: StoreHeader[];
}

/**
 * `db import`: OSV zips and JSON files (or directories of them) added to the database. Records of an id already
 * stored are replaced when the new one is as new or newer. Nothing changes unless every input reads cleanly.
 */
export function importOsv(dir: string, inputs: readonly string[]): ImportResult {
  const files = inputs.flatMap(inputFiles);
  if (files.length === 0) throw new InputError(`${inputs.join(', ')}: no .json or .zip files to import`);
  const swap = new StoreSwap(dir, true);
  let read = 0;
  try {
    for (const file of files) {
      if (file.endsWith('.zip')) {
        read += readOsvZip(file, (record) => swap.add(record));
      } else {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
        }
        for (const record of parseRecords(text, file)) {
          swap.add(record);
          read++;
        }
      }
    }
  } catch (error) {
    swap.abandon();
    throw error;
  }
  const ecosystems = swap.commit(() => ({ kind: 'import', files: [...inputs] }));
  return { read, ecosystems };
}

export interface EcosystemStatus {
  ecosystem: string;
  records: number;
  packages: number;
  perEcosystem: Record<string, number>;
  /** When the data was last written or confirmed current by the server. */
  updatedAt: string;
  ageDays: number;
  stale: boolean;
  source: StoreSource;
}

/** When a conditional request last found the ecosystem's export unchanged, if it did since the file was written. */
function lastChecked(dir: string, ecosystem: string): string | undefined {
  try {
    const value = JSON.parse(readFileSync(checkedFile(dir, ecosystem), 'utf8')) as { checkedAt?: unknown };
    return typeof value.checkedAt === 'string' ? value.checkedAt : undefined;
  } catch {
    return undefined;
  }
}

/** `db status`: per ecosystem, counts and age; older than 7 days is stale. */
export function dbStatus(dir: string, now = new Date()): EcosystemStatus[] {
  return storedEcosystems(dir).map((ecosystem) => {
    const header = readStoreHeader(storeFile(dir, ecosystem));
    const checked = lastChecked(dir, ecosystem);
    const updatedAt = checked && checked > header.builtAt ? checked : header.builtAt;
    const ageDays = Math.max(0, (now.getTime() - Date.parse(updatedAt)) / DAY_MS);
    return {
      ecosystem,
      records: header.records,
      packages: header.packages,
      perEcosystem: header.perEcosystem,
      updatedAt,
      ageDays: Math.floor(ageDays * 10) / 10,
      stale: ageDays > STALE_AFTER_DAYS,
      source: header.source,
    };
  });
}
