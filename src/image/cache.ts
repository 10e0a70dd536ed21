import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AnalyzerRecord } from '../analyzers/types.js';
import type { ArchiveProblem, EntryKind, LayerEntry } from './walk.js';

/** `$SHIPSHAPE_CACHE_DIR`, else `$XDG_CACHE_HOME/shipshape`, else `~/.cache/shipshape`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SHIPSHAPE_CACHE_DIR) return env.SHIPSHAPE_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'shipshape');
  return join(homedir(), '.cache', 'shipshape');
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

// Bump when the walk's interpretation of a tar (and so a listing) changes.
const LISTING_VERSION = 1;
const KINDS: EntryKind[] = ['file', 'directory', 'symlink', 'hardlink', 'whiteout', 'opaque', 'device', 'fifo'];
const DIGEST = /^sha256:([0-9a-f]{64})$/;
const ANALYZER_NAME = /^[a-z0-9-]+$/;

type PackedEntry = [string, number, number, number, number, number] | [string, number, number, number, number, number, string];

function pack(entry: LayerEntry): PackedEntry {
  const base: PackedEntry = [entry.path, KINDS.indexOf(entry.kind), entry.size, entry.mode, entry.uid, entry.gid];
  return entry.linkTarget === undefined ? base : [...base, entry.linkTarget] as PackedEntry;
}

function unpack(packed: PackedEntry): LayerEntry {
  const [path, kind, size, mode, uid, gid, linkTarget] = packed;
  const entry: LayerEntry = { path, kind: KINDS[kind]!, size, mode, uid, gid };
  if (linkTarget !== undefined) entry.linkTarget = linkTarget;
  return entry;
}

/**
 * Per-layer results on disk, keyed by diffID (+ analyzer name and version), so re-analysing an image whose layers
 * are known reads no layer. Only well-formed sha256 diffIDs are cached (a hostile config names no file), and every
 * read that fails or does not parse is a miss: the cache can always be deleted.
 */
export class LayerCache {
  constructor(readonly dir: string) {}

  private layerDir(diffId: string): string | undefined {
    const hex = DIGEST.exec(diffId)?.[1];
    return hex ? join(this.dir, 'layers', 'sha256', hex.slice(0, 2), hex) : undefined;
  }

  async readListing(diffId: string): Promise<LayerListing | undefined> {
    const data = await this.read<{ entries: PackedEntry[]; problems: ArchiveProblem[]; tarBytes: number }>(
      diffId,
      `listing@${LISTING_VERSION}.json`,
    );
    if (!data || !Array.isArray(data.entries)) return undefined;
    return { entries: data.entries.map(unpack), problems: data.problems ?? [], tarBytes: data.tarBytes };
  }

  async writeListing(diffId: string, listing: LayerListing): Promise<void> {
    await this.write(diffId, `listing@${LISTING_VERSION}.json`, {
      entries: listing.entries.map(pack),
      problems: listing.problems,
      tarBytes: listing.tarBytes,
    });
  }

  async readFacts(diffId: string, analyzer: { name: string; version: number }): Promise<CachedFacts | undefined> {
    if (!ANALYZER_NAME.test(analyzer.name)) return undefined;
    const data = await this.read<CachedFacts>(diffId, `${analyzer.name}@${analyzer.version}.json`);
    return data && Array.isArray(data.records) ? data : undefined;
  }

  async writeFacts(diffId: string, analyzer: { name: string; version: number }, facts: CachedFacts): Promise<void> {
    if (!ANALYZER_NAME.test(analyzer.name)) return;
    await this.write(diffId, `${analyzer.name}@${analyzer.version}.json`, facts);
  }

  private async read<T>(diffId: string, name: string): Promise<T | undefined> {
    const dir = this.layerDir(diffId);
    if (!dir) return undefined;
    try {
      return JSON.parse(await readFile(join(dir, name), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Writes atomically (temp file + rename); a cache that cannot be written is no reason to fail an analysis. */
  private async write(diffId: string, name: string, value: unknown): Promise<void> {
    const dir = this.layerDir(diffId);
    if (!dir) return;
    const file = join(dir, name);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, file);
    } catch {
      // Read-only or full disk: the next run walks the layer again.
    }
  }
}
