// OSV export zips for tests: written by Info-ZIP's `zip` (the real tool, as a user or mirror would make one), or
// byte by byte here when a test needs a damaged archive.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import type { OsvRecord } from '../../src/vuln/osv.js';

/** Zips the records as `<id>.json` entries with the system `zip` (`-fz` forces the zip64 format). */
export function zipRecords(zipPath: string, records: readonly OsvRecord[], options: { zip64?: boolean; store?: boolean } = {}): void {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-osv-zip-'));
  try {
    for (const record of records) writeFileSync(join(dir, `${record.id}.json`), JSON.stringify(record, null, 2));
    const flags = ['-q', '-X', ...(options.zip64 ? ['-fz'] : []), ...(options.store ? ['-0'] : [])];
    rmSync(zipPath, { force: true });
    execFileSync('zip', [...flags, zipPath, ...records.map((record) => `${record.id}.json`)], { cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RawEntry {
  name: string;
  data: Buffer;
  /** Overrides for the header fields a damaged archive lies about. */
  declaredSize?: number;
  crc?: number;
  store?: boolean;
}

/**
 * A zip written field by field, so tests can make it lie (wrong sizes, wrong CRCs). More than 65,535 entries get
 * the zip64 end records, as OSV's largest exports have.
 */
export function rawZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const stored = entry.store ? entry.data : deflateRawSync(entry.data);
    const crc = entry.crc ?? crc32(entry.data) >>> 0;
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const zip64 = entries.length > 0xffff;
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}

/** Writes records as JSON files under `dir` (one per record, in nested directories to show they are walked). */
export function writeRecordFiles(dir: string, records: readonly OsvRecord[]): void {
  for (const [index, record] of records.entries()) {
    const sub = join(dir, index % 2 === 0 ? 'a' : join('b', 'c'));
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `${record.id}.json`), JSON.stringify(record));
  }
}
