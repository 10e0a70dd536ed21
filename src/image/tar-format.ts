// The tar header format, read the way Go's archive/tar (and so Docker, containerd and BuildKit) reads it:
// ustar, GNU and PAX headers, GNU base-256 numbers, long names from GNU `L`/`K` entries and PAX records.

import { decodeFileName } from '../core/file-names.js';

export const BLOCK = 512;

/** The largest GNU long-name or PAX extension body read; a larger one is an attack on memory, not a name. */
const MAX_EXTENSION_BYTES = 1024 * 1024;

/** Typeflags of the entries that describe the next entry rather than being one. */
const EXTENSION_FLAGS: ReadonlySet<string> = new Set(['L', 'K', 'x', 'g']);

/** Types that carry no content whatever their size field says, as Go's reader treats them. */
const HEADER_ONLY_FLAGS: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5', '6']);

/** A header with its extensions applied. `typeflag` is `0` for a regular file written as `\0`. */
export interface TarHeader {
  typeflag: string;
  /** The name as stored (not normalised). */
  name: string;
  linkname: string;
  /** Bytes of content that follow the header (0 for types that carry none). */
  size: number;
  /** Permission bits with setuid, setgid and sticky. */
  mode: number;
  uid: number;
  gid: number;
}

/** What earlier extension entries say about the next entry (PAX `x`, GNU `L`/`K`) and all later ones (PAX `g`). */
export interface TarExtensions {
  longName?: string;
  longLink?: string;
  pax: Record<string, string>;
  globalPax: Record<string, string>;
}

export class TarFormatError extends Error {}

/**
 * An octal field, or a GNU base-256 one (the high bit of the first byte set: sizes of 8 GiB and more), read in
 * place: `bytes[start..end)`.
 */
export function parseNumeric(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (bytes[start]! & 0x80) {
    let value = bytes[start]! & 0x7f;
    for (let i = start + 1; i < end; i++) value = value * 256 + bytes[i]!;
    return value;
  }
  let value = 0;
  let i = start;
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0)) i++;
  for (; i < end; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 7) break;
    value = value * 8 + digit;
  }
  return value;
}

/**
 * A NUL-terminated field, read in place: `bytes[start..end)`. Names are bytes: one that is not UTF-8 keeps its
 * bytes (file-names.ts) rather than turning into U+FFFD, which another name may turn into too.
 */
export function cString(bytes: Buffer, start = 0, end = bytes.length): string {
  if (bytes[start] === 0) return '';
  const nul = bytes.indexOf(0, start);
  const stop = nul < 0 || nul > end ? end : nul;
  const text = bytes.toString('utf8', start, stop);
  return text.includes('\ufffd') ? decodeFileName(bytes.subarray(start, stop)) : text;
}

/** The sum of a block's bytes; four at a time, as two 16-bit lanes, when the block is 4-aligned (as zlib's are). */
function blockSum(block: Uint8Array): number {
  if ((block.byteOffset & 3) !== 0) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += block[i]!;
    return sum;
  }
  const words = new Uint32Array(block.buffer, block.byteOffset, BLOCK / 4);
  // 256 bytes of at most 255 per lane: no lane overflows into the other
  let lanes = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    lanes += (word & 0x00ff00ff) + ((word >>> 8) & 0x00ff00ff);
  }
  return (lanes & 0xffff) + (lanes >>> 16);
}

const CHECKSUM_START = 148;
const CHECKSUM_END = 156;

/** The stored checksum against the header's bytes summed as unsigned (POSIX) or signed (old Sun tars) bytes. */
export function checksumValid(header: Buffer): boolean {
  const stored = parseNumeric(header, CHECKSUM_START, CHECKSUM_END);
  // the checksum field itself counts as eight spaces
  let field = 0;
  for (let i = CHECKSUM_START; i < CHECKSUM_END; i++) field += header[i]!;
  const unsigned = blockSum(header) - field + 8 * 0x20;
  if (stored === unsigned) return true;
  // signed, each byte of 128 or more counts 256 less
  let high = 0;
  for (let i = 0; i < BLOCK; i++) if (header[i]! > 127 && (i < CHECKSUM_START || i >= CHECKSUM_END)) high++;
  return stored === unsigned - 256 * high;
}

export function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

/** PAX records: `<length> <key>=<value>\n`, each length counting the whole record. */
export function parsePax(data: Buffer): Record<string, string> {
  // no prototype: a record named `__proto__` or `constructor` is only a record
  const records = Object.create(null) as Record<string, string>;
  let position = 0;
  while (position < data.length) {
    const space = data.indexOf(0x20, position);
    if (space < 0) break;
    const length = Number(data.toString('latin1', position, space));
    if (!Number.isSafeInteger(length) || length <= space - position + 1 || position + length > data.length) {
      throw new TarFormatError('malformed PAX record');
    }
    const record = decodeFileName(data.subarray(space + 1, position + length - 1));
    const equals = record.indexOf('=');
    if (equals > 0) records[record.slice(0, equals)] = record.slice(equals + 1);
    position += length;
  }
  return records;
}

function paxNumber(records: Record<string, string>, key: string): number | undefined {
  const text = records[key];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new TarFormatError(`invalid PAX ${key} "${text.slice(0, 40)}"`);
  return value;
}

/** The typeflag and body size of an extension entry's header (undefined for any other entry), its size capped. */
export function extensionOf(block: Buffer): { flag: string; size: number } | undefined {
  const flag = String.fromCharCode(block[156]!);
  if (!EXTENSION_FLAGS.has(flag)) return undefined;
  const size = parseNumeric(block, 124, 136);
  if (size > MAX_EXTENSION_BYTES) throw new TarFormatError(`an extension header of ${size} bytes`);
  return { flag, size };
}

/** Applies an extension entry's body to what the next entries inherit. */
export function applyExtension(extensions: TarExtensions, typeflag: string, body: Buffer): void {
  if (typeflag === 'L') extensions.longName = cString(body);
  else if (typeflag === 'K') extensions.longLink = cString(body);
  else if (typeflag === 'x') extensions.pax = parsePax(body);
  else extensions.globalPax = { ...extensions.globalPax, ...parsePax(body) };
}

/** Decodes a (checksum-valid, non-extension) header with the extensions that precede it, and clears the local ones. */
const POSIX_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72, 0]; // "ustar\0" at byte 257

function isPosixMagic(block: Buffer): boolean {
  return POSIX_MAGIC.every((byte, i) => block[257 + i] === byte);
}

export function decodeHeader(block: Buffer, extensions: TarExtensions): TarHeader {
  const { pax, globalPax } = extensions;
  let typeflag = block[156] === 0 ? '0' : String.fromCharCode(block[156]!);
  // POSIX ustar and PAX archives split long names into a prefix; GNU ones keep other fields in those bytes
  const posix = isPosixMagic(block);
  const stored = cString(block, 0, 100);
  const prefix = posix ? cString(block, 345, 500) : '';
  const name = pax.path ?? extensions.longName ?? (prefix ? `${prefix}/${stored}` : stored);
  // old tars mark a directory as a file whose name ends in a slash
  if (typeflag === '0' && name.endsWith('/')) typeflag = '5';
  const size = paxNumber(pax, 'size') ?? paxNumber(globalPax, 'size') ?? parseNumeric(block, 124, 136);
  const header: TarHeader = {
    typeflag,
    name,
    linkname: pax.linkpath ?? extensions.longLink ?? cString(block, 157, 257),
    size: HEADER_ONLY_FLAGS.has(typeflag) ? 0 : size,
    mode: parseNumeric(block, 100, 108) & 0o7777,
    uid: paxNumber(pax, 'uid') ?? paxNumber(globalPax, 'uid') ?? parseNumeric(block, 108, 116),
    gid: paxNumber(pax, 'gid') ?? paxNumber(globalPax, 'gid') ?? parseNumeric(block, 116, 124),
  };
  extensions.pax = {};
  delete extensions.longName;
  delete extensions.longLink;
  return header;
}
