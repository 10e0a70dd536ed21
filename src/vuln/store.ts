// The on-disk form of one ecosystem's OSV records: a single file, written once and renamed into place, read with
// positioned reads. Records are kept as compact JSON (only what matching and reports read) and grouped by the
// (release, package name) they affect: each group is one deflated block, so a look-up is a binary search in the
// index, one read and one inflate of only what that release says. Opening reads the index only (one read). A record
// naming several packages or releases keeps its part for each in that one's block.
//
//   blocks    per (release, package name): deflate(JSON array of its records, each with only the affected
//             entries for that package)
//   keys      "ecosystem\0name" (PyPI names in normal form), UTF-8, in byte order, back to back
//   entries   per key: key offset, key length, block offset (low u32, high u32), block length (5 × u32)
//   header    JSON: counts, dates, source, section offsets
//   footer    header length (u32), format version (u32), magic "SHIPOSV\n"
import { closeSync, fstatSync, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { baseEcosystem, normalizePackageName, type OsvAffected, type OsvRecord } from './osv.js';

const MAGIC = Buffer.from('SHIPOSV\n', 'latin1');
const FORMAT_VERSION = 3;
const FOOTER_BYTES = 16;
const ENTRY_BYTES = 20;
const WRITE_CHUNK = 1024 * 1024;
/** Parsed blocks kept for names asked for again (binary packages of one source); a bound, not a copy of the file. */
const CACHED_BLOCKS = 256;

// Words nearly every record repeats; deflate refers back to them instead of spelling them out again in small blocks.
const DICTIONARY = Buffer.from(
  '[{"id":"","modified":"T00:00:00Z","published":"","aliases":["CVE-","GHSA-"],"summary":"","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],' +
    '"affected":[{"package":{"ecosystem":"","name":""},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":""},{"last_affected":""}]}],"versions":[""],' +
    '"database_specific":{"severity":"MODERATE"},"ecosystem_specific":{"urgency":"not yet assigned"}}]}]',
);

/** What the header of an ecosystem file says about it. */
export interface StoreHeader {
  format: number;
  /** The OSV ecosystem the file holds (`Debian`), its releases (`Debian:12`) included. */
  ecosystem: string;
  records: number;
  /** Distinct package names. */
  packages: number;
  /** Records per release-specific ecosystem, e.g. `{ "Debian:11": 30211, "Debian:12": 28410 }`. */
  perEcosystem: Record<string, number>;
  /** Withdrawn records left out, and records with nothing for this ecosystem. */
  skipped: number;
  /** When the file was written (ISO 8601). */
  builtAt: string;
  /** The newest `modified` among the records. */
  newestRecord: string;
  source: StoreSource;
  keysOffset: number;
  entriesOffset: number;
  headerOffset: number;
}

/** Where the records came from, so `db update` can ask only for what changed. */
export interface StoreSource {
  kind: 'download' | 'import';
  url?: string;
  etag?: string;
  lastModified?: string;
  files?: string[];
}

function compactAffected(affected: OsvAffected): OsvAffected | undefined {
  const ranges = affected.ranges?.filter((range) => range.type === 'ECOSYSTEM' || range.type === 'SEMVER');
  const versions = affected.versions?.length ? affected.versions : undefined;
  if (!affected.package || (!ranges?.length && !versions)) return undefined;
  const entry: OsvAffected = { package: { ecosystem: affected.package.ecosystem, name: affected.package.name } };
  if (affected.severity?.length) entry.severity = affected.severity;
  if (ranges?.length) entry.ranges = ranges.map((range) => ({ type: range.type, events: range.events }));
  if (versions) entry.versions = versions;
  for (const field of ['ecosystem_specific', 'database_specific'] as const) {
    const kept = pickRatings(affected[field]);
    if (kept) entry[field] = kept;
  }
  return entry;
}

function pickRatings(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  const kept: Record<string, unknown> = {};
  for (const key of ['severity', 'urgency']) if (typeof fields[key] === 'string') kept[key] = fields[key];
  return Object.keys(kept).length ? kept : undefined;
}

/** The record as stored for one ecosystem: only its affected entries there, and only what matching and reports read. */
export function compactRecord(record: OsvRecord, ecosystem: string): OsvRecord | undefined {
  const affected = (record.affected ?? [])
    .filter((entry) => entry.package && baseEcosystem(entry.package.ecosystem) === ecosystem)
    .map(compactAffected)
    .filter((entry): entry is OsvAffected => entry !== undefined);
  if (affected.length === 0) return undefined;
  const compact: OsvRecord = { id: record.id, modified: record.modified };
  if (record.published) compact.published = record.published;
  if (record.aliases?.length) compact.aliases = record.aliases;
  if (record.upstream?.length) compact.upstream = record.upstream;
  if (record.summary) compact.summary = record.summary.slice(0, 400);
  if (record.severity?.length) compact.severity = record.severity;
  compact.affected = affected;
  const ratings = pickRatings(record.database_specific);
  if (ratings) compact.database_specific = ratings;
  return compact;
}

function indexKey(ecosystem: string, name: string): string {
  return `${ecosystem}\0${normalizePackageName(ecosystem, name)}`;
}

interface SpilledPart {
  key: string;
  /** Where its JSON is in the spill file. */
  offset: number;
  length: number;
}

interface SpilledRecord {
  modified: string;
  parts: SpilledPart[];
}

/**
 * Writes one ecosystem's file. Records arrive in any order (the newest `modified` of an id wins); each is split by
 * the (release, package) its affected entries name, and the parts wait in a spill file beside the output until
 * `finish` groups them into blocks, so memory holds only an index.
 */
export class StoreBuilder {
  private readonly fd: number;
  private readonly spillPath: string;
  private readonly spillFd: number;
  private readonly byId = new Map<string, SpilledRecord>();
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private spillOffset = 0;
  private skipped = 0;
  private newest = '';
  private closed = false;

  constructor(
    path: string,
    readonly ecosystem: string,
  ) {
    this.fd = openSync(path, 'wx', 0o644);
    this.spillPath = `${path}.spill`;
    try {
      this.spillFd = openSync(this.spillPath, 'wx+', 0o600);
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  /** Adds a record (its entries for this ecosystem); withdrawn records and those with nothing here are counted, not kept. */
  add(record: OsvRecord): void {
    if (record.withdrawn) {
      this.skipped++;
      return;
    }
    const previous = this.byId.get(record.id);
    if (previous && previous.modified > record.modified) return;
    const compact = compactRecord(record, this.ecosystem);
    if (!compact) {
      this.skipped++;
      return;
    }
    this.byId.set(compact.id, { modified: compact.modified, parts: this.spill(compact) });
    if (compact.modified > this.newest) this.newest = compact.modified;
  }

  /**
   * Adds a part of a record read back from an existing file: parts of one id and date are one record again, so a
   * newer record replacing it replaces every part.
   */
  addStored(part: OsvRecord): void {
    const previous = this.byId.get(part.id);
    if (previous && previous.modified === part.modified) previous.parts.push(...this.spill(part));
    else this.add(part);
  }

  /** Writes the record's part for each (release, package) it affects to the spill file. */
  private spill(compact: OsvRecord): SpilledPart[] {
    const byKey = new Map<string, OsvAffected[]>();
    for (const entry of compact.affected!) {
      const key = indexKey(entry.package!.ecosystem, entry.package!.name);
      const list = byKey.get(key);
      if (list) list.push(entry);
      else byKey.set(key, [entry]);
    }
    const parts: SpilledPart[] = [];
    for (const [key, affected] of byKey) {
      const json = Buffer.from(JSON.stringify({ ...compact, affected }), 'utf8');
      parts.push({ key, offset: this.spillOffset, length: json.length });
      this.spillOffset += json.length;
      this.pending.push(json);
      this.pendingBytes += json.length;
    }
    if (this.pendingBytes >= WRITE_CHUNK) this.flushTo(this.spillFd);
    return parts;
  }

  private flushTo(fd: number): void {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < chunk.length) done += writeSync(fd, chunk, done);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Groups the records by package name into deflated blocks, writes the index, header and footer, and syncs. */
  finish(source: StoreSource, builtAt = new Date()): StoreHeader {
    try {
      this.flushTo(this.spillFd);
      const byKey = new Map<string, SpilledPart[]>();
      const perEcosystem: Record<string, number> = {};
      const names = new Set<string>();
      for (const record of this.byId.values()) {
        const ecosystems = new Set<string>();
        for (const part of record.parts) {
          const list = byKey.get(part.key);
          if (list) list.push(part);
          else byKey.set(part.key, [part]);
          const separator = part.key.indexOf('\0');
          ecosystems.add(part.key.slice(0, separator));
          names.add(part.key.slice(separator + 1));
        }
        for (const ecosystem of ecosystems) perEcosystem[ecosystem] = (perEcosystem[ecosystem] ?? 0) + 1;
      }
      const keys = [...byKey.keys()].map((key) => Buffer.from(key, 'utf8')).sort(Buffer.compare);
      const entries = Buffer.alloc(keys.length * ENTRY_BYTES);
      let offset = 0;
      let keyAt = 0;
      keys.forEach((key, index) => {
        const spilled = byKey.get(key.toString('utf8'))!.sort((a, b) => a.offset - b.offset);
        const parts: Buffer[] = [Buffer.from('[')];
        spilled.forEach((part, i) => {
          if (i > 0) parts.push(Buffer.from(','));
          parts.push(readExactly(this.spillFd, part.offset, part.length, this.spillPath));
        });
        parts.push(Buffer.from(']'));
        const block = deflateRawSync(Buffer.concat(parts), { dictionary: DICTIONARY });
        const at = index * ENTRY_BYTES;
        entries.writeUInt32LE(keyAt, at);
        entries.writeUInt32LE(key.length, at + 4);
        entries.writeUInt32LE(offset % 2 ** 32, at + 8);
        entries.writeUInt32LE(Math.floor(offset / 2 ** 32), at + 12);
        entries.writeUInt32LE(block.length, at + 16);
        this.pending.push(block);
        this.pendingBytes += block.length;
        offset += block.length;
        if (this.pendingBytes >= WRITE_CHUNK) this.flushTo(this.fd);
        keyAt += key.length;
      });
      const keysOffset = offset;
      for (const key of keys) this.pending.push(key);
      this.pendingBytes += keyAt;
      const entriesOffset = keysOffset + keyAt;
      this.pending.push(entries);
      this.pendingBytes += entries.length;
      const header: StoreHeader = {
        format: FORMAT_VERSION,
        ecosystem: this.ecosystem,
        records: this.byId.size,
        packages: names.size,
        perEcosystem,
        skipped: this.skipped,
        builtAt: builtAt.toISOString(),
        newestRecord: this.newest,
        source,
        keysOffset,
        entriesOffset,
        headerOffset: entriesOffset + entries.length,
      };
      const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
      const footer = Buffer.alloc(FOOTER_BYTES);
      footer.writeUInt32LE(headerBytes.length, 0);
      footer.writeUInt32LE(FORMAT_VERSION, 4);
      MAGIC.copy(footer, 8);
      this.pending.push(headerBytes, footer);
      this.pendingBytes += headerBytes.length + footer.length;
      this.flushTo(this.fd);
      fsyncSync(this.fd);
      return header;
    } finally {
      this.abandon();
    }
  }

  /** Closes the files without finishing (the caller removes the output); the spill file always goes. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    closeSync(this.spillFd);
    rmSync(this.spillPath, { force: true });
  }
}

function readExactly(fd: number, position: number, length: number, path: string): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const got = readSync(fd, buffer, done, length - done, position + done);
    if (got === 0) throw new InputError(`${path}: vulnerability database file is truncated`);
    done += got;
  }
  return buffer;
}

/** Reads only the header of an ecosystem file (for `db status`). */
export function readStoreHeader(path: string): StoreHeader {
  const fd = openSync(path, 'r');
  try {
    return readHeader(fd, path);
  } finally {
    closeSync(fd);
  }
}

function readHeader(fd: number, path: string): StoreHeader {
  const size = fstatSync(fd).size;
  const damaged = (): never => {
    throw new InputError(`${path}: not a shipshape vulnerability database file (run \`shipshape db update\` or \`db import\` again)`);
  };
  if (size < FOOTER_BYTES) damaged();
  const footer = readExactly(fd, size - FOOTER_BYTES, FOOTER_BYTES, path);
  if (!footer.subarray(8).equals(MAGIC) || footer.readUInt32LE(4) !== FORMAT_VERSION) damaged();
  const headerLength = footer.readUInt32LE(0);
  if (headerLength > size - FOOTER_BYTES) damaged();
  let header: StoreHeader;
  try {
    header = JSON.parse(readExactly(fd, size - FOOTER_BYTES - headerLength, headerLength, path).toString('utf8')) as StoreHeader;
  } catch {
    return damaged();
  }
  if (header.headerOffset !== size - FOOTER_BYTES - headerLength || !(header.keysOffset <= header.entriesOffset && header.entriesOffset <= header.headerOffset)) {
    damaged();
  }
  return header;
}

/** One ecosystem file opened for look-ups: the index in memory, a name's block read when asked for. */
export class StoreReader {
  readonly header: StoreHeader;
  private readonly fd: number;
  private readonly index: Buffer;
  private readonly keysLength: number;
  private readonly entryCount: number;
  private readonly cache = new Map<number, OsvRecord[]>();

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'r');
    try {
      this.header = readHeader(this.fd, path);
      const { keysOffset, entriesOffset, headerOffset } = this.header;
      this.index = readExactly(this.fd, keysOffset, headerOffset - keysOffset, path);
      this.keysLength = entriesOffset - keysOffset;
      this.entryCount = Math.floor((headerOffset - entriesOffset) / ENTRY_BYTES);
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private findKey(key: Buffer): number {
    let low = 0;
    let high = this.entryCount - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const entry = this.keysLength + middle * ENTRY_BYTES;
      const start = this.index.readUInt32LE(entry);
      const order = this.index.compare(key, 0, key.length, start, start + this.index.readUInt32LE(entry + 4));
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  private block(index: number): OsvRecord[] {
    const entry = this.keysLength + index * ENTRY_BYTES;
    const offset = this.index.readUInt32LE(entry + 8) + this.index.readUInt32LE(entry + 12) * 2 ** 32;
    const cached = this.cache.get(offset);
    if (cached) return cached;
    const length = this.index.readUInt32LE(entry + 16);
    if (offset + length > this.header.keysOffset) throw new InputError(`${this.path}: vulnerability database file is damaged`);
    let records: OsvRecord[];
    try {
      records = JSON.parse(inflateRawSync(readExactly(this.fd, offset, length, this.path), { dictionary: DICTIONARY }).toString('utf8')) as OsvRecord[];
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError(`${this.path}: vulnerability database file is damaged`);
    }
    if (this.cache.size >= CACHED_BLOCKS) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(offset, records);
    return records;
  }

  /**
   * The stored records with an affected entry for (ecosystem, name), the ecosystem as OSV writes it (`Debian:12`);
   * each holds only its affected entries for that package.
   */
  records(ecosystem: string, name: string): OsvRecord[] {
    const found = this.findKey(Buffer.from(indexKey(ecosystem, name), 'utf8'));
    return found < 0 ? [] : this.block(found);
  }

  /** Every stored part, block by block: for rebuilding the file with records added (see StoreBuilder.addStored). */
  *storedParts(): Generator<OsvRecord> {
    for (let index = 0; index < this.entryCount; index++) {
      yield* this.block(index);
      this.cache.clear();
    }
  }
}
