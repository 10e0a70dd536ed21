// A push parser for a tar stream: chunks in, headers and content slices out, nothing copied but a header that
// straddles two chunks and the (capped) body of an extension entry. The walk of a layer is built on it.

import {
  applyExtension,
  BLOCK,
  checksumValid,
  decodeHeader,
  extensionOf,
  isZeroBlock,
  TarFormatError,
  type TarExtensions,
  type TarHeader,
} from './tar-format.js';

export interface TarEntryHandler {
  /** A header; return true to be given the entry's content. */
  entry(header: TarHeader): boolean;
  /** The next part of the content of the entry whose `entry` returned true: a view into the chunk written. */
  data(part: Buffer): void;
  /** The end of that entry's content. */
  end(): void;
}

/** The stream ended inside an entry's content. */
export class TarTruncatedError extends TarFormatError {
  constructor(
    readonly header: TarHeader,
    readonly received: number,
  ) {
    super(`truncated in "${header.name}"`);
  }
}

/** `end-marker`: one zero block was read, the second must follow; `done`: what follows the end is ignored, as Go's reader ignores it. */
type State = 'header' | 'content' | 'extension' | 'padding' | 'end-marker' | 'done';

export class TarStreamReader {
  private state: State = 'header';
  private readonly block = Buffer.alloc(BLOCK);
  private blockFill = 0;
  /** Bytes left in the current content, extension body or padding. */
  private remaining = 0;
  private paddingAfter = 0;
  private current: TarHeader | undefined;
  private wanted = false;
  private extensionFlag = '';
  private extensionBody: Buffer | undefined;
  private readonly extensions: TarExtensions = { pax: {}, globalPax: {} };
  /** Where in the stream the current block starts, for messages. */
  private offset = 0;

  constructor(private readonly handler: TarEntryHandler) {}

  write(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && this.state !== 'done') {
      if (this.state === 'header' || this.state === 'end-marker') {
        if (this.blockFill === 0 && chunk.length - at >= BLOCK) {
          this.onBlock(chunk.subarray(at, at + BLOCK));
          at += BLOCK;
          continue;
        }
        const take = Math.min(BLOCK - this.blockFill, chunk.length - at);
        chunk.copy(this.block, this.blockFill, at, at + take);
        this.blockFill += take;
        at += take;
        if (this.blockFill === BLOCK) {
          this.blockFill = 0;
          this.onBlock(this.block);
        }
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - at);
      if (this.state === 'content' && this.wanted) this.handler.data(chunk.subarray(at, at + take));
      if (this.state === 'extension') chunk.copy(this.extensionBody!, this.extensionBody!.length - this.remaining, at, at + take);
      this.remaining -= take;
      at += take;
      this.offset += take;
      if (this.remaining === 0) this.finishPart();
    }
  }

  /** The stream ended: an error if it ended inside an entry. Ending without the end-of-archive blocks is legal. */
  end(): void {
    if (this.state === 'content') throw new TarTruncatedError(this.current!, this.current!.size - this.remaining);
    if (this.state === 'padding') throw new TarFormatError(`the stream ends inside the padding at byte ${this.offset}`);
    if (this.state === 'extension' || this.blockFill > 0) throw new TarFormatError(`the stream ends inside a header at byte ${this.offset}`);
  }

  private onBlock(block: Buffer): void {
    const at = this.offset;
    this.offset += BLOCK;
    if (this.state === 'end-marker') {
      if (!isZeroBlock(block)) throw new TarFormatError(`a lone zero block at byte ${at - BLOCK}`);
      this.state = 'done';
      return;
    }
    if (isZeroBlock(block)) {
      this.state = 'end-marker';
      return;
    }
    if (!checksumValid(block)) throw new TarFormatError(`invalid header checksum at byte ${at}`);
    let extension;
    try {
      extension = extensionOf(block);
    } catch (error) {
      throw error instanceof TarFormatError ? new TarFormatError(`${error.message} at byte ${at}`) : error;
    }
    if (extension) {
      this.current = undefined;
      this.extensionFlag = extension.flag;
      this.extensionBody = Buffer.alloc(extension.size);
      this.startPart('extension', extension.size);
      return;
    }
    const header = decodeHeader(block, this.extensions);
    this.current = header;
    this.wanted = this.handler.entry(header);
    this.startPart('content', header.size);
  }

  private startPart(state: 'content' | 'extension', size: number): void {
    this.state = state;
    this.remaining = size;
    this.paddingAfter = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.finishPart();
  }

  private finishPart(): void {
    if (this.state === 'content') {
      if (this.wanted) this.handler.end();
      this.wanted = false;
    } else if (this.state === 'extension') {
      applyExtension(this.extensions, this.extensionFlag, this.extensionBody!);
      this.extensionBody = undefined;
    }
    if (this.state !== 'padding' && this.paddingAfter > 0) {
      this.state = 'padding';
      this.remaining = this.paddingAfter;
      this.paddingAfter = 0;
      return;
    }
    this.state = 'header';
    this.current = undefined;
  }
}
