import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { rawZip, zipRecords } from '../../test/support/osv-zip.js';
import { InputError } from '../core/errors.js';
import type { OsvRecord } from './osv.js';
import { ZipReader } from './zip.js';

const dir = mkdtempSync(join(tmpdir(), 'shipshape-zip-test-'));

function records(count: number): OsvRecord[] {
  return Array.from({ length: count }, (_, i) => ({ id: `TEST-${i}`, modified: '2024-01-01T00:00:00Z', summary: 'x'.repeat(i * 10) }));
}

function readAll(path: string): Map<string, string> {
  const zip = ZipReader.open(path);
  try {
    return new Map(zip.entries.map((entry) => [entry.name, zip.readEntry(entry).toString('utf8')]));
  } finally {
    zip.close();
  }
}

test('reads what Info-ZIP writes: deflated, stored, and the zip64 format', () => {
  for (const [name, options] of [['deflated', {}], ['stored', { store: true }], ['zip64', { zip64: true }]] as const) {
    const path = join(dir, `${name}.zip`);
    zipRecords(path, records(5), options);
    const entries = readAll(path);
    assert.equal(entries.size, 5, name);
    assert.equal(JSON.parse(entries.get('TEST-3.json')!).summary, 'x'.repeat(30), name);
  }
});

function expectInputError(path: string, pattern: RegExp): void {
  assert.throws(() => readAll(path), (error: unknown) => error instanceof InputError && pattern.test(error.message) && error.message.startsWith(path));
}

test('a CRC-32 that does not match the content is refused', () => {
  const path = join(dir, 'crc.zip');
  writeFileSync(path, rawZip([{ name: 'a.json', data: Buffer.from('{"id":"A"}'), crc: 12345 }]));
  expectInputError(path, /a\.json: CRC-32 mismatch/);
});

test('a flipped byte in stored content is caught by the CRC', () => {
  const path = join(dir, 'flipped.zip');
  const zip = rawZip([{ name: 'a.json', data: Buffer.from('{"id":"AAAA"}'), store: true }]);
  zip[30 + 'a.json'.length + 8] ^= 0x01;
  writeFileSync(path, zip);
  expectInputError(path, /CRC-32 mismatch/);
});

test('an entry that inflates beyond its declared size is cut off, not inflated whole', () => {
  const path = join(dir, 'bomb.zip');
  writeFileSync(path, rawZip([{ name: 'big.json', data: Buffer.alloc(10_000_000, 0x20), declaredSize: 100 }]));
  expectInputError(path, /big\.json/);
});

test('damaged and foreign files are refused with the file named', () => {
  const notZip = join(dir, 'not.zip');
  writeFileSync(notZip, 'PK this is not a zip at all'.repeat(10));
  expectInputError(notZip, /no end of central directory/);

  const truncated = join(dir, 'truncated.zip');
  zipRecords(truncated, records(3));
  const bytes = readFileSync(truncated);
  writeFileSync(truncated, Buffer.concat([bytes.subarray(0, 40), bytes.subarray(bytes.length - 22)]));
  expectInputError(truncated, /not a valid zip archive/);

  const lying = join(dir, 'count.zip');
  const zip = rawZip([{ name: 'a.json', data: Buffer.from('{}') }]);
  zip.writeUInt16LE(60_000, zip.length - 22 + 10);
  writeFileSync(lying, zip);
  expectInputError(lying, /more entries than the central directory holds/);

  assert.throws(() => ZipReader.open(join(dir, 'missing.zip')), /missing\.zip: no such file/);
});

test('entry names are data: a name with ../ is reported as written and nothing is written anywhere', () => {
  const path = join(dir, 'names.zip');
  writeFileSync(path, rawZip([{ name: '../../etc/evil.json', data: Buffer.from('{}') }]));
  assert.deepEqual([...readAll(path).keys()], ['../../etc/evil.json']);
});

test('an archive in memory reads the same whole or in pieces cut anywhere, and names itself in errors', () => {
  const path = join(dir, 'pieces.zip');
  zipRecords(path, records(4));
  const bytes = readFileSync(path);
  const whole = readAll(path);
  for (const size of [1, 7, 64, bytes.length]) {
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
    const zip = ZipReader.fromBuffers('pieces', pieces);
    assert.deepEqual(new Map(zip.entries.map((entry) => [entry.name, zip.readEntry(entry).toString('utf8')])), whole, `pieces of ${size}`);
  }
  assert.throws(() => ZipReader.fromBuffers('app.jar!/lib/x.jar', bytes.subarray(0, 30)), /^InputError: app\.jar!\/lib\/x\.jar: not a valid zip archive/);
  const capped = ZipReader.fromBuffers('capped', bytes, { maxEntryBytes: 10 });
  assert.throws(() => capped.readEntry(capped.entries.find((entry) => entry.size > 10)!), /more than the 10-byte limit/);
});
