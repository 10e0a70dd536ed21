import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rawZip, zipRecords } from '../../test/support/osv-zip.js';
import { VulnDb, dbStatus } from './db.js';
import { EOL_PRODUCTS, eolProduct } from './eol.js';
import type { OsvRecord } from './osv.js';
import { updateDb, type DownloadProgress } from './update.js';

type Mode = 'ok' | 'truncated' | 'corrupt' | 'missing' | 'stall';

/** A real HTTP server on 127.0.0.1 serving OSV exports and end-of-life lists, the way a mirror would. */
class ExportServer {
  mode: Mode = 'ok';
  zip: Buffer = Buffer.alloc(0);
  etag = '"v1"';
  readonly requests: { url: string; ifNoneMatch?: string; ifModifiedSince?: string }[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: import('node:http').ServerResponse): void {
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    this.requests.push({ url: req.url ?? '', ...(ifNoneMatch ? { ifNoneMatch } : {}), ...(ifModifiedSince ? { ifModifiedSince } : {}) });
    const eol = /^\/eol\/([a-z-]+)\.json$/.exec(req.url ?? '');
    if (eol) {
      if (ifNoneMatch === `"${eol[1]}-1"`) {
        res.writeHead(304).end();
        return;
      }
      const body = JSON.stringify([{ cycle: eol[1] === 'debian' ? '12' : '1', eol: '2028-06-30', releaseDate: '2023-06-10' }]);
      res.writeHead(200, { 'content-type': 'application/json', etag: `"${eol[1]}-1"` }).end(body);
      return;
    }
    if (req.url !== '/osv/npm/all.zip' || this.mode === 'missing') {
      res.writeHead(404).end('not found');
      return;
    }
    if (ifNoneMatch === this.etag) {
      res.writeHead(304).end();
      return;
    }
    const headers = { 'content-type': 'application/zip', etag: this.etag, 'last-modified': 'Mon, 07 Dec 2026 10:00:00 GMT' };
    if (this.mode === 'truncated') {
      // Promises the whole export, sends half, and hangs up.
      res.writeHead(200, { ...headers, 'content-length': String(this.zip.length) });
      res.write(this.zip.subarray(0, this.zip.length >> 1), () => res.destroy());
      return;
    }
    if (this.mode === 'stall') {
      res.writeHead(200, { ...headers, 'content-length': String(this.zip.length) });
      res.write(this.zip.subarray(0, 10));
      return;
    }
    const body = this.mode === 'corrupt' ? corrupted(this.zip) : this.zip;
    res.writeHead(200, { ...headers, 'content-length': String(body.length) }).end(body);
  }
}

/** Flips a byte inside the first entry's compressed data (after its 30-byte header and name). */
function corrupted(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  const dataStart = 30 + copy.readUInt16LE(26) + copy.readUInt16LE(28);
  copy[dataStart + 5] ^= 0xff;
  return copy;
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function record(id: string, name: string, fixed: string): OsvRecord {
  return {
    id,
    modified: '2026-01-01T00:00:00Z',
    aliases: [`CVE-2026-${id.length}`],
    affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed }] }] }],
  };
}

const server = new ExportServer();
const work = mkdtempSync(join(tmpdir(), 'shipshape-update-test-'));

before(async () => {
  await server.start();
});
after(async () => {
  await server.stop();
});

function npmZip(records: OsvRecord[]): Buffer {
  const path = join(work, `export-${Date.now()}-${Math.random()}.zip`);
  zipRecords(path, records);
  return readFileSync(path);
}

function dbFile(dir: string): Buffer {
  return readFileSync(join(dir, 'osv', 'npm.osvdb'));
}

function fixedFor(dir: string, name: string): string[] {
  const db = new VulnDb(dir);
  try {
    return db.records('npm', name).flatMap((r) => r.affected!.flatMap((a) => a.ranges!.flatMap((range) => range.events.flatMap((e) => (e.fixed ? [e.fixed] : [])))));
  } finally {
    db.close();
  }
}

test('db update downloads an export, then asks again with its ETag and keeps the file on 304', async () => {
  const dir = mkdtempSync(join(work, 'db-'));
  server.mode = 'ok';
  server.etag = '"v1"';
  server.zip = npmZip([record('GHSA-1', 'minimist', '1.2.6'), record('GHSA-22', 'lodash', '4.17.21')]);
  const progress: DownloadProgress[] = [];
  const [first] = await updateDb({ dir, osvUrl: `${server.url}/osv/`, ecosystems: ['npm'], eol: false, onProgress: (p) => progress.push(p) });
  assert.equal(first!.status, 'updated', first!.error);
  assert.equal(first!.records, 2);
  assert.equal(first!.bytes, server.zip.length);
  assert.equal(progress.at(-1)?.received, server.zip.length);
  assert.equal(progress.at(-1)?.total, server.zip.length);
  assert.deepEqual(fixedFor(dir, 'lodash'), ['4.17.21']);
  const stored = dbFile(dir);

  server.requests.length = 0;
  const [second] = await updateDb({ dir, osvUrl: server.url + '/osv', ecosystems: ['npm'], eol: false });
  assert.equal(second!.status, 'unchanged');
  assert.equal(second!.records, 2);
  assert.deepEqual(server.requests, [{ url: '/osv/npm/all.zip', ifNoneMatch: '"v1"', ifModifiedSince: 'Mon, 07 Dec 2026 10:00:00 GMT' }]);
  assert.deepEqual(dbFile(dir), stored);
  assert.equal(dbStatus(dir)[0]!.stale, false);

  // A new export replaces the old one whole: records it no longer has are gone.
  server.etag = '"v2"';
  server.zip = npmZip([record('GHSA-1', 'minimist', '1.2.8')]);
  const [third] = await updateDb({ dir, osvUrl: `${server.url}/osv`, ecosystems: ['npm'], eol: false });
  assert.equal(third!.status, 'updated');
  assert.deepEqual(fixedFor(dir, 'minimist'), ['1.2.8']);
  assert.deepEqual(fixedFor(dir, 'lodash'), []);
});

async function failedUpdateLeavesDb(mode: Mode, pattern: RegExp): Promise<void> {
  const dir = mkdtempSync(join(work, 'db-'));
  server.mode = 'ok';
  server.etag = '"good"';
  server.zip = npmZip([record('GHSA-1', 'minimist', '1.2.6')]);
  const [good] = await updateDb({ dir, osvUrl: `${server.url}/osv`, ecosystems: ['npm'], eol: false });
  assert.equal(good!.status, 'updated');
  const before = dbFile(dir);

  server.mode = mode;
  server.etag = '"bad"';
  server.zip = npmZip([record('GHSA-1', 'minimist', '9.9.9'), record('GHSA-333', 'other', '1.0.0')]);
  const [bad] = await updateDb({ dir, osvUrl: `${server.url}/osv`, ecosystems: ['npm'], eol: false, idleTimeoutMs: 300 });
  assert.equal(bad!.status, 'failed');
  assert.match(bad!.error ?? '', pattern);
  assert.deepEqual(dbFile(dir), before, 'the stored file is unchanged, byte for byte');
  assert.deepEqual(fixedFor(dir, 'minimist'), ['1.2.6'], 'and still answers');
  assert.deepEqual(readdirSync(join(dir, 'tmp')), [], 'the partial download is removed');
}

test('an interrupted download leaves the old database usable and unchanged', async () => {
  await failedUpdateLeavesDb('truncated', /interrupted|ended after/);
});

test('a corrupt export leaves the old database usable and unchanged', async () => {
  await failedUpdateLeavesDb('corrupt', /not a valid zip archive|CRC-32/);
});

test('a server that stops sending is given up on', async () => {
  await failedUpdateLeavesDb('stall', /no data for 0.3 s/);
});

test('a missing export and an unreachable server are failures with the URL', async () => {
  const dir = mkdtempSync(join(work, 'db-'));
  server.mode = 'missing';
  const [missing] = await updateDb({ dir, osvUrl: `${server.url}/osv`, ecosystems: ['npm'], eol: false });
  assert.deepEqual([missing!.status, missing!.url, missing!.error], ['failed', `${server.url}/osv/npm/all.zip`, 'HTTP 404 Not Found']);
  const [refused] = await updateDb({ dir, osvUrl: `http://127.0.0.1:${await closedPort()}`, ecosystems: ['npm'], eol: false });
  assert.match(refused!.error ?? '', /cannot connect \(ECONNREFUSED\)/);
  await assert.rejects(updateDb({ dir, ecosystems: [] }), /nothing to update/);
});

test('a corrupt zip of the right shape is refused too: a CRC that lies', async () => {
  const dir = mkdtempSync(join(work, 'db-'));
  server.mode = 'ok';
  server.etag = '"lying"';
  server.zip = rawZip([{ name: 'GHSA-1.json', data: Buffer.from(JSON.stringify(record('GHSA-1', 'a', '1.0.0'))), crc: 1 }]);
  const [result] = await updateDb({ dir, osvUrl: `${server.url}/osv`, ecosystems: ['npm'], eol: false });
  assert.match(result!.error ?? '', /GHSA-1\.json: CRC-32 mismatch/);
  assert.equal(existsSync(join(dir, 'osv', 'npm.osvdb')), false);
});

test('end-of-life lists are fetched beside the exports, conditionally, and preferred to the snapshot', async () => {
  const dir = mkdtempSync(join(work, 'db-'));
  assert.equal(eolProduct(dir, 'debian')!.source, 'snapshot');
  server.mode = 'missing';
  const results = await updateDb({ dir, osvUrl: `${server.url}/osv`, eolUrl: `${server.url}/eol/`, ecosystems: ['npm'] });
  const eol = results.filter((r) => r.kind === 'eol');
  assert.deepEqual(eol.map((r) => r.target), [...EOL_PRODUCTS]);
  assert.ok(eol.every((r) => r.status === 'updated'));
  const debian = eolProduct(dir, 'debian')!;
  assert.equal(debian.source, 'update');
  assert.deepEqual(debian.cycles, [{ cycle: '12', eol: '2028-06-30', releaseDate: '2023-06-10' }]);

  server.requests.length = 0;
  const again = await updateDb({ dir, osvUrl: `${server.url}/osv`, eolUrl: `${server.url}/eol`, ecosystems: ['npm'] });
  assert.ok(again.filter((r) => r.kind === 'eol').every((r) => r.status === 'unchanged'));
  assert.equal(server.requests.find((r) => r.url === '/eol/php.json')?.ifNoneMatch, '"php-1"');
  assert.equal(eolProduct(dir, 'debian')!.cycles.length, 1);
});

test('an export writes only its own ecosystem, though its records name others', async () => {
  const dir = mkdtempSync(join(work, 'db-'));
  server.mode = 'ok';
  server.etag = '"cross"';
  const both = record('GHSA-9', 'shared', '1.0.0');
  both.affected!.push({ package: { ecosystem: 'PyPI', name: 'shared' }, versions: ['0.9'] });
  server.zip = npmZip([both]);
  const [result] = await updateDb({ dir, osvUrl: `${server.url}/osv`, ecosystems: ['npm'], eol: false });
  assert.equal(result!.status, 'updated');
  assert.deepEqual(readdirSync(join(dir, 'osv')), ['npm.osvdb']);
});
