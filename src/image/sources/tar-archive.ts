import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { InputError } from '../../core/errors.js';
import { compressionOfMagic } from '../blob/decompress.js';
import { formatBytes, readCapped } from '../blob/stream.js';

const BLOCK = 512;

export type TarMemberType = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface TarMember {
  /** Normalised: no leading `./` or `/`, no trailing `/`. */
  name: string;
  type: TarMemberType;
  /** Byte offset of the member's data in the archive. */
  offset: number;
  size: number;
  linkname?: string;
}

/** Member paths as `docker save` and skopeo write them (`./blobs/…`, `blobs/…`) all map to one key. */
export function normaliseMemberName(name: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function parseOctal(field: Buffer): number {
  // GNU base-256: the high bit of the first byte marks a big-endian binary number (sizes of 8 GiB and more)
  if (field[0]! & 0x80) {
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const text = field.toString('latin1').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function cString(field: Buffer): string {
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}

function checksumValid(header: Buffer): boolean {
  const stored = parseOctal(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return stored === sum;
}

function parsePax(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let position = 0;
  while (position < data.length) {
    const space = data.indexOf(0x20, position);
    if (space < 0) break;
    const length = parseInt(data.subarray(position, space).toString('latin1'), 10);
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, position + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records[record.slice(0, equals)] = record.slice(equals + 1);
    position += length;
  }
  return records;
}

function memberType(flag: string): TarMemberType {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'directory';
    default:
      return 'other';
  }
}

/**
 * A tar file read by offset: the member headers are indexed once (seeking over the data), then each member is
 * streamed straight from its byte range. Nothing is extracted and no member is held in memory.
 */
export class TarArchive {
  private constructor(
    private readonly handle: FileHandle,
    readonly members: Map<string, TarMember>,
  ) {}

  static async open(path: string, label: string): Promise<TarArchive> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new InputError(`${label}: no such file`);
      if (code === 'EISDIR') throw new InputError(`${label}: is a directory, not a tar archive`);
      throw new InputError(`${label}: cannot open (${(error as Error).message})`);
    }
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw new InputError(`${label}: is a directory, not a tar archive`);
      const members = await indexMembers(handle, stat.size, label);
      return new TarArchive(handle, members);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The member at `name`, following symbolic and hard links inside the archive. */
  resolve(name: string): TarMember | undefined {
    let key = normaliseMemberName(name);
    for (let hops = 0; hops < 16; hops++) {
      const member = this.members.get(key);
      if (!member || (member.type !== 'symlink' && member.type !== 'hardlink')) return member;
      const target = member.linkname ?? '';
      key =
        member.type === 'symlink' && !target.startsWith('/')
          ? normaliseMemberName(`${key.split('/').slice(0, -1).join('/')}/${target}`)
          : normaliseMemberName(target);
    }
    return undefined;
  }

  /** Streams `length` bytes of a member's data from `start` (default: all of it). */
  stream(member: TarMember, start = 0, length = member.size - start): Readable {
    if (length <= 0) return Readable.from([]);
    // a numeric fd: FileHandle.createReadStream leaves a listener on the handle per stream
    return createReadStream('', {
      fd: this.handle.fd,
      start: member.offset + start,
      end: member.offset + start + length - 1,
      autoClose: false,
    });
  }

  async read(member: TarMember, cap: number, label: string): Promise<Buffer> {
    if (member.size > cap) throw new InputError(`${label}: ${member.name} is larger than the ${formatBytes(cap)} limit`);
    return readCapped(this.stream(member), cap, label, member.name);
  }

  async readHead(member: TarMember, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(Math.min(length, member.size));
    if (buffer.length > 0) await this.handle.read(buffer, 0, buffer.length, member.offset);
    return buffer;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

async function indexMembers(handle: FileHandle, fileSize: number, label: string): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const header = Buffer.alloc(BLOCK);
  let position = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  while (position + BLOCK <= fileSize) {
    const { bytesRead } = await handle.read(header, 0, BLOCK, position);
    if (bytesRead < BLOCK) break;
    if (header.every((byte) => byte === 0)) break;
    if (!checksumValid(header)) {
      if (position === 0) throw notATar(header, label);
      throw new InputError(`${label}: corrupt tar header at byte ${position}`);
    }
    const flag = String.fromCharCode(header[156]!);
    let size = parseOctal(header.subarray(124, 136));
    const dataOffset = position + BLOCK;
    const readData = async (): Promise<Buffer> => {
      if (size > 1024 * 1024) throw new InputError(`${label}: tar extension header at byte ${position} is too large`);
      const data = Buffer.alloc(size);
      await handle.read(data, 0, size, dataOffset);
      return data;
    };
    if (flag === 'L') longName = cString(await readData());
    else if (flag === 'K') longLink = cString(await readData());
    else if (flag === 'x') pax = parsePax(await readData());
    else if (flag !== 'g') {
      if (pax.size !== undefined) size = Number(pax.size);
      const magic = header.subarray(257, 263).toString('latin1');
      const prefix = magic.startsWith('ustar') ? cString(header.subarray(345, 500)) : '';
      const rawName = pax.path ?? longName ?? (prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100)));
      const type = memberType(flag);
      const name = normaliseMemberName(rawName);
      const member: TarMember = { name, type, offset: dataOffset, size: type === 'file' ? size : 0 };
      const linkname = pax.linkpath ?? longLink ?? cString(header.subarray(157, 257));
      if (type === 'symlink' || type === 'hardlink') member.linkname = linkname;
      if (dataOffset + member.size > fileSize) {
        throw new InputError(`${label}: truncated tar archive (${rawName} ends past the end of the file)`);
      }
      if (name !== '') members.set(name, member);
      longName = undefined;
      longLink = undefined;
      pax = {};
    }
    position = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}

function notATar(head: Buffer, label: string): InputError {
  const compression = compressionOfMagic(head);
  if (compression !== 'none') {
    return new InputError(`${label}: is a ${compression}-compressed file, not a tar archive (decompress it first)`);
  }
  return new InputError(`${label}: not a tar archive`);
}
