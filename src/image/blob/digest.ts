import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { InputError } from '../../core/errors.js';
import { STAGE_OPTIONS } from './stream.js';

const HEX_LENGTH: Record<string, number> = { sha256: 64, sha512: 128 };

export interface ParsedDigest {
  algorithm: 'sha256' | 'sha512';
  hex: string;
}

/** Parses `sha256:<64 hex>` / `sha512:<128 hex>`; anything else (including path tricks) is undefined. */
export function parseDigest(digest: string): ParsedDigest | undefined {
  const match = /^(sha256|sha512):([a-f0-9]+)$/.exec(digest);
  if (!match || match[2]!.length !== HEX_LENGTH[match[1]!]) return undefined;
  return { algorithm: match[1] as ParsedDigest['algorithm'], hex: match[2]! };
}

export function requireDigest(digest: string, label: string): ParsedDigest {
  const parsed = parseDigest(digest);
  if (!parsed) throw new InputError(`${label}: invalid digest ${JSON.stringify(digest)}`);
  return parsed;
}

export function digestOf(bytes: Buffer, algorithm: ParsedDigest['algorithm'] = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** `sha256:0123456789ab`: the short digest `docker images` shows. */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  return colon < 0 ? digest : digest.slice(0, colon + 13);
}

/** Thrown (as a stream error) when content does not match the digest or size it was promised under. */
export class DigestMismatchError extends InputError {}

export interface VerifyOptions {
  /** Names the image (or file) in the error message. */
  label: string;
  /** What the bytes are, e.g. `layer sha256:…` or `config`. */
  what: string;
  digest: string;
  /** The exact size in bytes when known; the stream errors past it and when it ends short of it. */
  size?: number;
}

/**
 * A pass-through stream that hashes what flows through it and fails the stream, instead of ending it, when the
 * bytes exceed the declared size or their digest differs. Consumers therefore never see a clean end of bad data.
 */
export class DigestVerifier extends Transform {
  private readonly hash: Hash;
  private readonly expected: ParsedDigest;
  private received = 0;

  constructor(private readonly options: VerifyOptions) {
    super(STAGE_OPTIONS);
    this.expected = requireDigest(options.digest, options.label);
    this.hash = createHash(this.expected.algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    const { size } = this.options;
    if (size !== undefined && this.received > size) {
      callback(this.failure(`is larger than its declared ${size} bytes`));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const { size } = this.options;
    if (size !== undefined && this.received !== size) {
      callback(this.failure(`ended after ${this.received} of its declared ${size} bytes`));
      return;
    }
    const actual = this.hash.digest('hex');
    if (actual !== this.expected.hex) {
      callback(this.failure(`does not match its digest (got ${this.expected.algorithm}:${actual})`));
      return;
    }
    callback();
  }

  private failure(problem: string): DigestMismatchError {
    return new DigestMismatchError(`${this.options.label}: ${this.options.what} ${shortDigest(this.options.digest)} ${problem}`);
  }
}
