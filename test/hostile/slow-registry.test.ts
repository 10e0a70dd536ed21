// Hostile registry, issue row 3: a registry that accepts connections and never answers, or sends one byte every
// 5 seconds, must not hold the CLI: it fails within --timeout (60 s when not given; 3 s here), retries included.
// Real servers on 127.0.0.1; the time measured is the whole CLI process, start-up included.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openImage } from '../../src/image/open.js';
import { runCli, type CliResult } from '../support/cli.js';
import { memoryImage, startRawServer, startServer, type TestServer } from '../support/test-registry.js';

const TIMEOUT_S = 3;
/** How late the client may hang up on a busy machine (the event loop of a loaded 2-core runner lags by seconds). */
const LATE_MS = 4_000;
const TRICKLE_MS = 5_000;

let scratch: string;
const servers: TestServer[] = [];
const timers: NodeJS.Timeout[] = [];
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'shipshape-slow-registry-'));
});
after(async () => {
  timers.forEach(clearInterval);
  await Promise.all(servers.map((server) => server.close()));
  await rm(scratch, { recursive: true, force: true });
});

/** Writes `bytes` one byte every TRICKLE_MS, the first at once. */
function trickle(out: { write(chunk: Buffer): unknown }, bytes: Buffer): void {
  let next = 0;
  const send = () => {
    if (next < bytes.length) out.write(bytes.subarray(next, ++next));
  };
  send();
  timers.push(setInterval(send, TRICKLE_MS));
}

/** How long each connection stayed open, measured by the server: the client's start-up is not in it. */
class Connections {
  readonly held: Promise<number>[] = [];

  watch(socket: Socket): void {
    const opened = Date.now();
    this.held.push(new Promise((resolve) => socket.once('close', () => resolve(Date.now() - opened))));
  }
}

function cli(host: string, ...flags: string[]): Promise<CliResult> {
  return runCli(['image', `docker://${host}/team/app:1`, '--timeout', String(TIMEOUT_S), ...flags], {
    env: { SHIPSHAPE_CACHE_DIR: join(scratch, 'cache') },
  });
}

async function assertGaveUpInTime(result: CliResult, connections: Connections, message: RegExp): Promise<void> {
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, message);
  const held = await Promise.all(connections.held);
  assert.ok(held.length > 0);
  // The last connection is the one the client gave up on. The time counts from the request's start, before the
  // server saw the connection (later still on a loaded machine): the message, not this lower bound, says why.
  const last = held.at(-1)!;
  assert.ok(last <= TIMEOUT_S * 1000 + LATE_MS, `held ${held.join(', ')} ms`);
  assert.ok(last >= (TIMEOUT_S * 1000) / 2, `gave up after ${held.join(', ')} ms, long before the timeout`);
}

test('a registry that never answers, or answers a byte every 5 s, fails within --timeout', async () => {
  const dead = new Connections();
  const deadServer = await startRawServer((socket) => dead.watch(socket));
  const trickling = new Connections();
  const tricklingServer = await startRawServer((socket: Socket) => {
    trickling.watch(socket);
    trickle(socket, Buffer.from('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{}'));
  });
  const image = memoryImage([{ path: 'a.txt', content: 'a' }]);
  // Answers /v2/ at once, then sends a manifest's headers and trickles its body: the stall, not the wait, fails it.
  const tricklingBody = new Connections();
  const tricklingBodyServer = await startServer((req, res) => {
    if (req.url === '/v2/') {
      res.writeHead(200).end('{}');
      return;
    }
    tricklingBody.watch(req.socket);
    res.writeHead(200, { 'content-type': image.mediaType, 'content-length': String(image.manifest.length) });
    trickle(res, image.manifest);
  });
  servers.push(deadServer, tricklingServer, tricklingBodyServer);
  const deadInsecure = new Connections();
  const deadInsecureServer = await startRawServer((socket) => deadInsecure.watch(socket));
  servers.push(deadInsecureServer);

  const [deadRun, deadInsecureRun, tricklingRun, tricklingBodyRun] = await Promise.all([
    cli(deadServer.host),
    cli(deadInsecureServer.host, '--insecure'),
    cli(tricklingServer.host, '--insecure'),
    cli(tricklingBodyServer.host, '--insecure'),
  ]);
  const noAnswer = (host: string) => new RegExp(`^shipshape: docker://${host}/team/app:1: no answer from ${host} within ${TIMEOUT_S} s; a slow registry needs a longer --timeout\\n$`);
  await assertGaveUpInTime(deadRun!, dead, noAnswer(deadServer.host));
  await assertGaveUpInTime(deadInsecureRun!, deadInsecure, noAnswer(deadInsecureServer.host));
  await assertGaveUpInTime(tricklingRun!, trickling, noAnswer(tricklingServer.host));
  const stalled = new RegExp(`^shipshape: docker://${tricklingBodyServer.host}/team/app:1: ${tricklingBodyServer.host} sent \\d bytes in ${TIMEOUT_S} s: gave up on a stalled transfer \\(--timeout\\)\\n$`);
  await assertGaveUpInTime(tricklingBodyRun!, tricklingBody, stalled);
});

test('with --insecure, plain HTTP gets what HTTPS left of the time, not a time of its own', async () => {
  // HTTPS is refused after 600 ms (an answer that is not TLS), then plain HTTP gets no answer
  const server = await startRawServer((socket) => {
    socket.once('data', (first: Buffer) => {
      if (first[0] === 0x16) setTimeout(() => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'), 600);
    });
  });
  servers.push(server);
  const started = Date.now();
  await assert.rejects(openImage(`docker://${server.host}/team/app:1`, { insecure: true, timeoutMs: 1_000 }), {
    message: `docker://${server.host}/team/app:1: no answer from ${server.host} within 1 s; a slow registry needs a longer --timeout`,
  });
  const took = Date.now() - started;
  assert.ok(took >= 950 && took < 1_500, `${took} ms`);
});

test('scan and sbom give up on a registry that never answers within their --timeout too', async () => {
  const dead = new Connections();
  const server = await startRawServer((socket) => dead.watch(socket));
  servers.push(server);
  // scan refuses to read an image before it has a database: one record is enough to get past that.
  const record = join(scratch, 'record.json');
  await writeFile(record, JSON.stringify({ id: 'TEST-1', modified: '2025-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'x' }, versions: ['1.0.0'] }] }));
  const dbDir = join(scratch, 'db');
  assert.equal((await runCli(['db', 'import', '--db-dir', dbDir, record])).code, 0);
  const ref = `docker://${server.host}/team/app:1`;
  const env = { env: { SHIPSHAPE_CACHE_DIR: join(scratch, 'cache') } };
  const [scan, sbom] = await Promise.all([
    runCli(['scan', ref, '--db-dir', dbDir, '--timeout', String(TIMEOUT_S)], env),
    runCli(['sbom', ref, '--timeout', String(TIMEOUT_S)], env),
  ]);
  const noAnswer = new RegExp(`^shipshape: ${ref}: no answer from ${server.host} within ${TIMEOUT_S} s; a slow registry needs a longer --timeout\\n$`);
  for (const result of [scan!, sbom!]) {
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, noAnswer);
  }
  const held = await Promise.all(dead.held);
  assert.ok(Math.max(...held) <= TIMEOUT_S * 1000 + LATE_MS, `held ${held.join(', ')} ms`);
});

test('--timeout takes seconds', async () => {
  const values = ['0', 'soon'];
  const results = await Promise.all(values.map((value) => runCli(['image', 'docker://127.0.0.1:1/team/app:1', '--timeout', value])));
  results.forEach((result, i) => {
    assert.equal(result.stderr, `shipshape: --timeout: "${values[i]}" is not a number of seconds between 0 and 86400\n`);
    assert.equal(result.code, 2);
  });
});
