import { open, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { InputError } from '../../core/errors.js';
import { formatBytesBinary } from '../../core/format.js';
import { BLOB_CHUNK, readCapped } from '../blob/stream.js';
import { normaliseMemberName, type TarArchive } from './tar-archive.js';

/** The files of an OCI image layout, wherever they are: a directory or a tar archive read by offset. */
export interface LayoutFiles {
  /** Names the layout in messages (the reference as the user wrote it). */
  readonly label: string;
  /** The file's bytes, or undefined when it does not exist; larger than `cap` is an error. */
  read(path: string, cap: number): Promise<Buffer | undefined>;
  /** The file as a stream with its size, or undefined when it does not exist. */
  open(path: string): Promise<{ stream: Readable; size: number } | undefined>;
  /** The first `length` bytes of a file (to sniff its compression). */
  head(path: string, length: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export class DirectoryFiles implements LayoutFiles {
  private readonly root: string;

  constructor(
    root: string,
    readonly label: string,
  ) {
    this.root = resolve(root);
  }

  private resolvePath(path: string): string {
    const normalised = normaliseMemberName(path);
    const full = join(this.root, normalised);
    if (full !== this.root && !full.startsWith(this.root + sep)) throw new InputError(`${this.label}: path ${path} leaves the layout`);
    return full;
  }

  async read(path: string, cap: number): Promise<Buffer | undefined> {
    const opened = await this.open(path);
    if (!opened) return undefined;
    if (opened.size > cap) {
      opened.stream.destroy();
      throw new InputError(`${this.label}: ${path} is larger than the ${formatBytesBinary(cap)} limit`);
    }
    return readCapped(opened.stream, cap, this.label, path);
  }

  async open(path: string): Promise<{ stream: Readable; size: number } | undefined> {
    const full = this.resolvePath(path);
    try {
      const handle = await open(full, 'r');
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return undefined;
      }
      return { stream: handle.createReadStream({ highWaterMark: BLOB_CHUNK }), size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new InputError(`${this.label}: cannot read ${path} (${(error as Error).message})`);
    }
  }

  async head(path: string, length: number): Promise<Buffer | undefined> {
    const full = this.resolvePath(path);
    try {
      const handle = await open(full, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {}
}

export class ArchiveFiles implements LayoutFiles {
  constructor(
    private readonly archive: TarArchive,
    readonly label: string,
  ) {}

  async read(path: string, cap: number): Promise<Buffer | undefined> {
    const member = this.archive.resolve(path);
    if (!member || member.type !== 'file') return undefined;
    return this.archive.read(member, cap, this.label);
  }

  async open(path: string): Promise<{ stream: Readable; size: number } | undefined> {
    const member = this.archive.resolve(path);
    if (!member || member.type !== 'file') return undefined;
    return { stream: this.archive.stream(member), size: member.size };
  }

  async head(path: string, length: number): Promise<Buffer | undefined> {
    const member = this.archive.resolve(path);
    if (!member || member.type !== 'file') return undefined;
    return this.archive.readHead(member, length);
  }

  async close(): Promise<void> {
    await this.archive.close();
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
