import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../core/errors.js';
import type { Compression } from '../types.js';
import { BLOB_CHUNK, STAGE_OPTIONS } from './stream.js';
import { ZstdDecompressor } from './zstd.js';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
/** Enough leading bytes to tell gzip, zstd and tar apart. */
export const MAGIC_LENGTH = 4;

/** The compression a layer media type declares; undefined when the media type is not a layer type we know. */
export function compressionOfMediaType(mediaType: string): Compression | undefined {
  if (/^application\/vnd\.oci\.image\.layer\.(nondistributable\.)?v1\.tar$/.test(mediaType)) return 'none';
  if (/^application\/vnd\.oci\.image\.layer\.(nondistributable\.)?v1\.tar\+gzip$/.test(mediaType)) return 'gzip';
  if (/^application\/vnd\.oci\.image\.layer\.(nondistributable\.)?v1\.tar\+zstd$/.test(mediaType)) return 'zstd';
  if (/^application\/vnd\.docker\.image\.rootfs\.(foreign\.)?diff\.tar\.gzip$/.test(mediaType)) return 'gzip';
  if (/^application\/vnd\.docker\.image\.rootfs\.(foreign\.)?diff\.tar\.zstd$/.test(mediaType)) return 'zstd';
  if (/^application\/vnd\.docker\.image\.rootfs\.(foreign\.)?diff\.tar$/.test(mediaType)) return 'none';
  return undefined;
}

/** What the first bytes of a blob say it is. */
export function compressionOfMagic(head: Uint8Array): Compression {
  const startsWith = (magic: number[]) => magic.every((byte, i) => head[i] === byte);
  if (startsWith(GZIP_MAGIC)) return 'gzip';
  if (startsWith(ZSTD_MAGIC)) return 'zstd';
  return 'none';
}

/**
 * Passes bytes through after checking that the first ones carry the magic of the declared compression,
 * so a mislabelled layer fails with a clear message instead of as a corrupt stream.
 */
class MagicCheck extends Transform {
  private head: Buffer | undefined = Buffer.alloc(0);

  constructor(
    private readonly declared: Compression,
    private readonly describe: () => string,
  ) {
    super(STAGE_OPTIONS);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.head === undefined) {
      callback(null, chunk);
      return;
    }
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < MAGIC_LENGTH) {
      callback();
      return;
    }
    this.release(callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.head === undefined) callback();
    else this.release(callback);
  }

  private release(callback: TransformCallback): void {
    const head = this.head!;
    this.head = undefined;
    const actual = head.length === 0 ? this.declared : compressionOfMagic(head);
    if (actual !== this.declared) {
      callback(new InputError(`${this.describe()} is declared ${describeCompression(this.declared)} but its bytes are ${describeCompression(actual)}`));
      return;
    }
    callback(null, head);
  }
}

function describeCompression(compression: Compression): string {
  return compression === 'none' ? 'an uncompressed tar' : compression;
}

export function checkMagic(declared: Compression, describe: () => string): Transform {
  return new MagicCheck(declared, describe);
}

/** A transform that decompresses `compression`; undefined for uncompressed data. */
export function decompressor(compression: Compression): Transform | undefined {
  switch (compression) {
    case 'gzip':
      // Each output chunk is a hand-off between zlib's thread and this one: fewer, larger chunks run faster.
      return createGunzip({ chunkSize: BLOB_CHUNK, ...STAGE_OPTIONS });
    case 'zstd':
      return new ZstdDecompressor();
    case 'none':
      return undefined;
  }
}
