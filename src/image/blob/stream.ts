import { Readable, pipeline, type Duplex } from 'node:stream';
import { InputError } from '../../core/errors.js';
import { formatBytesBinary } from '../../core/format.js';

/**
 * How far each stage of a blob stream reads ahead: file reads, zlib's output chunks and every stage's buffer. With
 * Node's 16–64 KiB defaults a stage stops after one chunk until the parser on this thread takes it, so reading,
 * inflating and parsing took turns; with 1 MiB at each stage the file reads and zlib (both on libuv's thread pool)
 * keep going while the parser works, and a 1 GB layer is about a thousand hand-offs instead of tens of thousands.
 */
export const BLOB_CHUNK = 1024 * 1024;
export const STAGE_OPTIONS = { highWaterMark: BLOB_CHUNK } as const;

/**
 * Chains `source` through `stages` and returns a stream whose errors are all InputErrors naming `label`:
 * a corrupt or mislabelled blob is bad input, not a crash. Destroying the result releases the source.
 */
export function chain(source: Readable, stages: Duplex[], label: string, what: string): Readable {
  const last = stages.length === 0 ? source : (pipeline(source, ...(stages as [Duplex]), () => {}) as unknown as Readable);
  async function* forward(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of last) yield chunk as Buffer;
    } catch (error) {
      throw asInputError(error, label, what);
    }
  }
  return Readable.from(forward(), { objectMode: false, ...STAGE_OPTIONS });
}

export function asInputError(error: unknown, label: string, what: string): InputError {
  if (error instanceof InputError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InputError(`${label}: cannot read ${what}: ${message}`);
}

/** Reads a whole stream that must not exceed `cap` bytes (documents, never layers); `tooLarge` is thrown if it does. */
export async function readWhole(stream: Readable, cap: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    length += (chunk as Buffer).length;
    if (length > cap) {
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads a whole stream that must not exceed `cap` bytes (JSON documents, never layers); errors name `what`. */
export async function readCapped(stream: Readable, cap: number, label: string, what: string): Promise<Buffer> {
  try {
    return await readWhole(stream, cap, () => new InputError(`${label}: ${what} is larger than the ${formatBytesBinary(cap)} limit`));
  } catch (error) {
    throw asInputError(error, label, what);
  }
}

export function parseJson<T>(bytes: Buffer, label: string, what: string): T {
  try {
    return JSON.parse(bytes.toString('utf8')) as T;
  } catch (error) {
    throw new InputError(`${label}: ${what} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Size caps for the JSON documents an image is described by. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;
