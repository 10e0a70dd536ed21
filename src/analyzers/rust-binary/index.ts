import { inflateSync } from 'node:zlib';
import { manifestInventory } from '../inventory.js';
import type { ContentScanner, StreamAnalyzer } from '../types.js';

export interface RustCrate {
  name: string;
  version: string;
  /** `crates.io`, `git`, `local`, `registry`: only crates.io crates have advisories. */
  source: string;
  /** `build` for build-time-only crates (build scripts, proc macros): not in the running program. */
  kind?: string;
}

/** The dependency tree cargo-auditable embeds in a Rust binary's `.dep-v0` ELF section. */
export interface RustAudit {
  crates: RustCrate[];
}

const SECTION = '.dep-v0';
/** Rust binaries past this are read no further: the audit data is in the section table at the file's end. */
const MAX_BINARY_BYTES = 32 * 1024 * 1024;
const MAX_AUDIT_JSON_BYTES = 8 * 1024 * 1024;
const MIN_BINARY_BYTES = 64 * 1024;

interface ElfReader {
  u16(offset: number): number;
  u32(offset: number): number;
  /** A 64-bit field that must fit a file offset. */
  word(offset: number): number;
  is64: boolean;
}

function elfReader(bytes: Buffer): ElfReader | undefined {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = bytes[4] === 2;
  const little = bytes[5] === 1;
  const u16 = (offset: number): number => (little ? bytes.readUInt16LE(offset) : bytes.readUInt16BE(offset));
  const u32 = (offset: number): number => (little ? bytes.readUInt32LE(offset) : bytes.readUInt32BE(offset));
  const word = (offset: number): number => {
    if (!is64) return u32(offset);
    const value = little ? bytes.readBigUInt64LE(offset) : bytes.readBigUInt64BE(offset);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
  };
  return { u16, u32, word, is64 };
}

/** The bytes of the named section of an ELF file, or undefined when it has none (or the headers do not fit). */
export function elfSection(bytes: Buffer, name: string): Buffer | undefined {
  const elf = elfReader(bytes);
  if (!elf) return undefined;
  const shoff = elf.word(elf.is64 ? 0x28 : 0x20);
  const shentsize = elf.u16(elf.is64 ? 0x3a : 0x2e);
  const shnum = elf.u16(elf.is64 ? 0x3c : 0x30);
  const shstrndx = elf.u16(elf.is64 ? 0x3e : 0x32);
  if (shentsize < (elf.is64 ? 64 : 40) || shstrndx >= shnum || shoff + shnum * shentsize > bytes.length) return undefined;
  const section = (index: number): { nameOffset: number; offset: number; size: number } => {
    const at = shoff + index * shentsize;
    return elf.is64
      ? { nameOffset: elf.u32(at), offset: elf.word(at + 0x18), size: elf.word(at + 0x20) }
      : { nameOffset: elf.u32(at), offset: elf.u32(at + 0x10), size: elf.u32(at + 0x14) };
  };
  const names = section(shstrndx);
  if (names.offset + names.size > bytes.length) return undefined;
  const wanted = Buffer.from(`${name}\0`, 'latin1');
  for (let index = 0; index < shnum; index++) {
    const candidate = section(index);
    const nameAt = names.offset + candidate.nameOffset;
    if (nameAt + wanted.length > names.offset + names.size) continue;
    if (!bytes.subarray(nameAt, nameAt + wanted.length).equals(wanted)) continue;
    if (candidate.offset + candidate.size > bytes.length) return undefined;
    return bytes.subarray(candidate.offset, candidate.offset + candidate.size);
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : undefined;
}

/** cargo-auditable's format: zlib-compressed JSON, `{ "packages": [{ name, version, source, kind?, root? }] }`. */
export function parseAuditData(compressed: Buffer): RustAudit | undefined {
  let json: unknown;
  try {
    json = JSON.parse(inflateSync(compressed, { maxOutputLength: MAX_AUDIT_JSON_BYTES }).toString('utf8'));
  } catch {
    return undefined;
  }
  const packages = (json as { packages?: unknown } | null)?.packages;
  if (!Array.isArray(packages)) return undefined;
  const crates: RustCrate[] = [];
  for (const item of packages) {
    const entry = item as Record<string, unknown> | null;
    const name = text(entry?.name);
    const version = text(entry?.version);
    const source = text(entry?.source);
    if (!name || !version || !source) continue;
    const crate: RustCrate = { name, version, source };
    const kind = text(entry?.kind);
    if (kind && kind !== 'runtime') crate.kind = kind;
    crates.push(crate);
  }
  return { crates };
}

/** Holds an ELF file whole (up to the cap): the section table that locates the audit data comes last. */
class AuditScanner implements ContentScanner<RustAudit> {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private abandoned = false;

  push(chunk: Buffer): boolean {
    if (this.bytes === 0 && (chunk.length < 4 || chunk.readUInt32BE(0) !== 0x7f454c46)) return this.abandon();
    this.bytes += chunk.length;
    if (this.bytes > MAX_BINARY_BYTES) return this.abandon();
    this.chunks.push(Buffer.from(chunk));
    return true;
  }

  private abandon(): false {
    this.abandoned = true;
    this.chunks = [];
    return false;
  }

  end(): RustAudit | undefined {
    if (this.abandoned || this.bytes === 0) return undefined;
    const section = elfSection(Buffer.concat(this.chunks, this.bytes), SECTION);
    this.chunks = [];
    return section ? parseAuditData(section) : undefined;
  }
}

export const rustBinaryAnalyzer: StreamAnalyzer<RustAudit> = {
  name: 'rust-binary',
  version: 1,
  description: 'Rust programs built with cargo-auditable: the crates recorded in their .dep-v0 section',
  wants(_path, entry) {
    return entry.kind === 'file' && (entry.mode & 0o111) !== 0 && entry.size >= MIN_BINARY_BYTES && entry.size <= MAX_BINARY_BYTES;
  },
  scan() {
    return new AuditScanner();
  },
  inventory(facts) {
    return manifestInventory(facts, (audit, layer, path) =>
      audit.crates
        .filter((crate) => crate.source === 'crates.io' && crate.kind !== 'build')
        .map((crate) => ({ type: 'cargo' as const, name: crate.name, version: crate.version, layer, path })),
    );
  },
};
