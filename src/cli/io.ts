// Reading inputs and writing outputs for the CLI: one clear line for every way an input can be wrong,
// and writes that never leave a half-written file behind.
import { closeSync, fsyncSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a text input, refusing binary and non-UTF-8 content. `label` names the input in errors. */
export function decodeText(bytes: Uint8Array, label: string): string {
  if (bytes.includes(0)) throw new InputError(`${label}: binary file, not a text file`);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new InputError(`${label}: not UTF-8 text`);
  }
}

/** The one line for an input over its size limit. */
export function tooLarge(label: string, maxBytes: number): InputError {
  return new InputError(`${label}: larger than ${maxBytes / (1024 * 1024)} MiB, the limit for this input`);
}

/**
 * Reads a file of at most `maxBytes`: a larger file (or a device that never ends, like /dev/zero) is refused
 * after reading one byte past the limit, never read whole.
 */
function readBounded(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = statSync(path).size;
    if (size > maxBytes) throw tooLarge(path, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(size - total, 64 * 1024), maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > maxBytes) throw tooLarge(path, maxBytes);
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

export function readTextFile(path: string, maxBytes = Number.POSITIVE_INFINITY): string {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new InputError(`${path}: is a directory`);
    bytes = readBounded(path, maxBytes);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`);
    throw new InputError(`${path}: cannot read (${code ?? String(error)})`);
  }
  return decodeText(bytes, path);
}

/** Standard input, refused (`label` named) as soon as it passes `maxBytes`. */
export async function readStdin(label = '-', maxBytes = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw tooLarge(label, maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Writes a file atomically: a temporary file in the same directory, flushed, then renamed over the
 * target, keeping the target's permission bits. A crash leaves either the old or the new file.
 */
export function writeFileAtomic(path: string, text: string): void {
  let mode = 0o644;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    // A new file gets the default mode.
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
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
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot write (${code ?? String(error)})`);
  }
}
