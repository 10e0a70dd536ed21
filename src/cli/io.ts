// Reading inputs and writing outputs for the CLI: one clear line for every way an input can be wrong,
// and writes that never leave a half-written file behind.
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../core/errors.js';
import { describeFileError, readProjectFile, writeFileAtomic } from '../core/project-file.js';

export { describeFileError, writeFileAtomic };
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

/** The files this run reads as inputs, which `--output` must not overwrite. */
const inputs = new Set<string>();

/** Records `path` as an input of this run. */
export function noteInput(path: string): void {
  inputs.add(path);
}

function sameFile(a: Stats, b: Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Refuses to write the report over a file this run read (the same file by any name: a link, `./`, a hard link). */
function refuseInput(output: string): void {
  const target = statSync(output, { throwIfNoEntry: false });
  if (!target) return;
  for (const input of inputs) {
    const stats = statSync(input, { throwIfNoEntry: false });
    if (stats && sameFile(stats, target)) {
      throw new InputError(`${output}: is ${input === output ? 'an input' : `the input ${input}`} of this run; write the report to another file`);
    }
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
    throw new InputError(`${path}: ${describeFileError(error)}`);
  }
  noteInput(path);
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

/** The text of a file a fix is about to change (a .dockerignore); empty when there is none yet. */
export function readOrEmpty(path: string): string {
  return readProjectFile(path)?.toString('utf8') ?? '';
}

/** Writes the report `--output` names, unless that is a file this run read. */
export function writeReport(path: string, text: string): void {
  const dir = dirname(path);
  const dirStats = statSync(dir, { throwIfNoEntry: false });
  if (!dirStats) throw new InputError(`--output ${path}: no directory ${dir} to write it in`);
  if (!dirStats.isDirectory()) throw new InputError(`--output ${path}: ${dir} is not a directory`);
  refuseInput(path);
  writeFileAtomic(path, text);
}
