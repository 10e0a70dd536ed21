import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { InputError } from '../../core/errors.js';
import { escapeForTerminal } from '../../core/terminal-text.js';
import { compressionOfMagic } from '../blob/decompress.js';
import { formatBytesBinary } from '../../core/format.js';
import { BLOB_CHUNK, readCapped } from '../blob/stream.js';
import {
  applyExtension,
  BLOCK,
  checksumValid,
  decodeHeader,
  extensionOf,
  isZeroBlock,
  TarFormatError,
  type TarExtensions,
} from '../tar-format.js';

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

function memberType(flag: string): TarMemberType {
  switch (flag) {
    case '0':
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
      highWaterMark: BLOB_CHUNK,
    });
  }

  async read(member: TarMember, cap: number, label: string): Promise<Buffer> {
    const shown = escapeForTerminal(member.name);
    if (member.size > cap) throw new InputError(`${label}: ${shown} is larger than the ${formatBytesBinary(cap)} limit`);
    return readCapped(this.stream(member), cap, label, shown);
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
  const block = Buffer.alloc(BLOCK);
  const extensions: TarExtensions = { pax: {}, globalPax: {} };
  let position = 0;
  const decoded = <T>(decode: () => T): T => {
    try {
      return decode();
    } catch (error) {
      if (error instanceof TarFormatError) throw new InputError(`${label}: corrupt tar header at byte ${position} (${error.message})`);
      throw error;
    }
  };
  while (position + BLOCK <= fileSize) {
    const { bytesRead } = await handle.read(block, 0, BLOCK, position);
    if (bytesRead < BLOCK || isZeroBlock(block)) break;
    if (!checksumValid(block)) {
      if (position === 0) throw notATar(block, label);
      throw new InputError(`${label}: corrupt tar header at byte ${position}`);
    }
    const dataOffset = position + BLOCK;
    const extension = decoded(() => extensionOf(block));
    if (extension) {
      const body = Buffer.alloc(extension.size);
      await handle.read(body, 0, extension.size, dataOffset);
      decoded(() => applyExtension(extensions, extension.flag, body));
      position = dataOffset + Math.ceil(extension.size / BLOCK) * BLOCK;
      continue;
    }
    const header = decoded(() => decodeHeader(block, extensions));
    const type = memberType(header.typeflag);
    const name = normaliseMemberName(header.name);
    const member: TarMember = { name, type, offset: dataOffset, size: type === 'file' ? header.size : 0 };
    if (type === 'symlink' || type === 'hardlink') member.linkname = header.linkname;
    if (dataOffset + header.size > fileSize) {
      throw new InputError(`${label}: truncated tar archive (${escapeForTerminal(header.name)} ends past the end of the file)`);
    }
    if (name !== '') members.set(name, member);
    position = dataOffset + Math.ceil(header.size / BLOCK) * BLOCK;
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
