import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Analyzer, AnalyzerRecord, ContentScanner, FileAnalyzer, LayerFacts } from '../analyzers/types.js';
import { errorMessage, InputError } from '../core/errors.js';
import { formatBytesSI } from '../core/format.js';
import { TarFormatError, type TarHeader } from './tar-format.js';
import { TarStreamReader, TarTruncatedError } from './tar-stream.js';

export type EntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'whiteout' | 'opaque' | 'device' | 'fifo';

/**
 * One tar entry of a layer. Whiteouts are already interpreted: a `.wh.name` file becomes a `whiteout` entry whose
 * path is the deleted path, and `.wh..wh..opq` an `opaque` entry whose path is the directory it empties.
 */
export interface LayerEntry {
  /** Relative to the root, `/`-separated, no leading `/`, `./` or `..` (`usr/bin/env`). */
  path: string;
  kind: EntryKind;
  /** Content bytes as the header declares them (0 for everything but regular files). */
  size: number;
  /** Permission bits including setuid (0o4000), setgid (0o2000) and sticky (0o1000). */
  mode: number;
  uid: number;
  gid: number;
  /** A symlink's target as stored; a hard link's target path, normalised like `path`. */
  linkTarget?: string;
}

/** Something in a layer's tar that a careless extractor would turn into a write outside its target. */
export interface ArchiveProblem {
  kind: 'escapes-root' | 'absolute-path' | 'link-escapes-root';
  /** The name as stored in the tar. */
  rawPath: string;
  linkTarget?: string;
}

export interface LayerWalk {
  entries: LayerEntry[];
  problems: ArchiveProblem[];
  facts: LayerFacts;
  /** Analyzers that threw on some file, with the first message: the walk goes on without their fact. */
  analyzerErrors: Record<string, string>;
  /** Bytes of the uncompressed tar. */
  tarBytes: number;
  /** `sha256:` of the uncompressed tar, computed when `expectedDiffId` was given. */
  diffId?: string;
}

export interface WalkOptions {
  /** Names the layer in error messages: `layer 3 (sha256:ab12…)`. */
  label: string;
  analyzers?: readonly Analyzer[];
  /**
   * The diffID the config promises: a stream that hashes otherwise is an error. Sources already verify what
   * `openTar` streams, so this is for streams that come from elsewhere.
   */
  expectedDiffId?: string;
  /** Stop with an error past this many uncompressed bytes (decompression bombs). */
  maxTarBytes?: number;
  /** Where the limit comes from, for the error message: `maxUncompressedBytes`. */
  limitName?: string;
  /** Stop with an error past this many entries (each costs memory until the image is analysed). */
  maxEntries?: number;
  /** Called with each chunk's size, for progress. */
  onBytes?: (bytes: number) => void;
}

export const DEFAULT_MAX_TAR_BYTES = 64 * 1024 ** 3;
/**
 * Each entry costs about 1 KB until the image is analysed (listing, stacked tree, dive's bookkeeping): 200,000 keep
 * a whole analysis under 300 MB. Most images hold tens of thousands; the largest (CUDA, conda) need the limit raised.
 */
export const DEFAULT_MAX_ENTRIES = 200_000;

export type NormalisedPath = { path: string; absolute: boolean } | { escapes: true };

/**
 * Resolves a tar entry name lexically, as Docker does before extracting: `./a//b/` → `a/b`, `/etc/x` → `etc/x`,
 * `a/../b` → `b`. A relative name whose `..` climb above the root escapes (Docker refuses such a layer); an
 * absolute one is clamped at the root, as `filepath.Clean("/../x")` is.
 */
const NEEDS_NORMALISING = /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|^\/|\/$/;

export function normaliseEntryPath(raw: string): NormalisedPath {
  if (!NEEDS_NORMALISING.test(raw)) return { path: raw, absolute: false };
  const absolute = raw.startsWith('/');
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) {
        if (absolute) continue;
        return { escapes: true };
      }
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return { path: parts.join('/'), absolute };
}

/** Whether a symlink stored at `path` with a relative `target` points above the root when resolved lexically. */
export function linkEscapesRoot(path: string, target: string): boolean {
  if (target.startsWith('/')) return false;
  let depth = path.split('/').length - 1;
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}

function entryKind(typeflag: string): EntryKind | undefined {
  switch (typeflag) {
    case '0':
    case '7':
      return 'file';
    case '5':
    case 'D':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    case '3':
    case '4':
      return 'device';
    case '6':
      return 'fifo';
    default:
      return undefined;
  }
}

// Bounds on the chunks read ahead of the parser: enough to keep the decompressor busy, little memory.
const QUEUE_HIGH_WATER = 4 * 1024 * 1024;
const QUEUE_LOW_WATER = 1024 * 1024;
const DRAIN_BYTES_PER_TURN = 256 * 1024;
const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

interface ActiveScanner {
  analyzer: Analyzer;
  scanner: ContentScanner<unknown>;
  /** False once the scanner has said it needs no more of the file. */
  reading: boolean;
}

interface PendingFile {
  entry: LayerEntry;
  analyzers: FileAnalyzer[];
  scanners: ActiveScanner[];
  cap: number;
  chunks: Buffer[];
  held: number;
  received: number;
}

/**
 * Reads one uncompressed layer tar once, as it streams: records every entry, hands the files analyzers want to
 * them (content capped per analyzer), hashes the stream against its diffID and stops at `maxTarBytes`. Nothing
 * is written anywhere and no entry is held beyond what an analyzer asked for.
 */
export function walkTar(stream: Readable, options: WalkOptions): Promise<LayerWalk> {
  const { label } = options;
  const analyzers = options.analyzers ?? [];
  const maxTarBytes = options.maxTarBytes ?? DEFAULT_MAX_TAR_BYTES;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const limit = `the ${formatBytesSI(maxTarBytes)} limit${options.limitName ? ` (${options.limitName})` : ''}`;
  const entries: LayerEntry[] = [];
  const problems: ArchiveProblem[] = [];
  const facts: LayerFacts = Object.fromEntries(analyzers.map((a) => [a.name, [] as AnalyzerRecord[]]));
  const analyzerErrors: Record<string, string> = {};
  const hash = options.expectedDiffId ? createHash('sha256') : undefined;
  let tarBytes = 0;

  /** Runs one analyzer's step on a file; an analyzer that throws is noted once and the walk goes on. */
  const guarded = <T>(analyzer: Analyzer, path: string, step: () => T): T | undefined => {
    try {
      return step();
    } catch (error) {
      analyzerErrors[analyzer.name] ??= `${path}: ${errorMessage(error)}`;
      return undefined;
    }
  };
  const record = (analyzer: Analyzer, path: string, fact: unknown): void => {
    if (fact !== undefined) facts[analyzer.name]!.push({ path, fact });
  };

  const finishFile = (pending: PendingFile): void => {
    const { path } = pending.entry;
    const content = pending.chunks.length === 1 ? pending.chunks[0]! : Buffer.concat(pending.chunks, pending.held);
    for (const analyzer of pending.analyzers) {
      const own = content.length > analyzer.maxFileBytes ? content.subarray(0, analyzer.maxFileBytes) : content;
      const file = { path, entry: pending.entry, content: own, truncated: pending.received > own.length };
      record(analyzer, path, guarded(analyzer, path, () => analyzer.analyze(file)));
    }
    for (const { analyzer, scanner } of pending.scanners) record(analyzer, path, guarded(analyzer, path, () => scanner.end()));
  };

  return new Promise<LayerWalk>((resolve, reject) => {
    let settled = false;
    let pending: PendingFile | undefined;

    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      stream.destroy();
      reject(new InputError(`${label}: ${message}`));
    };

    const onEntry = (header: TarHeader): boolean => {
      if (settled) return false;
      if (header.size > maxTarBytes) {
        fail(`tar entry "${header.name}" declares ${formatBytesSI(header.size)}, more than ${limit}`);
        return false;
      }
      const kind = entryKind(header.typeflag);
      const normalised = normaliseEntryPath(header.name);
      if (kind === undefined || 'escapes' in normalised || normalised.path === '') {
        if (kind !== undefined && 'escapes' in normalised) problems.push({ kind: 'escapes-root', rawPath: header.name });
        return false;
      }
      if (normalised.absolute) problems.push({ kind: 'absolute-path', rawPath: header.name });
      const entry = toLayerEntry(header, kind, normalised.path, problems);
      if (!entry) return false;
      entries.push(entry);
      if (entries.length > maxEntries) {
        fail(`more than ${maxEntries} entries: stopped reading (raise maxEntries for a genuinely huge image)`);
        return false;
      }
      if (analyzers.length === 0 || entry.kind === 'whiteout' || entry.kind === 'opaque') return false;
      let wanting: FileAnalyzer[] | undefined;
      let scanning: ActiveScanner[] | undefined;
      for (const analyzer of analyzers) {
        if (!guarded(analyzer, entry.path, () => analyzer.wants(entry.path, entry))) continue;
        if (!('scan' in analyzer)) {
          (wanting ??= []).push(analyzer);
          continue;
        }
        const scanner = entry.kind === 'file' ? guarded(analyzer, entry.path, () => analyzer.scan(entry.path, entry)) : undefined;
        if (scanner) (scanning ??= []).push({ analyzer, scanner, reading: true });
      }
      if (!wanting && !scanning) return false;
      const cap = entry.kind === 'file' && wanting ? Math.max(...wanting.map((a) => a.maxFileBytes)) : 0;
      const file: PendingFile = { entry, analyzers: wanting ?? [], scanners: scanning ?? [], cap, chunks: [], held: 0, received: 0 };
      if ((cap === 0 && !scanning) || header.size === 0) {
        finishFile(file);
        return false;
      }
      pending = file;
      return true;
    };

    const reader = new TarStreamReader({
      entry: onEntry,
      data(part) {
        const file = pending!;
        file.received += part.length;
        for (const active of file.scanners) {
          if (!active.reading) continue;
          active.reading = guarded(active.analyzer, file.entry.path, () => active.scanner.push(part)) ?? false;
        }
        if (file.held >= file.cap) return;
        // No copy: the chunk lives only until the entry ends and its analyzers have run.
        const kept = file.held + part.length > file.cap ? part.subarray(0, file.cap - file.held) : part;
        file.chunks.push(kept);
        file.held += kept.length;
      },
      end() {
        finishFile(pending!);
        pending = undefined;
      },
    });

    const readFailure = (error: unknown): string => {
      if (error instanceof TarTruncatedError) {
        const { header, received } = error;
        return `truncated: tar entry "${header.name}" declares ${formatBytesSI(header.size)} but the layer ends after ${formatBytesSI(received)} of it`;
      }
      if (error instanceof TarFormatError) return `not a valid tar archive (${error.message}) after ${entries.length} entries`;
      return errorMessage(error);
    };

    const finish = (): void => {
      if (settled) return;
      try {
        reader.end();
      } catch (error) {
        fail(readFailure(error));
        return;
      }
      const walk: LayerWalk = { entries, problems, facts, analyzerErrors, tarBytes };
      if (hash) {
        walk.diffId = `sha256:${hash.digest('hex')}`;
        if (walk.diffId !== options.expectedDiffId) {
          fail(`content hashes to ${walk.diffId}, but the image config says ${options.expectedDiffId}`);
          return;
        }
      }
      settled = true;
      resolve(walk);
    };

    // Chunks are queued and parsed on the next turn of the event loop rather than inside the 'data' callback, so
    // the decompressor (on libuv's thread pool) inflates the next chunk while this thread parses the last one.
    const queue: Buffer[] = [];
    let queued = 0;
    let ended = false;
    let scheduled = false;
    const consume = (chunk: Buffer): void => {
      tarBytes += chunk.length;
      if (tarBytes > maxTarBytes) {
        fail(`inflates past ${limit}: stopped reading (a decompression bomb, or raise the limit for a genuinely huge image)`);
        return;
      }
      hash?.update(chunk);
      options.onBytes?.(chunk.length);
      try {
        reader.write(chunk);
      } catch (error) {
        fail(readFailure(error));
      }
    };
    const drain = (): void => {
      scheduled = false;
      // A little at a time: the decompressor needs this thread between its chunks to start the next one.
      let budget = DRAIN_BYTES_PER_TURN;
      while (queue.length > 0 && !settled && budget > 0) {
        let chunk = queue[0]!;
        if (chunk.length > budget) {
          queue[0] = chunk.subarray(budget);
          chunk = chunk.subarray(0, budget);
        } else queue.shift();
        queued -= chunk.length;
        budget -= chunk.length;
        consume(chunk);
      }
      if (settled) return;
      if (queue.length > 0) schedule();
      if (queued < QUEUE_LOW_WATER && stream.isPaused() && !ended) stream.resume();
      if (ended && queue.length === 0) finish();
    };
    const schedule = (): void => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(drain);
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      queue.push(chunk);
      queued += chunk.length;
      if (queued >= QUEUE_HIGH_WATER) stream.pause();
      schedule();
    });
    stream.on('end', () => {
      ended = true;
      if (!settled) schedule();
    });
    stream.on('error', (error: Error) => {
      // A source's own errors already name the image and the layer (a digest that does not match).
      if (error instanceof InputError && !settled) {
        settled = true;
        stream.destroy();
        reject(error);
      } else {
        fail(errorMessage(error));
      }
    });
  });
}

function toLayerEntry(header: TarHeader, kind: EntryKind, path: string, problems: ArchiveProblem[]): LayerEntry | undefined {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const fields = { size: kind === 'file' ? header.size : 0, mode: header.mode, uid: header.uid, gid: header.gid };
  if (base.startsWith(WHITEOUT_PREFIX)) {
    const dir = slash < 0 ? '' : path.slice(0, slash);
    if (base === OPAQUE_MARKER) return { path: dir, kind: 'opaque', ...fields, size: 0 };
    // Other `.wh..wh.` names are aufs bookkeeping (`.wh..wh.plnk`): not part of the filesystem.
    if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return undefined;
    const target = base.slice(WHITEOUT_PREFIX.length);
    return { path: dir ? `${dir}/${target}` : target, kind: 'whiteout', ...fields, size: 0 };
  }
  const entry: LayerEntry = { path, kind, ...fields };
  if (kind === 'symlink' && header.linkname !== '') {
    entry.linkTarget = header.linkname;
    if (linkEscapesRoot(path, header.linkname)) {
      problems.push({ kind: 'link-escapes-root', rawPath: header.name, linkTarget: header.linkname });
    }
  } else if (kind === 'hardlink' && header.linkname !== '') {
    const target = normaliseEntryPath(header.linkname);
    if ('escapes' in target) {
      problems.push({ kind: 'link-escapes-root', rawPath: header.name, linkTarget: header.linkname });
      return undefined;
    }
    entry.linkTarget = target.path;
  }
  return entry;
}
