// Files shipshape reads on purpose from a project it did not write: configs and ignore files. Whoever wrote the
// project chose what they are, so each must be a regular file (never a device or a FIFO: `/dev/zero` would never
// end, a FIFO would never open), of a size a config can have, and a symbolic link is followed only to a file inside
// the project: `.shipshape.yaml -> /etc/shadow` would otherwise be read, and quoted in an error. Files a fix
// rewrites are written the same way round: through a link inside the project, keeping the link, the file's mode
// and its owner, and atomically.

import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
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

/** A file-system error in words, for a one-line message: `no such file`, `permission denied`… */
export function describeFileError(error: unknown): string {
  const code = errno(error);
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return `error ${code ?? String(error)}`;
  }
}

/**
 * Why an existing file must not be replaced, if it must not: it is read-only for everyone (root may write any
 * file, but a file made read-only is meant to stay as it is), or this user may not write it.
 */
function whyNotWritable(path: string, mode: number): string | undefined {
  if ((mode & 0o222) === 0) return `read-only (mode ${mode.toString(8).padStart(4, '0')}), not rewritten; make it writable first`;
  try {
    accessSync(path, constants.W_OK);
    return undefined;
  } catch (error) {
    return `cannot write: ${describeFileError(error)}`;
  }
}

/**
 * The file a write to `path` replaces: `path` itself, or the file a symbolic link at `path` resolves to, which must
 * lie inside `within` when that is given (a link out of the project is not written through).
 */
function writeTarget(path: string, within: string | undefined): string {
  if (!lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) return path;
  let target: string;
  try {
    target = realpathSync(path);
  } catch (error) {
    if (errno(error) === 'ENOENT') throw new InputError(`${path}: a symbolic link to a missing file, not written`);
    throw readError(path, error);
  }
  if (within !== undefined && !isInside(target, realpathSync(resolve(within)))) {
    throw new InputError(`${path}: a symbolic link to a file outside ${within}, not written`);
  }
  return target;
}

/**
 * Writes a file atomically: a temporary file in the directory of the file replaced, flushed, given that file's mode
 * and owner, then renamed over it. A crash leaves either the old or the new file. `path` may be a symbolic link
 * (inside `within`, when given): the file it points to is replaced and the link stays. A read-only target, or one
 * whose owner this user cannot give the new file, is left as it is.
 */
export function writeFileAtomic(path: string, text: string, options: ProjectFileOptions = {}): void {
  const target = writeTarget(path, options.within);
  let mode = 0o644;
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing) {
    mode = existing.mode & 0o7777;
    if (existing.isDirectory()) throw new InputError(`${path}: is a directory`);
    const why = whyNotWritable(target, mode);
    if (why) throw new InputError(`${path}: ${why}`);
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', mode);
  } catch (error) {
    throw new InputError(`${path}: cannot write: ${describeFileError(error)} in directory ${dirname(target)}`);
  }
  let step = 'write';
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    if (existing) {
      // open() applied the umask; the original's bits (setgid, group-writable…) are restored exactly.
      fchmodSync(fd, mode);
      const made = fstatSync(fd);
      if (made.uid !== existing.uid || made.gid !== existing.gid) {
        step = 'owner';
        fchownSync(fd, existing.uid, existing.gid);
      }
    }
    closeSync(fd);
    renameSync(temp, target);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // Already closed.
    }
    try {
      unlinkSync(temp);
    } catch {
      // Never created or already renamed.
    }
    if (step === 'owner') {
      throw new InputError(`${path}: owned by uid ${existing!.uid} gid ${existing!.gid}, which this user cannot keep on a rewritten file; not rewritten`);
    }
    throw new InputError(`${path}: cannot write: ${describeFileError(error)}`);
  }
}
