import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, rmdir, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AnalyzerRecord } from '../analyzers/types.js';
import { InputError } from '../core/errors.js';
import type { ArchiveProblem, EntryKind, LayerEntry } from './walk.js';

/** `$SHIPSHAPE_CACHE_DIR`, else `$XDG_CACHE_HOME/shipshape`, else `~/.cache/shipshape`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHIPSHAPE_CACHE_DIR) return env.SHIPSHAPE_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'shipshape');
  return join(homedir(), '.cache', 'shipshape');
}

/** The cache's size budget when none is set: some 150 listings of 100,000-file layers. */
export const DEFAULT_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

/** `$SHIPSHAPE_CACHE_MAX_MB` (mebibytes), else `DEFAULT_CACHE_MAX_BYTES`; an unreadable value is an InputError. */
export function defaultCacheMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.SHIPSHAPE_CACHE_MAX_MB;
  if (value === undefined || value === '') return DEFAULT_CACHE_MAX_BYTES;
  if (!/^\d+$/.test(value.trim())) throw new InputError(`SHIPSHAPE_CACHE_MAX_MB: "${value}" is not a whole number of megabytes`);
  return Number(value.trim()) * 1024 * 1024;
}

/** What a walk learned about a layer's entries, independent of the analyzers. */
export interface LayerListing {
  entries: LayerEntry[];
  problems: ArchiveProblem[];
  tarBytes: number;
}

export interface CachedFacts {
  records: AnalyzerRecord[];
  error?: string;
}

// Bump when the walk's interpretation of a tar (and so a listing) changes, or the file's layout does.
const LISTING_VERSION = 2;
const KINDS: EntryKind[] = ['file', 'directory', 'symlink', 'hardlink', 'whiteout', 'opaque', 'device', 'fifo'];
const DIGEST = /^sha256:([0-9a-f]{64})$/;
const CACHE_KINDS = ['layers', 'chains', 'reports'] as const;
// Reports are computed from listings: a new listing version makes them stale too.
const REPORT_FILE = `report+listing@${LISTING_VERSION}.json`;
const ANALYZER_NAME = /^[a-z0-9-]+$/;

/** A listing column by column: parsing a few long arrays is several times faster than one small array per entry. */
interface ListingFile {
  paths: string[];
  kinds: number[];
  sizes: number[];
  modes: number[];
  uids: number[];
  gids: number[];
  /** Link targets by entry index. */
  links: Record<string, string>;
  problems: ArchiveProblem[];
  tarBytes: number;
}

function toListingFile(listing: LayerListing): ListingFile {
  const file: ListingFile = { paths: [], kinds: [], sizes: [], modes: [], uids: [], gids: [], links: {}, problems: listing.problems, tarBytes: listing.tarBytes };
  listing.entries.forEach((entry, index) => {
    file.paths.push(entry.path);
    file.kinds.push(KINDS.indexOf(entry.kind));
    file.sizes.push(entry.size);
    file.modes.push(entry.mode);
    file.uids.push(entry.uid);
    file.gids.push(entry.gid);
    if (entry.linkTarget !== undefined) file.links[index] = entry.linkTarget;
  });
  return file;
}

function fromListingFile(file: ListingFile): LayerListing | undefined {
  const { paths, kinds, sizes, modes, uids, gids, links } = file;
  const columns = [kinds, sizes, modes, uids, gids];
  if (!Array.isArray(paths) || !columns.every((column) => Array.isArray(column) && column.length === paths.length)) return undefined;
  if (typeof links !== 'object' || links === null || typeof file.tarBytes !== 'number') return undefined;
  const entries: LayerEntry[] = [];
  for (let index = 0; index < paths.length; index++) {
    const kind = KINDS[kinds[index]!];
    if (kind === undefined) return undefined;
    const entry: LayerEntry = { path: paths[index]!, kind, size: sizes[index]!, mode: modes[index]!, uid: uids[index]!, gid: gids[index]! };
    const linkTarget = links[index];
    if (linkTarget !== undefined) entry.linkTarget = linkTarget;
    entries.push(entry);
  }
  return { entries, problems: Array.isArray(file.problems) ? file.problems : [], tarBytes: file.tarBytes };
}

/**
 * The OCI ChainID of a stack of layers: the first layer's diffID, then sha256 of `<chain below> <diffID>` for each
 * layer above. It names the filesystem the stack makes, so facts about the whole stack can be cached under it.
 * Undefined when a diffID is not a well-formed sha256 digest.
 */
export function chainId(diffIds: readonly string[]): string | undefined {
  if (diffIds.length === 0 || !diffIds.every((diffId) => DIGEST.test(diffId))) return undefined;
  return diffIds.slice(1).reduce((below, diffId) => `sha256:${createHash('sha256').update(`${below} ${diffId}`).digest('hex')}`, diffIds[0]!);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The JSON after a checksum line, when the checksum matches it. */
function checkedBody(text: string): string | undefined {
  const newline = text.indexOf('\n');
  if (newline !== 64) return undefined;
  const json = text.slice(newline + 1);
  return sha256Hex(json) === text.slice(0, newline) ? json : undefined;
}

/** Facts of a stack are computed from its listings: a new listing version makes them stale too. */
function stackFactsFile(fact: { name: string; version: number }): string {
  return `${fact.name}@${fact.version}+listing@${LISTING_VERSION}.json`;
}

/** What `LayerCache.prune` found and removed. */
export interface PruneResult {
  bytesBefore: number;
  bytesAfter: number;
  removed: number;
}

/**
 * Per-layer results on disk, keyed by diffID (+ analyzer name and version), so re-analysing an image whose layers
 * are known reads no layer; and facts about a whole stack of layers, keyed by its ChainID. Only well-formed sha256
 * digests name a file (a hostile config names none), and every read that fails or does not parse is a miss: the
 * cache can always be deleted.
 *
 * The cache keeps to `maxBytes`: each digest's directory is an entry, its modification time its last use (a write
 * sets it, a read touches it), and `prune` removes the least recently used entries, never one this cache used.
 */
export class LayerCache {
  /** Digest directories this cache read or wrote: prune keeps them. */
  private readonly used = new Set<string>();
  private wrote = false;

  constructor(
    readonly dir: string,
    readonly maxBytes = DEFAULT_CACHE_MAX_BYTES,
  ) {}

  private layerDir(diffId: string): string | undefined {
    return this.digestDir('layers', diffId);
  }

  private digestDir(kind: (typeof CACHE_KINDS)[number], digest: string): string | undefined {
    const hex = DIGEST.exec(digest)?.[1];
    return hex ? join(this.dir, kind, 'sha256', hex.slice(0, 2), hex) : undefined;
  }

  /**
   * Whether reading the stored blob `blobDigest` once gave a tar hashing to `diffId`. Only then do this layer's
   * listing and facts describe that blob: another image may name the same diffID over different bytes.
   */
  async verifiedBlob(diffId: string, blobDigest: string): Promise<boolean> {
    const hex = DIGEST.exec(blobDigest)?.[1];
    if (!hex) return false;
    const data = await this.read<{ blob?: string }>(this.layerDir(diffId), `blob-sha256-${hex}.json`);
    return data?.blob === blobDigest;
  }

  /** Records that the blob `blobDigest` was read whole and its tar hashed to `diffId` (see `verifiedBlob`). */
  async writeVerifiedBlob(diffId: string, blobDigest: string): Promise<void> {
    const hex = DIGEST.exec(blobDigest)?.[1];
    if (hex) await this.write(this.layerDir(diffId), `blob-sha256-${hex}.json`, { blob: blobDigest, diffId });
  }

  async readListing(diffId: string): Promise<LayerListing | undefined> {
    const data = await this.read<ListingFile>(this.layerDir(diffId), `listing@${LISTING_VERSION}.json`);
    return data ? fromListingFile(data) : undefined;
  }

  async writeListing(diffId: string, listing: LayerListing): Promise<void> {
    await this.write(this.layerDir(diffId), `listing@${LISTING_VERSION}.json`, toListingFile(listing));
  }

  /** Facts about a whole stack of layers (dive's efficiency), under the stack's ChainID. */
  async readStackFacts<T extends object>(chain: string, fact: { name: string; version: number }): Promise<T | undefined> {
    if (!ANALYZER_NAME.test(fact.name)) return undefined;
    const data = await this.read<T>(this.digestDir('chains', chain), stackFactsFile(fact));
    return typeof data === 'object' && data !== null ? data : undefined;
  }

  async writeStackFacts(chain: string, fact: { name: string; version: number }, value: object): Promise<void> {
    if (!ANALYZER_NAME.test(fact.name)) return;
    await this.write(this.digestDir('chains', chain), stackFactsFile(fact), value);
  }

  /**
   * A whole image report, under the digest of everything it was computed from (see `analyzeImage`). It is answered
   * without reading anything else, so it carries its own checksum: an entry changed on disk is a miss.
   */
  async readReport<T extends object>(key: string): Promise<T | undefined> {
    const data = await this.read<T>(this.digestDir('reports', key), REPORT_FILE, true);
    return typeof data === 'object' && data !== null ? data : undefined;
  }

  async writeReport(key: string, report: object): Promise<void> {
    await this.write(this.digestDir('reports', key), REPORT_FILE, report, true);
  }

  async readFacts(diffId: string, analyzer: { name: string; version: number }): Promise<CachedFacts | undefined> {
    if (!ANALYZER_NAME.test(analyzer.name)) return undefined;
    const data = await this.read<CachedFacts>(this.layerDir(diffId), `${analyzer.name}@${analyzer.version}.json`);
    return data && Array.isArray(data.records) ? data : undefined;
  }

  async writeFacts(diffId: string, analyzer: { name: string; version: number }, facts: CachedFacts): Promise<void> {
    if (!ANALYZER_NAME.test(analyzer.name)) return;
    await this.write(this.layerDir(diffId), `${analyzer.name}@${analyzer.version}.json`, facts);
  }

  /** A file's value; undefined when it is missing, does not parse, or (`checked`) does not match its checksum. */
  private async read<T>(dir: string | undefined, name: string, checked = false): Promise<T | undefined> {
    if (!dir) return undefined;
    let value: T;
    try {
      const text = await readFile(join(dir, name), 'utf8');
      const json = checked ? checkedBody(text) : text;
      if (json === undefined) return undefined;
      value = JSON.parse(json) as T;
    } catch {
      return undefined;
    }
    if (!this.used.has(dir)) {
      this.used.add(dir);
      // The directory's time is its last use (see prune); a cache it cannot be set on still serves.
      const now = new Date();
      await utimes(dir, now, now).catch(() => undefined);
    }
    return value;
  }

  /**
   * Writes atomically (temp file + rename), `checked` with the sha256 of the JSON on a first line; a cache that
   * cannot be written is no reason to fail an analysis.
   */
  private async write(dir: string | undefined, name: string, value: unknown, checked = false): Promise<void> {
    if (!dir) return;
    const file = join(dir, name);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const json = JSON.stringify(value);
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temp, checked ? `${sha256Hex(json)}\n${json}` : json);
      await rename(temp, file);
      this.used.add(dir);
      this.wrote = true;
    } catch {
      // Read-only or full disk: the next run walks the layer again.
    }
  }

  /**
   * After a run that added to the cache: removes the least recently used entries until the cache is within
   * `maxBytes`, never one this run used. Another process may be pruning or reading at the same time: whatever
   * vanishes meanwhile is skipped, and a reader of a removed entry has a miss.
   */
  async prune(): Promise<PruneResult> {
    const result: PruneResult = { bytesBefore: 0, bytesAfter: 0, removed: 0 };
    if (!this.wrote) return result;
    const entries = this.entries();
    result.bytesBefore = entries.reduce((sum, entry) => sum + entry.bytes, 0);
    result.bytesAfter = result.bytesBefore;
    entries.sort((a, b) => a.usedMs - b.usedMs);
    for (const entry of entries) {
      if (result.bytesAfter <= this.maxBytes) break;
      if (this.used.has(entry.dir)) continue;
      try {
        await rm(entry.dir, { recursive: true, force: true });
      } catch {
        continue;
      }
      result.bytesAfter -= entry.bytes;
      result.removed++;
      // The two-letter directory above it goes when it is empty.
      await rmdir(dirname(entry.dir)).catch(() => undefined);
    }
    return result;
  }

  /**
   * Every digest directory, with its size and last use. Synchronous calls: the scan runs once, after the analysis,
   * and a cache of 1,500 layers takes 70 ms this way, against 490 ms a call at a time through the thread pool.
   */
  private entries(): { dir: string; bytes: number; usedMs: number }[] {
    const found: { dir: string; bytes: number; usedMs: number }[] = [];
    const list = (dir: string) => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    };
    for (const kind of CACHE_KINDS) {
      const base = join(this.dir, kind, 'sha256');
      for (const prefix of list(base).filter((name) => /^[0-9a-f]{2}$/.test(name))) {
        for (const hex of list(join(base, prefix)).filter((name) => /^[0-9a-f]{64}$/.test(name))) {
          const dir = join(base, prefix, hex);
          try {
            const { mtimeMs } = statSync(dir);
            let bytes = 0;
            for (const name of readdirSync(dir)) bytes += statSync(join(dir, name)).size;
            found.push({ dir, bytes, usedMs: mtimeMs });
          } catch {
            // Removed by another process while we looked.
          }
        }
      }
    }
    return found;
  }
}
