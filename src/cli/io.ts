// Reading inputs and writing outputs for the CLI: one clear line for every way an input can be wrong,
// and writes that never leave a half-written file behind.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../core/errors.js';
import { escapeForTerminal } from '../core/terminal-text.js';

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

export function readTextFile(path: string): string {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) throw new InputError(`${path}: is a directory`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`);
    throw new InputError(`${path}: cannot read (${code ?? String(error)})`);
  }
  return decodeText(bytes, path);
}

/** A one-line message on stderr; the names in it come from the tree, so it is escaped for the terminal. */
export function tell(message: string): void {
  process.stderr.write(`${escapeForTerminal(message)}\n`);
}

/**
 * A unified diff on stdout: escaped line by line on a terminal, as it is (for `patch`) anywhere else. The lines
 * are the Dockerfile's or .dockerignore's, which whoever wrote the repository controls.
 */
export function printDiff(diff: string): void {
  process.stdout.write(process.stdout.isTTY ? diff.replace(/[^\n]+/g, escapeForTerminal) : diff);
}

export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
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
