// rpm's header blob, as rpmdb stores one per installed package: an index of (tag, type, offset, count) entries
// followed by the data they point into (all big-endian).

export class RpmHeaderError extends Error {}

export interface RpmPackage {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch?: string;
  /** The source RPM's file name (`openssl-3.0.7-24.el9.src.rpm`). */
  sourceRpm?: string;
  license?: string;
  installedBytes?: number;
}

const TAG = { name: 1000, version: 1001, release: 1002, epoch: 1003, size: 1009, license: 1014, arch: 1022, sourceRpm: 1044 };
const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_I18NSTRING = 9;
const ENTRY_BYTES = 16;
/** rpm's own bound on a header's index entries (HEADER_TAGS_MAX). */
const MAX_ENTRIES = 0xffff;

export function parseRpmHeader(blob: Buffer): RpmPackage | undefined {
  if (blob.length < 8) throw new RpmHeaderError('header shorter than its counts');
  const entries = blob.readUInt32BE(0);
  const dataLength = blob.readUInt32BE(4);
  const dataStart = 8 + entries * ENTRY_BYTES;
  if (entries > MAX_ENTRIES || dataStart + dataLength > blob.length) throw new RpmHeaderError('header counts exceed its size');
  const data = blob.subarray(dataStart, dataStart + dataLength);
  const strings = new Map<number, string>();
  const numbers = new Map<number, number>();
  const wanted = new Set(Object.values(TAG));
  for (let i = 0; i < entries; i++) {
    const at = 8 + i * ENTRY_BYTES;
    const tag = blob.readUInt32BE(at);
    if (!wanted.has(tag)) continue;
    const type = blob.readUInt32BE(at + 4);
    const offset = blob.readUInt32BE(at + 8);
    if (offset >= data.length) continue;
    if (type === TYPE_STRING || type === TYPE_I18NSTRING) {
      const end = data.indexOf(0, offset);
      strings.set(tag, data.toString('utf8', offset, end === -1 ? data.length : end));
    } else if (type === TYPE_INT32 && offset + 4 <= data.length) {
      numbers.set(tag, data.readUInt32BE(offset));
    }
  }
  const name = strings.get(TAG.name);
  const version = strings.get(TAG.version);
  const release = strings.get(TAG.release);
  // The gpg-pubkey pseudo-packages hold keys, not software.
  if (!name || !version || release === undefined || name === 'gpg-pubkey') return undefined;
  const pkg: RpmPackage = { name, version, release };
  const epoch = numbers.get(TAG.epoch);
  if (epoch !== undefined) pkg.epoch = epoch;
  const arch = strings.get(TAG.arch);
  if (arch) pkg.arch = arch;
  const sourceRpm = strings.get(TAG.sourceRpm);
  if (sourceRpm && sourceRpm !== '(none)') pkg.sourceRpm = sourceRpm;
  const license = strings.get(TAG.license);
  if (license) pkg.license = license;
  const size = numbers.get(TAG.size);
  if (size !== undefined) pkg.installedBytes = size;
  return pkg;
}

/** `openssl-3.0.7-24.el9.src.rpm` → name `openssl`, version `3.0.7-24.el9` (what advisories name). */
export function sourceOfRpm(file: string): { name: string; version: string } | undefined {
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file);
  return match ? { name: match[1]!, version: `${match[2]}-${match[3]}` } : undefined;
}
