// Files shipshape reads on purpose from a project it did not write: configs and ignore files. Whoever wrote the
// project chose what they are, so each must be a regular file (never a device or a FIFO: `/dev/zero` would never
// end, a FIFO would never open), of a size a config can have, and a symbolic link is followed only to a file inside
// the project: `.shipshape.yaml -> /etc/shadow` would otherwise be read, and quoted in an error.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import { InputError } from './errors.js';
import { formatBytesSI } from './format.js';

/** The largest config or ignore file read (Docker's own ignore files are a few hundred bytes). */
export const MAX_PROJECT_FILE_BYTES = 1_000_000;

export interface ProjectFileOptions {
  /** The directory a symbolic link must resolve inside; without it (a file the user named) a link goes anywhere. */
  within?: string;
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

function readError(path: string, error: unknown): InputError {
  if (error instanceof InputError) return error;
  const code = errno(error);
  if (code === 'EACCES' || code === 'EPERM') return new InputError(`${path}: permission denied`);
  if (code === 'ELOOP') return new InputError(`${path}: too many levels of symbolic links`);
  return new InputError(`${path}: cannot read (${code ?? String(error)})`);
}

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

function tooLarge(path: string, size: number): InputError {
  return new InputError(`${path}: ${formatBytesSI(size)}, larger than the ${formatBytesSI(MAX_PROJECT_FILE_BYTES)} a config or ignore file may be`);
}

function requireRegular(path: string, stats: Stats): void {
  if (stats.isDirectory()) throw new InputError(`${path}: is a directory, not a file`);
  if (!stats.isFile()) throw new InputError(`${path}: not a regular file (a device, FIFO or socket is not read)`);
  if (stats.size > MAX_PROJECT_FILE_BYTES) throw tooLarge(path, stats.size);
}

/**
 * The bytes of a config or ignore file; undefined when there is none (nor a link to one). Throws InputError, one
 * line naming the file and never quoting it, for a file that is not regular, too large, unreadable, or a link out
 * of `within`.
 */
export function readProjectFile(path: string, options: ProjectFileOptions = {}): Buffer | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(path);
    if (stats.isSymbolicLink()) {
      if (options.within !== undefined) {
        const target = realpathSync(path);
        const root = realpathSync(resolve(options.within));
        if (!isInside(target, root)) throw new InputError(`${path}: a symbolic link to a file outside ${options.within}, not followed`);
      }
      stats = statSync(path);
    }
  } catch (error) {
    const code = errno(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw readError(path, error);
  }
  requireRegular(path, stats);
  let fd: number;
  try {
    // Non-blocking: had the file become a FIFO since it was looked at, opening it would wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw readError(path, error);
  }
  try {
    requireRegular(path, fstatSync(fd));
    // one byte more than allowed, to see a file that grew since it was looked at
    const buffer = Buffer.allocUnsafe(MAX_PROJECT_FILE_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      read = readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > MAX_PROJECT_FILE_BYTES) throw tooLarge(path, length);
    return Buffer.from(buffer.subarray(0, length));
  } catch (error) {
    throw readError(path, error);
  } finally {
    closeSync(fd);
  }
}
