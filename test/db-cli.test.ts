// `shipshape db import|status|update` run as a user runs them: a child process, real files, a real HTTP server.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { OsvRecord } from '../src/vuln/osv.js';
import { runCli } from './support/cli.js';
import { writeRecordFiles, zipRecords } from './support/osv-zip.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-db-cli-'));
}

const minimist: OsvRecord = {
  id: 'GHSA-xvch-5gv4-984h',
  modified: '2023-02-27T14:47:14Z',
  aliases: ['CVE-2021-44906'],
  affected: [{ package: { ecosystem: 'npm', name: 'minimist' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0.2.4' }] }] }],
};
const debian: OsvRecord = {
  id: 'DSA-3029-1',
  modified: '2014-09-20T08:18:07Z',
  affected: [{ package: { ecosystem: 'Debian:7', name: 'nginx' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2.1-2.2+wheezy3' }] }] }],
};

test('db import then db status, in JSON', async () => {
  const db = tempDir();
  const input = tempDir();
  writeRecordFiles(input, [minimist, debian]);
  const imported = await runCli(['db', 'import', input, '--db-dir', db, '--format', 'json']);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual(JSON.parse(imported.stdout), {
    dir: db,
    read: 2,
    ecosystems: [
      { ecosystem: 'npm', records: 1, packages: 1, skipped: 0 },
      { ecosystem: 'Debian', records: 1, packages: 1, skipped: 0 },
    ],
  });
  const status = await runCli(['db', 'status', '--format', 'json'], { env: { SHIPSHAPE_DB_DIR: db } });
  assert.equal(status.code, 0, status.stderr);
  const report = JSON.parse(status.stdout) as { ecosystems: { ecosystem: string; records: number; stale: boolean; perEcosystem: object }[]; eol: { source: string }[] };
  assert.deepEqual(report.ecosystems.map((e) => [e.ecosystem, e.records, e.stale]), [['Debian', 1, false], ['npm', 1, false]]);
  assert.deepEqual(report.ecosystems[0]!.perEcosystem, { 'Debian:7': 1 });
  assert.equal(report.eol.length, 9);
  assert.ok(report.eol.every((product) => product.source === 'snapshot'));

  const terminal = await runCli(['db', 'status', '--db-dir', db]);
  assert.match(terminal.stdout, /Debian\s+1 records\s+1 packages, 1 releases/);
  assert.match(terminal.stdout, /end of life: 0 products updated, 9 from the snapshot/);
});

test('bad input is one line naming the file, exit 2, and nothing changes', async () => {
  const db = tempDir();
  const input = tempDir();
  writeFileSync(join(input, 'x.json'), '[{"id": "A", "modified": "m", "affected": [{"package": {"ecosystem": "npm"}}]}]');
  const result = await runCli(['db', 'import', join(input, 'x.json'), '--db-dir', db]);
  assert.equal(result.code, 2);
  assert.equal(result.stderr, `shipshape: ${join(input, 'x.json')}: not an OSV record (A: an affected package has no ecosystem or name)\n`);
  const status = await runCli(['db', 'status', '--db-dir', db]);
  assert.match(status.stdout, /no OSV data yet/);
  const update = await runCli(['db', 'update', '--db-dir', db, '--no-eol']);
  assert.equal(update.code, 2);
  assert.match(update.stderr, /nothing to update: name the ecosystems/);
});

test('db update from a local mirror named in the config, then unchanged on the second run', async () => {
  const work = tempDir();
  const zip = join(work, 'all.zip');
  zipRecords(zip, [minimist]);
  const body = readFileSync(zip);
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.url} ${req.headers['if-none-match'] ?? '-'}`);
    if (req.url !== '/mirror/npm/all.zip') return void res.writeHead(404).end();
    if (req.headers['if-none-match'] === '"1"') return void res.writeHead(304).end();
    res.writeHead(200, { etag: '"1"', 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    writeFileSync(join(work, '.shipshape.yaml'), `db:\n  dir: ${join(work, 'db')}\n  osvUrl: http://127.0.0.1:${port}/mirror\n`);
    const first = await runCli(['db', 'update', '-e', 'npm', '--no-eol', '--format', 'json'], { cwd: work });
    assert.equal(first.code, 0, first.stderr + first.stdout);
    const [result] = (JSON.parse(first.stdout) as { results: { status: string; records: number; bytes: number }[] }).results;
    assert.deepEqual([result!.status, result!.records, result!.bytes], ['updated', 1, body.length]);
    const second = await runCli(['db', 'update', '--no-eol'], { cwd: work });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, 'unchanged  npm (OSV): 1 records\n');
    assert.deepEqual(seen, ['/mirror/npm/all.zip -', '/mirror/npm/all.zip "1"']);

    const failed = await runCli(['db', 'update', '-e', 'PyPI', '--no-eol'], { cwd: work });
    assert.equal(failed.code, 2);
    assert.match(failed.stdout, /failed\s+PyPI \(OSV\): http:\/\/127\.0\.0\.1:\d+\/mirror\/PyPI\/all\.zip: HTTP 404 Not Found\n1 failed; what was stored before is unchanged/);
  } finally {
    server.close();
  }
});

test('an unknown db setting in the config is refused with its line', async () => {
  const work = tempDir();
  writeFileSync(join(work, '.shipshape.yaml'), 'db:\n  url: http://x\n');
  const result = await runCli(['db', 'status'], { cwd: work });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /\.shipshape\.yaml:2: db: unknown key "url" \(expected dir, osvUrl, eolUrl\)/);
});
