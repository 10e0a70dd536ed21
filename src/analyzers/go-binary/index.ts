import { manifestInventory } from '../inventory.js';
import type { ContentScanner, FoundPackage, StreamAnalyzer } from '../types.js';

export interface GoModule {
  path: string;
  version: string;
}

/** The build information the Go toolchain (1.18+) embeds in every binary it links. */
export interface GoBuildInfo {
  /** `go1.21.5` */
  goVersion: string;
  /** The main package's import path. */
  path?: string;
  main?: GoModule;
  deps: GoModule[];
}

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_BYTES = 32;
/** Flag bit: version and module strings follow the header inline (Go 1.18+); before, they were pointers. */
const INLINE_STRINGS = 0x2;
const MAX_MODINFO_BYTES = 4 * 1024 * 1024;
/** Executables smaller than this are not Go programs: the smallest `hello world` links to over 1 MB. */
const MIN_BINARY_BYTES = 64 * 1024;

/** A uvarint at `offset`: its value and where the next field starts, or undefined when the bytes end first. */
function readUvarint(bytes: Buffer, offset: number): [number, number] | undefined {
  let value = 0;
  for (let shift = 0, at = offset; at < bytes.length && shift < 35; shift += 7, at++) {
    const byte = bytes[at]!;
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at + 1];
  }
  return undefined;
}

type Parsed = { info: GoBuildInfo } | { needMore: true } | { invalid: true };

/** Parses the build-info blob starting at the magic; says when more bytes are needed. */
export function parseBuildInfoBlob(blob: Buffer): Parsed {
  if (blob.length < HEADER_BYTES) return { needMore: true };
  const flags = blob[15]!;
  if ((flags & INLINE_STRINGS) === 0) return { invalid: true };
  const version = readUvarint(blob, HEADER_BYTES);
  if (!version) return { needMore: true };
  const [versionLength, versionStart] = version;
  if (versionLength > 256) return { invalid: true };
  const modinfo = readUvarint(blob, versionStart + versionLength);
  if (!modinfo) return { needMore: true };
  const [modinfoLength, modinfoStart] = modinfo;
  if (modinfoLength > MAX_MODINFO_BYTES) return { invalid: true };
  if (blob.length < modinfoStart + modinfoLength) return { needMore: true };
  const goVersion = blob.toString('latin1', versionStart, versionStart + versionLength);
  if (!goVersion.startsWith('go')) return { invalid: true };
  let text = blob.toString('utf8', modinfoStart, modinfoStart + modinfoLength);
  // cmd/go wraps the module text in 16 marker bytes on each side so the linker can find it.
  if (text.length >= 33 && text[text.length - 17] === '\n') text = text.slice(16, -16);
  return { info: parseModuleInfo(goVersion, text) };
}

/** `path`, `mod`, `dep` and `=>` (replacement) lines, tab-separated, as `go version -m` prints them. */
export function parseModuleInfo(goVersion: string, text: string): GoBuildInfo {
  const info: GoBuildInfo = { goVersion, deps: [] };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const [kind, path, version] = line.split('\t');
    if (!path) continue;
    if (kind === 'path') info.path = path;
    else if (kind === 'mod') last = info.main = { path, version: version ?? '' };
    else if (kind === 'dep') info.deps.push((last = { path, version: version ?? '' }));
    else if (kind === '=>' && last) {
      // A replacement by a local directory has no version: the module keeps its required one.
      last.path = path;
      if (version) last.version = version;
    }
  }
  return info;
}

/** Finds the build-info magic across chunk boundaries, then keeps only the blob after it. */
class BuildInfoScanner implements ContentScanner<GoBuildInfo> {
  private carry = Buffer.alloc(0);
  private blob: Buffer[] | undefined;
  private blobBytes = 0;
  private result: GoBuildInfo | undefined;
  private first = true;

  push(chunk: Buffer): boolean {
    if (this.first) {
      this.first = false;
      // ELF only: Linux images. A script or data file with the executable bit is not scanned further.
      if (chunk.length < 4 || chunk.readUInt32BE(0) !== 0x7f454c46) return false;
    }
    if (!this.blob) {
      const window = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
      const at = window.indexOf(MAGIC);
      if (at === -1) {
        this.carry = Buffer.from(window.subarray(Math.max(0, window.length - (MAGIC.length - 1))));
        return true;
      }
      this.blob = [];
      chunk = window.subarray(at);
    }
    this.blob.push(Buffer.from(chunk));
    this.blobBytes += chunk.length;
    const parsed = parseBuildInfoBlob(Buffer.concat(this.blob, this.blobBytes));
    if ('needMore' in parsed) return this.blobBytes < MAX_MODINFO_BYTES + 1024;
    if ('info' in parsed) this.result = parsed.info;
    return false;
  }

  end(): GoBuildInfo | undefined {
    return this.result;
  }
}

/** The module versions Go tooling writes for a module built from a working tree rather than a tagged release. */
const UNVERSIONED = new Set(['', '(devel)']);

export const goBinaryAnalyzer: StreamAnalyzer<GoBuildInfo> = {
  name: 'go-binary',
  version: 1,
  description: 'Go programs: the module versions and Go toolchain embedded in every binary built by Go 1.18 or later',
  wants(_path, entry) {
    return entry.kind === 'file' && (entry.mode & 0o111) !== 0 && entry.size >= MIN_BINARY_BYTES;
  },
  scan() {
    return new BuildInfoScanner();
  },
  inventory(facts) {
    return manifestInventory(facts, (info, layer, path) => {
      const found: FoundPackage[] = [
        // OSV files the Go toolchain's own vulnerabilities under the module `stdlib`, versions without `go`.
        { type: 'golang', name: 'stdlib', version: info.goVersion.replace(/^go/, '').replace(/[ +].*$/, ''), layer, path },
      ];
      if (info.main && !UNVERSIONED.has(info.main.version)) found.push({ type: 'golang', name: info.main.path, version: info.main.version, layer, path });
      for (const dep of info.deps) {
        if (!UNVERSIONED.has(dep.version)) found.push({ type: 'golang', name: dep.path, version: dep.version, layer, path });
      }
      return found;
    });
  },
};
