// rpm databases made by rpm itself: packages built with rpmbuild, installed with `rpm --justdb` into an SQLite
// rpmdb, and the same header blobs loaded by Berkeley DB's own db_load into a hash database, as RHEL 7 has it.
// `rpm -qa` on the SQLite database is the oracle for both readers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { withTempDir } from '../../../test/support/tar-analyze.js';
import { requireTools } from '../../../test/support/tools.js';
import { rpmAnalyzer, readRpmDatabase, rpmVersion } from './index.js';
import { parseRpmHeader, sourceOfRpm } from './header.js';

const missing = requireTools(['rpmbuild', 'rpm', 'db5.3_load', 'python3']);

/** One spec, many subpackages: enough rows for interior b-tree pages, one header large enough to overflow. */
function spec(subpackages: number, files: number): string {
  const lines = [
    'Name: fixture-base',
    'Version: 1.0',
    'Release: 1.el9',
    'Epoch: 3',
    'Summary: fixture',
    'License: MIT',
    'BuildArch: noarch',
    '%description',
    'fixture',
  ];
  for (let i = 0; i < subpackages; i++) {
    lines.push(`%package -n fixture-${i}`, `Version: 2.${i}`, `Release: ${i}.fc40`, 'Summary: sub', `License: BSD-${i}`, `%description -n fixture-${i}`, 'sub');
  }
  lines.push('%install');
  for (let i = 0; i < subpackages; i++) lines.push(`mkdir -p %{buildroot}/opt/f${i} && echo ${i} > %{buildroot}/opt/f${i}/file`);
  lines.push(`mkdir -p %{buildroot}/opt/many && for n in $(seq ${files}); do echo $n > %{buildroot}/opt/many/a-rather-long-file-name-to-grow-the-header-$n; done`);
  lines.push('%files', '/opt/many');
  for (let i = 0; i < subpackages; i++) lines.push(`%files -n fixture-${i}`, `/opt/f${i}`);
  return `${lines.join('\n')}\n`;
}

interface Built {
  sqlite: Buffer;
  berkeley: Buffer;
  expected: string[];
}

async function buildDatabases(dir: string): Promise<Built> {
  const top = join(dir, 'rpmbuild');
  for (const sub of ['SPECS', 'BUILD', 'RPMS', 'SOURCES', 'SRPMS', 'BUILDROOT']) mkdirSync(join(top, sub), { recursive: true });
  writeFileSync(join(top, 'SPECS/fixture.spec'), spec(60, 400));
  execFileSync('rpmbuild', ['--define', `_topdir ${top}`, '-bb', join(top, 'SPECS/fixture.spec')], { stdio: 'ignore' });
  const db = join(dir, 'db');
  mkdirSync(db);
  execFileSync('rpm', ['--dbpath', db, '--initdb']);
  const rpms = execFileSync('sh', ['-c', `ls ${top}/RPMS/noarch/*.rpm`]).toString().trim().split('\n');
  execFileSync('rpm', ['--dbpath', db, '-i', '--nodeps', '--justdb', '--ignorearch', ...rpms], { stdio: 'ignore' });
  const expected = execFileSync('rpm', ['--dbpath', db, '-qa', '--qf', '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE} %{SOURCERPM} %{LICENSE}\\n'])
    .toString()
    .trim()
    .split('\n')
    .sort();
  // db_load's input: each key and value as hex on its own line; keys are rpm's package numbers (host order).
  const dump = join(dir, 'packages.dump');
  execFileSync('python3', [
    '-c',
    [
      'import sqlite3, struct, sys',
      `rows = sqlite3.connect("file:${db}/rpmdb.sqlite?mode=ro", uri=True).execute("select hnum, blob from Packages").fetchall()`,
      `out = open("${dump}", "w")`,
      'out.write("VERSION=3\\nformat=bytevalue\\ntype=hash\\nHEADER=END\\n")',
      'for hnum, blob in rows: out.write(" " + struct.pack("<I", hnum).hex() + "\\n " + bytes(blob).hex() + "\\n")',
      'out.write("DATA=END\\n")',
    ].join('\n'),
  ]);
  const berkeley = join(dir, 'Packages');
  execFileSync('db5.3_load', ['-f', dump, berkeley]);
  return { sqlite: readFileSync(join(db, 'rpmdb.sqlite')), berkeley: readFileSync(berkeley), expected };
}

function described(db: ReturnType<typeof readRpmDatabase>): string[] {
  return db.map((pkg) => `${pkg.name} ${pkg.epoch ?? 0}:${pkg.version}-${pkg.release} ${pkg.sourceRpm} ${pkg.license}`).sort();
}

describe('rpm databases written by rpm and Berkeley DB', { skip: missing }, () => {
  let built: Built;
  before(async () => {
    await withTempDir(async (dir) => {
      built = await buildDatabases(dir);
    });
  });

  test('rpmdb.sqlite: every package rpm -qa lists, with epoch, release, source RPM and license', () => {
    const packages = readRpmDatabase('var/lib/rpm/rpmdb.sqlite', built.sqlite);
    assert.equal(packages.length, 61);
    assert.deepEqual(described(packages), built.expected);
  });

  test('Berkeley DB Packages: the same packages, headers read through their overflow pages', () => {
    const packages = readRpmDatabase('var/lib/rpm/Packages', built.berkeley);
    assert.deepEqual(described(packages), built.expected);
  });

  test('a database cut short or scribbled over is a clear error, never a partial list passed as whole', () => {
    assert.throws(() => readRpmDatabase('var/lib/rpm/rpmdb.sqlite', built.sqlite.subarray(0, 8192)), /damaged or of an unknown layout/);
    // Overwriting the second half leaves hash pages pointing into pages that are no longer overflow pages.
    const scribbled = Buffer.from(built.berkeley);
    scribbled.fill(0xff, scribbled.length / 2);
    assert.throws(() => readRpmDatabase('var/lib/rpm/Packages', scribbled), /damaged or of an unknown layout/);
  });
});

test('an NDB database (SUSE) is named as unread rather than passed over', () => {
  assert.throws(() => readRpmDatabase('usr/lib/sysimage/rpm/Packages.db', Buffer.alloc(16)), /NDB rpm database/);
  assert.equal(rpmAnalyzer.wants('usr/lib/sysimage/rpm/Packages.db', { path: 'x', kind: 'file', size: 1, mode: 0o644, uid: 0, gid: 0 }), true);
});

test('versions and source packages in the form advisories use', () => {
  assert.equal(rpmVersion({ name: 'openssl', version: '3.0.7', release: '24.el9', epoch: 1 }), '1:3.0.7-24.el9');
  assert.equal(rpmVersion({ name: 'bash', version: '5.1.8', release: '6.el9' }), '5.1.8-6.el9');
  assert.deepEqual(sourceOfRpm('openssl-3.0.7-24.el9.src.rpm'), { name: 'openssl', version: '3.0.7-24.el9' });
  assert.deepEqual(sourceOfRpm('python3.11-3.11.5-1.el9.src.rpm'), { name: 'python3.11', version: '3.11.5-1.el9' });
  assert.equal(sourceOfRpm('not-a-source'), undefined);
});

test('a header whose counts run past its end is refused', () => {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(1000, 0);
  header.writeUInt32BE(10, 4);
  assert.throws(() => parseRpmHeader(header), /exceed its size/);
});
