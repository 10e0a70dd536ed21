// zstd layers, decoded by fzstd in pieces that each decode to about 1 MiB at most, so that a reader who pauses stops
// the decoding. fzstd decodes every complete block it is handed in one synchronous call, and a 4-byte zstd block (an
// RLE block) decodes to 128 KiB: handed a 300 KB read whole, it would make 10 GB before anyone could say stop. The
// frames are read here just far enough to know where each block ends and how much it can decode to.

import { Transform, type TransformCallback } from 'node:stream';
import { Decompress } from 'fzstd';
import { InputError } from '../../core/errors.js';
import { BLOB_CHUNK, STAGE_OPTIONS } from './stream.js';

const ZSTD_MAGIC = 0xfd2fb528;
/** Skippable frames: magics 0x184D2A50 to 0x184D2A5F, a 4-byte size, then that many bytes of anything. */
const SKIPPABLE_MAGIC = 0x184d2a50;
/** The most a compressed block decodes to (the format's Block_Maximum_Size). */
const MAX_BLOCK_OUTPUT = 128 * 1024;
const RAW_BLOCK = 0;
const RLE_BLOCK = 1;
const RESERVED_BLOCK = 3;
const CHECKSUM_BYTES = 4;

type Header = 'magic' | 'skippable-size' | 'descriptor' | 'frame-header' | 'block-header';
/** Reading a header's bytes; passing over content (a block's, with what it decodes to, or a skippable frame's); lost. */
type Step = { header: Header; bytes: number } | { pass: number; blockOutput?: number } | { lost: true };

const header = (name: Header, bytes: number): Step => ({ header: name, bytes });
const littleEndian = (bytes: readonly number[]): number => bytes.reduceRight((value, byte) => value * 256 + byte, 0);

/**
 * Walks zstd frames as their bytes arrive and reports where each block ends and the most it decodes to. Once the
 * bytes make no sense as zstd it reports nothing more: fzstd says what is wrong with them.
 */
export class ZstdBlockEnds {
  private step: Step = header('magic', 4);
  private readonly field: number[] = [];
  private checksum = false;
  private lastBlock = false;

  /** Reads `chunk`, calling `onBlockEnd` with the offset in it just past each block that ends in it. */
  scan(chunk: Uint8Array, onBlockEnd: (end: number, maxOutput: number) => void): void {
    let at = 0;
    for (;;) {
      const step = this.step;
      if ('lost' in step) return;
      if ('pass' in step) {
        const taken = Math.min(step.pass, chunk.length - at);
        step.pass -= taken;
        at += taken;
        if (step.pass > 0) return;
        if (step.blockOutput === undefined) {
          this.step = header('magic', 4);
        } else {
          onBlockEnd(at, step.blockOutput);
          if (!this.lastBlock) this.step = header('block-header', 3);
          else this.step = this.checksum ? { pass: CHECKSUM_BYTES } : header('magic', 4);
        }
        continue;
      }
      if (at >= chunk.length) return;
      this.field.push(chunk[at++]!);
      if (this.field.length === step.bytes) this.step = this.after(step.header, this.field.splice(0));
    }
  }

  private after(name: Header, bytes: number[]): Step {
    switch (name) {
      case 'magic': {
        const magic = littleEndian(bytes);
        if (magic === ZSTD_MAGIC) return header('descriptor', 1);
        if (magic >= SKIPPABLE_MAGIC && magic <= SKIPPABLE_MAGIC + 0xf) return header('skippable-size', 4);
        return { lost: true };
      }
      case 'skippable-size':
        return { pass: littleEndian(bytes) };
      case 'descriptor': {
        const descriptor = bytes[0]!;
        const singleSegment = (descriptor >> 5) & 1;
        this.checksum = ((descriptor >> 2) & 1) === 1;
        const windowBytes = singleSegment ? 0 : 1;
        const dictionaryBytes = [0, 1, 2, 4][descriptor & 3]!;
        const contentSizeBytes = [singleSegment, 2, 4, 8][descriptor >> 6]!;
        const rest = windowBytes + dictionaryBytes + contentSizeBytes;
        return rest === 0 ? header('block-header', 3) : header('frame-header', rest);
      }
      case 'frame-header':
        return header('block-header', 3);
      case 'block-header': {
        const value = littleEndian(bytes);
        const type = (value >> 1) & 3;
        const size = value >>> 3;
        if (type === RESERVED_BLOCK) return { lost: true };
        this.lastBlock = (value & 1) === 1;
        if (type === RLE_BLOCK) return { pass: 1, blockOutput: size };
        return { pass: size, blockOutput: type === RAW_BLOCK ? size : MAX_BLOCK_OUTPUT };
      }
    }
  }
}

function zstdError(error: unknown): Error {
  return new InputError(`invalid zstd data: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Decodes zstd with fzstd, a piece of about BLOB_CHUNK of output at a time: between pieces it waits while the
 * reader has not taken what it was given, as zlib's streams do.
 */
export class ZstdDecompressor extends Transform {
  private readonly decoder: Decompress;
  private readonly blocks = new ZstdBlockEnds();
  /** The most the blocks that ended since the last cut decode to. */
  private uncut = 0;
  /** Goes on with a chunk whose decoding waits for the reader. */
  private continueDecoding: (() => void) | undefined;

  constructor() {
    super(STAGE_OPTIONS);
    // fzstd may hand out views into its own window: copy each block before it is reused
    this.decoder = new Decompress((block) => {
      if (block.length > 0) this.push(Buffer.from(block));
    });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const cuts: number[] = [];
    this.blocks.scan(chunk, (end, maxOutput) => {
      this.uncut += maxOutput;
      if (this.uncut >= BLOB_CHUNK) {
        cuts.push(end);
        this.uncut = 0;
      }
    });
    if (cuts.at(-1) !== chunk.length) cuts.push(chunk.length);
    let start = 0;
    const decode = (): void => {
      while (cuts.length > 0) {
        const end = cuts.shift()!;
        try {
          this.decoder.push(chunk.subarray(start, end));
        } catch (error) {
          callback(zstdError(error));
          return;
        }
        start = end;
        if (cuts.length > 0 && this.readableLength >= this.readableHighWaterMark) {
          this.continueDecoding = decode;
          return;
        }
      }
      // the blocks since the last cut were decoded with the chunk's last piece
      this.uncut = 0;
      callback();
    };
    decode();
  }

  override _read(size: number): void {
    const pending = this.continueDecoding;
    this.continueDecoding = undefined;
    if (pending) pending();
    else super._read(size);
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      callback();
    } catch (error) {
      callback(zstdError(error));
    }
  }
}
