// A reader of the values of a Berkeley DB hash database, enough for rpm's `Packages` file (RHEL/CentOS 7,
// Amazon Linux 2): every hash page's data items, each header blob read from its chain of overflow pages. The layout
// is Berkeley DB's db_page.h; the byte order is the writer's, told by the metadata page's magic.

export class BerkeleyFormatError extends Error {}

const HASH_MAGIC = 0x061561;
const PAGE_HEADER_BYTES = 26;
const PAGE_TYPE_HASH_UNSORTED = 2;
const PAGE_TYPE_OVERFLOW = 7;
const PAGE_TYPE_HASH = 13;
const ITEM_OFF_PAGE = 3;

export function* berkeleyHashValues(bytes: Buffer): Generator<Buffer> {
  if (bytes.length < 72) throw new BerkeleyFormatError('shorter than a metadata page');
  const little = bytes.readUInt32LE(12) === HASH_MAGIC;
  if (!little && bytes.readUInt32BE(12) !== HASH_MAGIC) throw new BerkeleyFormatError('not a Berkeley DB hash database');
  const u16 = (page: Buffer, at: number): number => (little ? page.readUInt16LE(at) : page.readUInt16BE(at));
  const u32 = (page: Buffer, at: number): number => (little ? page.readUInt32LE(at) : page.readUInt32BE(at));
  const pageSize = u32(bytes, 20);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw new BerkeleyFormatError(`page size ${pageSize}`);
  const pages = Math.floor(bytes.length / pageSize);
  const lastPage = Math.min(u32(bytes, 32), pages - 1);
  const page = (number: number): Buffer => bytes.subarray(number * pageSize, (number + 1) * pageSize);
  // A page belongs to at most one chain: a crafted file that links chains into a loop or into each other stops here.
  const chained = new Set<number>();

  const overflowValue = (first: number, length: number): Buffer => {
    const parts: Buffer[] = [];
    let collected = 0;
    for (let number = first; number !== 0 && collected < length; ) {
      if (number > lastPage || chained.has(number)) throw new BerkeleyFormatError(`overflow page ${number} is invalid or reused`);
      chained.add(number);
      const overflow = page(number);
      if (overflow[25] !== PAGE_TYPE_OVERFLOW) throw new BerkeleyFormatError(`page ${number} is no overflow page`);
      const next = u32(overflow, 16);
      const onPage = next === 0 ? u16(overflow, 22) : pageSize - PAGE_HEADER_BYTES;
      const take = Math.min(onPage, length - collected, pageSize - PAGE_HEADER_BYTES);
      parts.push(overflow.subarray(PAGE_HEADER_BYTES, PAGE_HEADER_BYTES + take));
      collected += take;
      number = next;
    }
    return Buffer.concat(parts, collected);
  };

  for (let number = 1; number <= lastPage; number++) {
    const hash = page(number);
    const type = hash[25];
    if (type !== PAGE_TYPE_HASH && type !== PAGE_TYPE_HASH_UNSORTED) continue;
    const entries = u16(hash, 20);
    if (PAGE_HEADER_BYTES + 2 * entries > pageSize) throw new BerkeleyFormatError(`page ${number} lists more entries than fit`);
    // Entries alternate key, value: the values hold the headers.
    for (let index = 1; index < entries; index += 2) {
      const item = u16(hash, PAGE_HEADER_BYTES + 2 * index);
      if (item + 12 > pageSize || hash[item] !== ITEM_OFF_PAGE) continue;
      yield overflowValue(u32(hash, item + 4), u32(hash, item + 8));
    }
  }
}
