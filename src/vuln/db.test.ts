import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeRecordFiles, zipRecords } from '../../test/support/osv-zip.js';
import { InputError } from '../core/errors.js';
import { VulnDb, dbStatus, defaultDbDir, importOsv, storedEcosystems } from './db.js';
import type { OsvRecord } from './osv.js';
import { StoreBuilder, StoreReader, compactRecord } from './store.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-db-test-'));
}

function npmRecord(id: string, name: string, modified = '2024-01-01T00:00:00Z', extra: Partial<OsvRecord> = {}): OsvRecord {
  return {
    id,
    modified,
    details: 'long text that is not kept',
    affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] }],
    ...extra,
  };
}

test('the default directory: $SHIPSHAPE_DB_DIR, else db under the cache directory', () => {
  assert.equal(defaultDbDir({ SHIPSHAPE_DB_DIR: '/x/db' }), '/x/db');
  assert.equal(defaultDbDir({ XDG_CACHE_HOME: '/c' }), '/c/shipshape/db');
  assert.equal(defaultDbDir({ HOME: '/h' }).endsWith(join('.cache', 'shipshape', 'db')), true);
});

test('a stored file answers look-ups by (ecosystem, name), one read per name', () => {
  const dir = tempDir();
  const path = join(dir, 'npm.osvdb');
  const builder = new StoreBuilder(path, 'npm');
  const names = Array.from({ length: 500 }, (_, i) => `pkg-${i}`);
  for (const [i, name] of names.entries()) builder.add(npmRecord(`R-${i}`, name));
  builder.add({ ...npmRecord('R-shared', 'pkg-7'), affected: [...npmRecord('x', 'pkg-7').affected!, ...npmRecord('x', 'pkg-8').affected!] });
  builder.add(npmRecord('R-3', 'pkg-3', '2023-01-01T00:00:00Z', { summary: 'older: ignored' }));
  builder.add(npmRecord('R-4', 'pkg-4', '2025-01-01T00:00:00Z', { summary: 'newer: replaces' }));
  builder.add(npmRecord('R-gone', 'pkg-9', '2024-01-01T00:00:00Z', { withdrawn: '2024-02-01T00:00:00Z' }));
  const header = builder.finish({ kind: 'import' }, new Date('2024-05-01T00:00:00Z'));
  assert.equal(header.records, 501);
  assert.equal(header.packages, 500);
  assert.equal(header.skipped, 1);
  assert.equal(header.newestRecord, '2025-01-01T00:00:00Z');

  const reader = new StoreReader(path);
  try {
    assert.deepEqual(reader.records('npm', 'pkg-0').map((r) => r.id), ['R-0']);
    assert.deepEqual(reader.records('npm', 'pkg-7').map((r) => r.id).sort(), ['R-7', 'R-shared']);
    assert.deepEqual(reader.records('npm', 'pkg-8').map((r) => r.id).sort(), ['R-8', 'R-shared']);
    assert.equal(reader.records('npm', 'pkg-3')[0]!.summary, undefined);
    assert.equal(reader.records('npm', 'pkg-4')[0]!.summary, 'newer: replaces');
    assert.deepEqual(reader.records('npm', 'pkg-9').map((r) => r.id), ['R-9']);
    assert.deepEqual(reader.records('npm', 'nope'), []);
    assert.deepEqual(reader.records('PyPI', 'pkg-0'), []);
    assert.equal(reader.records('npm', 'pkg-1')[0]!.details, undefined, 'details are not stored');
    assert.equal([...reader.storedParts()].length, 502, 'the record naming two packages has a part in each block');
  } finally {
    reader.close();
  }
});

test('stored records keep what matching reads and drop the rest', () => {
  const compact = compactRecord(
    {
      id: 'GHSA-1',
      modified: 'm',
      aliases: ['CVE-1'],
      references: [{ type: 'WEB', url: 'u' }],
      database_specific: { severity: 'HIGH', cwe_ids: ['CWE-1'] },
      affected: [
        { package: { ecosystem: 'npm', name: 'a', purl: 'pkg:npm/a' }, ranges: [{ type: 'GIT', repo: 'r', events: [{ introduced: '0' }] }] },
        { package: { ecosystem: 'npm', name: 'b' }, versions: ['1.0.0'], ecosystem_specific: { imports: ['x'], severity: 'LOW' } },
        { package: { ecosystem: 'PyPI', name: 'b' }, versions: ['1.0.0'] },
      ],
    } as OsvRecord,
    'npm',
  );
  assert.deepEqual(compact, {
    id: 'GHSA-1',
    modified: 'm',
    aliases: ['CVE-1'],
    database_specific: { severity: 'HIGH' },
    affected: [{ package: { ecosystem: 'npm', name: 'b' }, versions: ['1.0.0'], ecosystem_specific: { severity: 'LOW' } }],
  });
  assert.equal(compactRecord({ id: 'x', modified: 'm', affected: [] }, 'npm'), undefined);
});

test('a damaged file is refused with its name', () => {
  const dir = tempDir();
  const path = join(dir, 'npm.osvdb');
  const builder = new StoreBuilder(path, 'npm');
  builder.add(npmRecord('R-1', 'a'));
  builder.finish({ kind: 'import' });
  const bytes = readFileSync(path);
  writeFileSync(path, bytes.subarray(0, bytes.length - 3));
  assert.throws(() => new StoreReader(path), (error: unknown) => error instanceof InputError && error.message.startsWith(path));
  writeFileSync(path, '');
  assert.throws(() => new StoreReader(path), /not a shipshape vulnerability database file/);
});

test('db import: JSON directories and zips, merged with what is stored, newest record of an id winning', () => {
  const dir = tempDir();
  const input = tempDir();
  writeRecordFiles(input, [npmRecord('GHSA-1', 'left-pad'), npmRecord('GHSA-2', 'minimist')]);
  writeFileSync(join(input, 'notes.txt'), 'not a record, not read');
  const first = importOsv(dir, [input]);
  assert.equal(first.read, 2);
  assert.deepEqual(first.ecosystems.map((h) => [h.ecosystem, h.records]), [['npm', 2]]);

  const zip = join(input, 'more.zip');
  zipRecords(zip, [
    npmRecord('GHSA-2', 'minimist', '2025-01-01T00:00:00Z', { summary: 'updated' }),
    {
      id: 'PYSEC-1',
      modified: '2024-01-01T00:00:00Z',
      affected: [{ package: { ecosystem: 'PyPI', name: 'Jinja2' }, versions: ['2.0'] }],
    },
  ]);
  const second = importOsv(dir, [zip]);
  assert.deepEqual(second.ecosystems.map((h) => [h.ecosystem, h.records]).sort(), [['PyPI', 1], ['npm', 2]]);
  assert.deepEqual(storedEcosystems(dir), ['PyPI', 'npm']);

  const db = new VulnDb(dir);
  try {
    assert.equal(db.records('npm', 'minimist')[0]!.summary, 'updated');
    assert.equal(db.records('npm', 'left-pad').length, 1);
    assert.equal(db.records('PyPI', 'jinja2').length, 1, 'PyPI names are looked up in normal form');
    assert.deepEqual(db.records('Debian:12', 'openssl'), []);
  } finally {
    db.close();
  }
  assert.deepEqual(readdirSync(join(dir, 'tmp')), [], 'nothing is left in the staging directory');
});

test('db import refuses bad input and leaves the database as it was', () => {
  const dir = tempDir();
  const input = tempDir();
  writeRecordFiles(input, [npmRecord('GHSA-1', 'left-pad')]);
  importOsv(dir, [input]);
  const before = readFileSync(join(dir, 'osv', 'npm.osvdb'));
  const bad = tempDir();
  writeRecordFiles(bad, [npmRecord('GHSA-9', 'other')]);
  writeFileSync(join(bad, 'broken.json'), '{"id": ');
  assert.throws(() => importOsv(dir, [bad]), (error: unknown) => error instanceof InputError && /broken\.json: invalid JSON/.test(error.message));
  writeFileSync(join(bad, 'broken.json'), '{"id": "X"}');
  assert.throws(() => importOsv(dir, [bad]), /broken\.json: not an OSV record \(X: no "modified" date\)/);
  assert.deepEqual(readFileSync(join(dir, 'osv', 'npm.osvdb')), before);
  assert.throws(() => importOsv(dir, [join(bad, 'missing')]), /missing: no such file or directory/);
  assert.throws(() => importOsv(dir, [tempDir()]), /no \.json or \.zip files to import/);
});

test('db status: counts per ecosystem and release, stale after 7 days', () => {
  const dir = tempDir();
  const input = tempDir();
  writeRecordFiles(input, [
    {
      id: 'DSA-1',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        { package: { ecosystem: 'Debian:11', name: 'openssl' }, versions: ['1'] },
        { package: { ecosystem: 'Debian:12', name: 'openssl' }, versions: ['1'] },
      ],
    },
    { id: 'DSA-2', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Debian:12', name: 'curl' }, versions: ['1'] }] },
  ]);
  importOsv(dir, [input]);
  const now = new Date();
  const [fresh] = dbStatus(dir, now);
  assert.equal(fresh!.ecosystem, 'Debian');
  assert.equal(fresh!.records, 2);
  assert.equal(fresh!.packages, 2, 'distinct names');
  assert.deepEqual(fresh!.perEcosystem, { 'Debian:11': 1, 'Debian:12': 2 });
  assert.equal(fresh!.stale, false);
  const [old] = dbStatus(dir, new Date(now.getTime() + 8 * 24 * 3600 * 1000));
  assert.equal(old!.stale, true);
  assert.ok(old!.ageDays >= 7.9 && old!.ageDays <= 8.1);
  assert.deepEqual(dbStatus(tempDir()), []);
});

test('files a killed run left in the staging directory go once they are a day old', () => {
  const dir = tempDir();
  const input = tempDir();
  writeRecordFiles(input, [npmRecord('GHSA-1', 'left-pad')]);
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  writeFileSync(join(dir, 'tmp', 'old.zip'), 'x');
  writeFileSync(join(dir, 'tmp', 'running.zip'), 'x');
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  utimesSync(join(dir, 'tmp', 'old.zip'), twoDaysAgo, twoDaysAgo);
  importOsv(dir, [input]);
  assert.deepEqual(readdirSync(join(dir, 'tmp')), ['running.zip']);
});

test('import keeps a stored record whole across releases, and a newer one replaces every part', () => {
  const dir = tempDir();
  const dsa = (modified: string, releases: string[]): OsvRecord => ({
    id: 'DSA-1',
    modified,
    affected: releases.map((release) => ({ package: { ecosystem: `Debian:${release}`, name: 'openssl' }, versions: ['1.0'] })),
  });
  const other: OsvRecord = { id: 'DSA-2', modified: '2024-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'Debian:12', name: 'curl' }, versions: ['1'] }] };
  const first = tempDir();
  writeRecordFiles(first, [dsa('2024-01-01T00:00:00Z', ['11', '12'])]);
  importOsv(dir, [first]);
  const second = tempDir();
  writeRecordFiles(second, [other]);
  importOsv(dir, [second]);
  const ids = (release: string): string[] => {
    const db = new VulnDb(dir);
    try {
      return db.records(`Debian:${release}`, 'openssl').map((r) => `${r.id} ${r.affected!.map((a) => a.package!.ecosystem)}`);
    } finally {
      db.close();
    }
  };
  assert.deepEqual([ids('11'), ids('12')], [['DSA-1 Debian:11'], ['DSA-1 Debian:12']]);
  assert.deepEqual(dbStatus(dir)[0]!.perEcosystem, { 'Debian:11': 1, 'Debian:12': 2 });
  const third = tempDir();
  writeRecordFiles(third, [dsa('2025-01-01T00:00:00Z', ['12'])]);
  importOsv(dir, [third]);
  assert.deepEqual([ids('11'), ids('12')], [[], ['DSA-1 Debian:12']]);
});
