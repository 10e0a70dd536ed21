// A small, careful reader for zip archives: the OSV exports (`<ecosystem>/all.zip`) on disk and the Java archives
// an image layer streams by, held in memory. The central directory is the table of contents (zip64 included, for
// archives of more than 65,535 entries), each entry is read from its local header with positioned reads, stored
// or deflated, inflated with a bound on its declared size and checked against its CRC-32. Entry names are only
// reported, never used as paths.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import { InputError } from '../core/errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const MAX_COMMENT = 0xffff;
/** Larger than any OSV record by far; a bigger entry is refused before anything is inflated. */
export const MAX_ZIP_ENTRY_BYTES = 64 * 1024 * 1024;
const MAX_CENTRAL_DIRECTORY_BYTES = 1024 * 1024 * 1024;

/** Where an archive's bytes are: positioned reads of `length` bytes, within `size`, checked by the reader. */
interface ZipSource {
  readonly size: number;
  read(position: number, length: number): Buffer;
  close(): void;
}

class FileSource implements ZipSource {
  readonly size: number;
  private readonly fd: number;

  constructor(path: string) {
    try {
      this.fd = openSync(path, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(error)})`}`);
    }
    this.size = fstatSync(this.fd).size;
  }

  read(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const got = readSync(this.fd, buffer, done, length - done, position + done);
      if (got === 0) break;
      done += got;
    }
    return done === length ? buffer : buffer.subarray(0, done);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** An archive held as the pieces it arrived in: a read inside one piece is a view of it, not a copy. */
class ChunkSource implements ZipSource {
  readonly size: number;
  /** Where each piece starts in the archive. */
  private readonly starts: number[] = [];

  constructor(private readonly chunks: readonly Buffer[]) {
    let size = 0;
    for (const chunk of chunks) {
      this.starts.push(size);
      size += chunk.length;
    }
    this.size = size;
  }

  read(position: number, length: number): Buffer {
    let low = 0;
    let high = this.chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle]! <= position) low = middle;
      else high = middle - 1;
    }
    const first = this.chunks[low]!;
    const offset = position - this.starts[low]!;
    if (offset + length <= first.length) return first.subarray(offset, offset + length);
    const parts: Buffer[] = [first.subarray(offset)];
    let got = parts[0]!.length;
    for (let index = low + 1; got < length && index < this.chunks.length; index++) {
      const part = this.chunks[index]!.subarray(0, length - got);
      parts.push(part);
      got += part.length;
    }
    return Buffer.concat(parts, got);
  }

  close(): void {}
}

export interface ZipReaderOptions {
  /** The largest inflated entry `readEntry` returns. */
  maxEntryBytes?: number;
}

export class ZipReader {
  readonly entries: ZipEntry[];
  private readonly size: number;
  private readonly maxEntryBytes: number;

  private constructor(
    private readonly label: string,
    private readonly source: ZipSource,
    options: ZipReaderOptions,
  ) {
    this.size = source.size;
    this.maxEntryBytes = options.maxEntryBytes ?? MAX_ZIP_ENTRY_BYTES;
    try {
      this.entries = this.readCentralDirectory();
    } catch (error) {
      source.close();
      throw error;
    }
  }

  static open(path: string, options: ZipReaderOptions = {}): ZipReader {
    return new ZipReader(path, new FileSource(path), options);
  }

  /** An archive in memory, one buffer or the pieces it streamed in; `label` names it in errors. */
  static fromBuffers(label: string, chunks: Buffer | readonly Buffer[], options: ZipReaderOptions = {}): ZipReader {
    return new ZipReader(label, new ChunkSource(Buffer.isBuffer(chunks) ? [chunks] : chunks), options);
  }

  close(): void {
    this.source.close();
  }

  private fail(problem: string): never {
    throw new InputError(`${this.label}: not a valid zip archive (${problem})`);
  }

  private read(position: number, length: number): Buffer {
    if (position < 0 || length < 0 || position + length > this.size) this.fail('a record points outside the file');
    const bytes = this.source.read(position, length);
    if (bytes.length !== length) this.fail('the file ended early');
    return bytes;
  }

  private readCentralDirectory(): ZipEntry[] {
    const tailLength = Math.min(this.size, 22 + MAX_COMMENT);
    const tail = this.read(this.size - tailLength, tailLength);
    let eocd = -1;
    for (let at = tail.length - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === EOCD_SIGNATURE && at + 22 + tail.readUInt16LE(at + 20) === tail.length) {
        eocd = at;
        break;
      }
    }
    if (eocd < 0) this.fail('no end of central directory');
    let count = tail.readUInt16LE(eocd + 10);
    let directorySize = tail.readUInt32LE(eocd + 12);
    let directoryOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
      const locatorAt = this.size - tailLength + eocd - 20;
      const locator = this.read(locatorAt, 20);
      if (locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIGNATURE) this.fail('zip64 fields without a zip64 locator');
      const record = this.read(this.safeNumber(locator.readBigUInt64LE(8)), 56);
      if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) this.fail('bad zip64 end of central directory');
      count = this.safeNumber(record.readBigUInt64LE(32));
      directorySize = this.safeNumber(record.readBigUInt64LE(40));
      directoryOffset = this.safeNumber(record.readBigUInt64LE(48));
    }
    if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES) this.fail('central directory too large');
    // Every central record is at least 46 bytes: a count the directory cannot hold is a lie.
    if (count * 46 > directorySize) this.fail('more entries than the central directory holds');
    const directory = this.read(directoryOffset, directorySize);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let index = 0; index < count; index++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) this.fail(`central record ${index + 1} is damaged`);
      const flags = directory.readUInt16LE(at + 8);
      const method = directory.readUInt16LE(at + 10);
      const crc = directory.readUInt32LE(at + 16);
      let compressedSize = directory.readUInt32LE(at + 20);
      let size = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      let localHeaderOffset = directory.readUInt32LE(at + 42);
      const end = at + 46 + nameLength + extraLength + commentLength;
      if (end > directory.length) this.fail(`central record ${index + 1} runs past the directory`);
      if (flags & 0x1) this.fail('encrypted entries are not supported');
      const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
      // Zip64 extra field: the 64-bit values, present only for the fields set to all ones, in this order.
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = directory.readUInt16LE(extra);
        const length = directory.readUInt16LE(extra + 2);
        if (extra + 4 + length > extraEnd) this.fail(`${name}: damaged extra field`);
        if (id === 0x0001) {
          let field = extra + 4;
          const next = (): number => {
            if (field + 8 > extra + 4 + length) this.fail(`${name}: short zip64 field`);
            const value = this.safeNumber(directory.readBigUInt64LE(field));
            field += 8;
            return value;
          };
          if (size === 0xffffffff) size = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
        }
        extra += 4 + length;
      }
      entries.push({ name, method, crc, compressedSize, size, localHeaderOffset });
      at = end;
    }
    return entries;
  }

  private safeNumber(value: bigint): number {
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) this.fail('a size or offset is out of range');
    return Number(value);
  }

  /** The entry's bytes, inflated and checked against its CRC-32 (a stored entry in memory is a view, not a copy). */
  readEntry(entry: ZipEntry): Buffer {
    if (entry.size > this.maxEntryBytes) this.fail(`${entry.name}: ${entry.size} bytes, more than the ${this.maxEntryBytes}-byte limit for an entry`);
    if (entry.method !== STORED && entry.method !== DEFLATED) this.fail(`${entry.name}: compression method ${entry.method} is not supported`);
    const local = this.read(entry.localHeaderOffset, 30);
    if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) this.fail(`${entry.name}: no local header where the directory says`);
    const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const stored = this.read(dataStart, entry.compressedSize);
    let data: Buffer;
    if (entry.method === STORED) {
      data = stored;
    } else {
      try {
        data = inflateRawSync(stored, { maxOutputLength: Math.max(entry.size, 1) });
      } catch (error) {
        this.fail(`${entry.name}: ${(error as Error).message}`);
      }
    }
    if (data.length !== entry.size) this.fail(`${entry.name}: ${data.length} bytes inflated, ${entry.size} declared`);
    if (crc32(data) >>> 0 !== entry.crc) this.fail(`${entry.name}: CRC-32 mismatch`);
    return data;
  }
}
