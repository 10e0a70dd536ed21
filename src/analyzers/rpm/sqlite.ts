// A read-only reader of one SQLite table, enough for rpm's `rpmdb.sqlite` (RHEL 9, Fedora 33+, Amazon Linux 2023):
// the file format (https://www.sqlite.org/fileformat2.html) walked from the schema table to the rows of the table
// asked for. Every page is visited at most once, so a crafted file cannot loop or grow the work.

export class SqliteFormatError extends Error {}

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const LEAF_TABLE = 0x0d;
const INTERIOR_TABLE = 0x05;

/** A varint: up to nine bytes, big-endian 7-bit groups, the ninth byte whole. Values past 2^53 are clamped. */
function varint(bytes: Buffer, offset: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[offset + i];
    if (byte === undefined) throw new SqliteFormatError('varint past the end of a page');
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [Math.min(value, Number.MAX_SAFE_INTEGER), offset + i + 1];
  }
  const last = bytes[offset + 8];
  if (last === undefined) throw new SqliteFormatError('varint past the end of a page');
  return [Math.min(value * 256 + last, Number.MAX_SAFE_INTEGER), offset + 9];
}

export type SqliteValue = null | number | string | Buffer;

export class SqliteFile {
  private readonly pageSize: number;
  private readonly usable: number;
  private readonly pages: number;
  private readonly visited = new Set<number>();

  constructor(private readonly bytes: Buffer) {
    if (bytes.length < 100 || !bytes.subarray(0, 16).equals(HEADER)) throw new SqliteFormatError('not an SQLite database');
    const size = bytes.readUInt16BE(16);
    this.pageSize = size === 1 ? 65536 : size;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) throw new SqliteFormatError(`page size ${size}`);
    this.usable = this.pageSize - bytes[20]!;
    this.pages = Math.floor(bytes.length / this.pageSize);
  }

  private page(number: number): Buffer {
    if (number < 1 || number > this.pages) throw new SqliteFormatError(`page ${number} is outside the file`);
    if (this.visited.has(number)) throw new SqliteFormatError(`page ${number} is reached twice`);
    this.visited.add(number);
    return this.bytes.subarray((number - 1) * this.pageSize, number * this.pageSize);
  }

  /** The rows of the table whose b-tree starts at `root`, each as its column values. */
  *rows(root: number): Generator<SqliteValue[]> {
    const stack = [root];
    while (stack.length > 0) {
      const number = stack.pop()!;
      const page = this.page(number);
      const start = number === 1 ? 100 : 0;
      const type = page[start];
      const cells = page.readUInt16BE(start + 3);
      if (type === INTERIOR_TABLE) {
        const children = [page.readUInt32BE(start + 8)];
        for (let i = 0; i < cells; i++) children.push(page.readUInt32BE(page.readUInt16BE(start + 12 + 2 * i)));
        // Depth first, in key order: the stack pops the last pushed.
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      } else if (type === LEAF_TABLE) {
        for (let i = 0; i < cells; i++) yield this.leafRow(page, page.readUInt16BE(start + 8 + 2 * i));
      } else {
        throw new SqliteFormatError(`page ${number} is no table page (type ${type})`);
      }
    }
  }

  private leafRow(page: Buffer, cell: number): SqliteValue[] {
    const [payloadSize, afterSize] = varint(page, cell);
    const [rowid, payloadStart] = varint(page, afterSize);
    const payload = this.payload(page, payloadStart, payloadSize);
    const values = decodeRecord(payload);
    // An INTEGER PRIMARY KEY column is stored as NULL: its value is the rowid.
    if (values[0] === null) values[0] = rowid;
    return values;
  }

  /** A cell's payload: the part on the page, then the chain of overflow pages. */
  private payload(page: Buffer, start: number, size: number): Buffer {
    if (size > this.bytes.length) throw new SqliteFormatError('a row larger than the file');
    const maxLocal = this.usable - 35;
    if (size <= maxLocal) return page.subarray(start, start + size);
    const minLocal = Math.floor(((this.usable - 12) * 32) / 255) - 23;
    const spill = minLocal + ((size - minLocal) % (this.usable - 4));
    const local = spill <= maxLocal ? spill : minLocal;
    const parts = [page.subarray(start, start + local)];
    let collected = local;
    let next = page.readUInt32BE(start + local);
    while (collected < size) {
      if (next === 0) throw new SqliteFormatError('an overflow chain ends early');
      const overflow = this.page(next);
      const take = Math.min(this.usable - 4, size - collected);
      parts.push(overflow.subarray(4, 4 + take));
      collected += take;
      next = overflow.readUInt32BE(0);
    }
    return Buffer.concat(parts, size);
  }

  /** The root page of a table, from the schema table on page 1. */
  tableRoot(name: string): number | undefined {
    for (const [type, tableName, , rootpage] of this.rows(1)) {
      if (type === 'table' && tableName === name && typeof rootpage === 'number') return rootpage;
    }
    return undefined;
  }
}

function decodeRecord(record: Buffer): SqliteValue[] {
  const [headerSize, firstType] = varint(record, 0);
  const types: number[] = [];
  for (let at = firstType; at < headerSize; ) {
    const [type, next] = varint(record, at);
    types.push(type);
    at = next;
  }
  const values: SqliteValue[] = [];
  let at = headerSize;
  for (const type of types) {
    if (type === 0) values.push(null);
    else if (type >= 1 && type <= 6) {
      const width = [0, 1, 2, 3, 4, 6, 8][type]!;
      values.push(width === 8 ? Number(record.readBigInt64BE(at)) : record.readIntBE(at, width));
      at += width;
    } else if (type === 7) {
      values.push(record.readDoubleBE(at));
      at += 8;
    } else if (type === 8 || type === 9) values.push(type - 8);
    else if (type >= 12) {
      const length = Math.floor((type - 12) / 2);
      if (at + length > record.length) throw new SqliteFormatError('a value past the end of its row');
      const value = record.subarray(at, at + length);
      values.push(type % 2 === 0 ? value : value.toString('utf8'));
      at += length;
    } else throw new SqliteFormatError(`serial type ${type}`);
  }
  return values;
}
