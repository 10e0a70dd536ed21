// A small tar writer for tests. It writes exactly the headers it is told to — including the hostile ones
// (`../` names, absolute names, absurd declared sizes) that node-tar's own writer refuses or rewrites.

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'fifo';

export interface TarEntrySpec {
  path: string;
  type?: TarEntryType;
  content?: string | Buffer;
  /** Size written into the header when it must differ from the content (hostile archives). */
  declaredSize?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  linkTarget?: string;
  /** How a name longer than 100 bytes is stored: a PAX `path` record (default) or a GNU `L` entry. */
  longNames?: 'pax' | 'gnu';
}

const BLOCK = 512;
const TYPE_FLAG: Record<TarEntryType, string> = { file: '0', hardlink: '1', symlink: '2', char: '3', dir: '5', fifo: '6' };

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  block.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  if (value < 8 ** (length - 1)) {
    writeString(block, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
    return;
  }
  // GNU base-256 for numbers that do not fit in octal (sizes of 8 GiB and more).
  block[offset] = 0x80;
  let rest = value;
  for (let i = offset + length - 1; i > offset; i--) {
    block[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
}

function header(name: string, type: string, size: number, spec: Partial<TarEntrySpec>, linkName = ''): Buffer {
  const block = Buffer.alloc(BLOCK);
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, spec.mode ?? (type === '5' ? 0o755 : 0o644));
  writeOctal(block, 108, 8, spec.uid ?? 0);
  writeOctal(block, 116, 8, spec.gid ?? 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, 1_700_000_000);
  block.fill(0x20, 148, 156);
  writeString(block, 156, 1, type);
  writeString(block, 157, 100, linkName);
  writeString(block, 257, 8, 'ustar\u000000');
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return block;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body);
  return `${length}${body}`;
}

/** The blocks of one entry (extension headers, header, body, padding). */
export function entryBlocks(spec: TarEntrySpec): Buffer[] {
  const type = TYPE_FLAG[spec.type ?? 'file'];
  const content = typeof spec.content === 'string' ? Buffer.from(spec.content) : (spec.content ?? Buffer.alloc(0));
  const size = spec.declaredSize ?? content.length;
  const blocks: Buffer[] = [];
  let name = spec.path;
  let linkName = spec.linkTarget ?? '';
  const longName = Buffer.byteLength(name) > 100;
  const longLink = Buffer.byteLength(linkName) > 100;
  if ((longName || longLink) && spec.longNames === 'gnu') {
    for (const [flag, value] of [['L', longName ? name : ''], ['K', longLink ? linkName : '']] as const) {
      if (!value) continue;
      const body = Buffer.from(value + '\0');
      blocks.push(header('././@LongLink', flag, body.length, {}), body, padding(body.length));
    }
  } else if (longName || longLink) {
    const records = (longName ? paxRecord('path', name) : '') + (longLink ? paxRecord('linkpath', linkName) : '');
    const body = Buffer.from(records);
    blocks.push(header('PaxHeader', 'x', body.length, {}), body, padding(body.length));
  }
  if (longName) name = name.slice(0, 99);
  if (longLink) linkName = linkName.slice(0, 99);
  blocks.push(header(name, type, size, spec, linkName));
  if (content.length > 0) blocks.push(content, padding(content.length));
  return blocks;
}

export const END_OF_ARCHIVE = Buffer.alloc(BLOCK * 2);

/** A whole archive in memory: for small test layers only. */
export function tarBuffer(entries: readonly TarEntrySpec[]): Buffer {
  return Buffer.concat([...entries.flatMap(entryBlocks), END_OF_ARCHIVE]);
}
