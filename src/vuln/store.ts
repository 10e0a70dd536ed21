// The on-disk form of one ecosystem's OSV records: a single file, written once and renamed into place, read with
// positioned reads. Each record is kept as compact JSON (only what matching and reports read), deflated on its own
// with a preset dictionary of OSV's recurring words; a sorted index of "ecosystem\0name" keys points at them. Opening
// reads the index only (one read); a look-up is a binary search and one read per record.
//
//   records   deflated record, deflated record, ...
//   keys      the index keys, UTF-8, in byte order, back to back
//   entries   per key: key offset, key length, first posting, posting count (4 × u32)
//   postings  per (key, record): record offset (u48 as low u32 + high u32) and length (u32)
//   header    JSON: counts, dates, source, section offsets
//   footer    header length (u32), format version (u32), magic "SHIPOSV\n"
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { InputError } from '../core/errors.js';
import { baseEcosystem, normalizePackageName, type OsvAffected, type OsvRecord } from './osv.js';

const MAGIC = Buffer.from('SHIPOSV\n', 'latin1');
const FORMAT_VERSION = 1;
const FOOTER_BYTES = 16;
const ENTRY_BYTES = 16;
const POSTING_BYTES = 12;
const WRITE_CHUNK = 1024 * 1024;

// Words nearly every record repeats; deflate refers back to them instead of spelling them out again.
const DICTIONARY = Buffer.from(
  '{"id":"","modified":"T00:00:00Z","published":"","aliases":["CVE-","GHSA-"],"summary":"","severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],' +
    '"affected":[{"package":{"ecosystem":"","name":""},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":""},{"last_affected":""}]}],"versions":[""],' +
    '"database_specific":{"severity":"MODERATE"},"ecosystem_specific":{"urgency":"not yet assigned"}}]}',
);

/** What the header of an ecosystem file says about it. */
export interface StoreHeader {
  format: number;
  /** The OSV ecosystem the file holds (`Debian`), its releases (`Debian:12`) included. */
  ecosystem: string;
  records: number;
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
  postingsOffset: number;
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

interface PendingRecord {
  modified: string;
  offset: number;
  length: number;
  keys: string[];
}

/** Writes one ecosystem's file: records as they come (the newest `modified` of an id wins), then the index. */
export class StoreBuilder {
  private readonly fd: number;
  private readonly byId = new Map<string, PendingRecord>();
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private offset = 0;
  private skipped = 0;
  private newest = '';

  constructor(
    path: string,
    readonly ecosystem: string,
  ) {
    this.fd = openSync(path, 'wx', 0o644);
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
    this.addCompact(compact, Buffer.from(deflateRawSync(JSON.stringify(compact), { dictionary: DICTIONARY })));
  }

  /** Adds a record already in stored form, its deflated bytes copied as they are (records kept from an older file). */
  addStored(compact: OsvRecord, deflated: Buffer): void {
    const previous = this.byId.get(compact.id);
    if (previous && previous.modified > compact.modified) return;
    this.addCompact(compact, deflated);
  }

  private addCompact(compact: OsvRecord, deflated: Buffer): void {
    const keys = [...new Set(compact.affected!.map((entry) => indexKey(entry.package!.ecosystem, entry.package!.name)))];
    this.byId.set(compact.id, { modified: compact.modified, offset: this.offset, length: deflated.length, keys });
    if (compact.modified > this.newest) this.newest = compact.modified;
    this.write(deflated);
  }

  get size(): number {
    return this.byId.size;
  }

  private write(buffer: Buffer): void {
    this.pending.push(buffer);
    this.pendingBytes += buffer.length;
    this.offset += buffer.length;
    if (this.pendingBytes >= WRITE_CHUNK) this.flush();
  }

  private flush(): void {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < chunk.length) done += writeSync(this.fd, chunk, done);
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Writes the index, header and footer, flushes the file to disk and closes it. */
  finish(source: StoreSource, builtAt = new Date()): StoreHeader {
    try {
      const postingsByKey = new Map<string, PendingRecord[]>();
      const perEcosystem: Record<string, number> = {};
      for (const record of this.byId.values()) {
        const ecosystems = new Set<string>();
        for (const key of record.keys) {
          const list = postingsByKey.get(key);
          if (list) list.push(record);
          else postingsByKey.set(key, [record]);
          ecosystems.add(key.slice(0, key.indexOf('\0')));
        }
        for (const ecosystem of ecosystems) perEcosystem[ecosystem] = (perEcosystem[ecosystem] ?? 0) + 1;
      }
      const keys = [...postingsByKey.keys()].map((key) => Buffer.from(key, 'utf8')).sort(Buffer.compare);
      const keysOffset = this.offset;
      const entries = Buffer.alloc(keys.length * ENTRY_BYTES);
      const postingCount = [...postingsByKey.values()].reduce((total, list) => total + list.length, 0);
      const postings = Buffer.alloc(postingCount * POSTING_BYTES);
      let keyAt = 0;
      let postingAt = 0;
      keys.forEach((key, index) => {
        const list = postingsByKey.get(key.toString('utf8'))!;
        entries.writeUInt32LE(keyAt, index * ENTRY_BYTES);
        entries.writeUInt32LE(key.length, index * ENTRY_BYTES + 4);
        entries.writeUInt32LE(postingAt, index * ENTRY_BYTES + 8);
        entries.writeUInt32LE(list.length, index * ENTRY_BYTES + 12);
        for (const record of list) {
          const at = postingAt * POSTING_BYTES;
          postings.writeUInt32LE(record.offset % 2 ** 32, at);
          postings.writeUInt32LE(Math.floor(record.offset / 2 ** 32), at + 4);
          postings.writeUInt32LE(record.length, at + 8);
          postingAt++;
        }
        keyAt += key.length;
      });
      for (const key of keys) this.write(key);
      const entriesOffset = this.offset;
      this.write(entries);
      const postingsOffset = this.offset;
      this.write(postings);
      const header: StoreHeader = {
        format: FORMAT_VERSION,
        ecosystem: this.ecosystem,
        records: this.byId.size,
        packages: keys.length,
        perEcosystem,
        skipped: this.skipped,
        builtAt: builtAt.toISOString(),
        newestRecord: this.newest,
        source,
        keysOffset,
        entriesOffset,
        postingsOffset,
        headerOffset: this.offset,
      };
      const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
      this.write(headerBytes);
      const footer = Buffer.alloc(FOOTER_BYTES);
      footer.writeUInt32LE(headerBytes.length, 0);
      footer.writeUInt32LE(FORMAT_VERSION, 4);
      MAGIC.copy(footer, 8);
      this.write(footer);
      this.flush();
      fsyncSync(this.fd);
      return header;
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes the file without finishing it (the caller removes it). */
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // Already closed by finish().
    }
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
  if (header.headerOffset !== size - FOOTER_BYTES - headerLength || !(header.keysOffset <= header.entriesOffset && header.entriesOffset <= header.postingsOffset && header.postingsOffset <= header.headerOffset)) {
    damaged();
  }
  return header;
}

/** One ecosystem file opened for look-ups: the index in memory, records read when asked for. */
export class StoreReader {
  readonly header: StoreHeader;
  private readonly fd: number;
  private readonly index: Buffer;
  private readonly keysLength: number;
  private readonly entryCount: number;
  private readonly cache = new Map<number, OsvRecord>();

  constructor(private readonly path: string) {
    this.fd = openSync(path, 'r');
    try {
      this.header = readHeader(this.fd, path);
      const { keysOffset, entriesOffset, postingsOffset, headerOffset } = this.header;
      this.index = readExactly(this.fd, keysOffset, headerOffset - keysOffset, path);
      this.keysLength = entriesOffset - keysOffset;
      this.entryCount = (postingsOffset - entriesOffset) / ENTRY_BYTES;
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
      const length = this.index.readUInt32LE(entry + 4);
      const order = this.index.compare(key, 0, key.length, start, start + length);
      if (order === 0) return middle;
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return -1;
  }

  /** The stored records with an affected entry for (ecosystem, name); the ecosystem as OSV writes it (`Debian:12`). */
  records(ecosystem: string, name: string): OsvRecord[] {
    const found = this.findKey(Buffer.from(indexKey(ecosystem, name), 'utf8'));
    if (found < 0) return [];
    const entry = this.keysLength + found * ENTRY_BYTES;
    const first = this.index.readUInt32LE(entry + 8);
    const count = this.index.readUInt32LE(entry + 12);
    const postings = this.header.postingsOffset - this.header.keysOffset;
    const records: OsvRecord[] = [];
    for (let posting = first; posting < first + count; posting++) {
      const at = postings + posting * POSTING_BYTES;
      const offset = this.index.readUInt32LE(at) + this.index.readUInt32LE(at + 4) * 2 ** 32;
      records.push(this.recordAt(offset, this.index.readUInt32LE(at + 8)));
    }
    return records;
  }

  private recordAt(offset: number, length: number): OsvRecord {
    const cached = this.cache.get(offset);
    if (cached) return cached;
    const record = JSON.parse(inflateRawSync(this.rawAt(offset, length), { dictionary: DICTIONARY }).toString('utf8')) as OsvRecord;
    this.cache.set(offset, record);
    return record;
  }

  private rawAt(offset: number, length: number): Buffer {
    if (offset + length > this.header.keysOffset) throw new InputError(`${this.path}: vulnerability database file is damaged`);
    return readExactly(this.fd, offset, length, this.path);
  }

  /** Every record once, with its stored bytes: for rebuilding the file with records added. */
  *storedRecords(): Generator<{ record: OsvRecord; deflated: Buffer }> {
    const postings = this.header.postingsOffset - this.header.keysOffset;
    const seen = new Set<number>();
    const total = (this.header.headerOffset - this.header.postingsOffset) / POSTING_BYTES;
    for (let posting = 0; posting < total; posting++) {
      const at = postings + posting * POSTING_BYTES;
      const offset = this.index.readUInt32LE(at) + this.index.readUInt32LE(at + 4) * 2 ** 32;
      if (seen.has(offset)) continue;
      seen.add(offset);
      const deflated = this.rawAt(offset, this.index.readUInt32LE(at + 8));
      yield { record: JSON.parse(inflateRawSync(deflated, { dictionary: DICTIONARY }).toString('utf8')) as OsvRecord, deflated };
    }
  }
}
