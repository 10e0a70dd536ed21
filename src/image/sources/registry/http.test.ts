import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, HttpClient, MIN_BODY_BYTES_PER_TIMEOUT, retryDelay } from './http.js';

test('the default budget: a request gives up within 60 s however long each try takes, after at most 5 tries', () => {
  assert.equal(DEFAULT_TIMEOUT_MS, 60_000);
  for (const tryMs of [0, 10, 900, 5_000, 14_000, 20_000, 59_999, 60_000, 600_000]) {
    for (const jitter of [0, 0.5, 0.999]) {
      // a try ends when it fails or when the request's time is up, whichever is first (the deadline in sendOnce)
      let elapsed = 0;
      let tries = 0;
      for (;;) {
        tries++;
        elapsed = Math.min(elapsed + tryMs, DEFAULT_TIMEOUT_MS);
        if (elapsed >= DEFAULT_TIMEOUT_MS) break;
        const delay = retryDelay(DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, tries, elapsed, undefined, jitter);
        if (delay === undefined) break;
        elapsed += delay;
      }
      assert.ok(elapsed <= DEFAULT_TIMEOUT_MS, `${tryMs} ms tries: ${elapsed} ms`);
      assert.ok(tries <= DEFAULT_RETRY.attempts);
      // with instant failures every try is made: the waits (250 ms doubling, ±25%) fit well within the budget
      if (tryMs === 0) assert.equal(tries, DEFAULT_RETRY.attempts);
    }
  }
});

test('retryDelay: exponential backoff with jitter and a cap; Retry-After is waited for only within the budget', () => {
  const policy = { ...DEFAULT_RETRY, attempts: 10 };
  assert.equal(retryDelay(policy, 60_000, 1, 0, undefined, 0), 187.5);
  assert.equal(retryDelay(policy, 60_000, 1, 0, undefined, 0.5), 250);
  assert.equal(retryDelay(policy, 60_000, 3, 0, undefined, 0.5), 1_000);
  assert.equal(retryDelay(policy, 60_000, 8, 0, undefined, 0.999), DEFAULT_RETRY.maxDelayMs);
  assert.equal(retryDelay(policy, 60_000, 10, 0), undefined, 'no try left');
  assert.equal(retryDelay(policy, 60_000, 1, 59_900, undefined, 0.5), undefined, 'the wait would end past the budget');
  assert.equal(retryDelay(policy, 60_000, 1, 0, 30_000), 30_000);
  assert.equal(retryDelay(policy, 60_000, 1, 40_000, 30_000), undefined, 'a Retry-After past the budget');
  assert.equal(retryDelay(policy, 600_000, 1, 0, 61_000), undefined, 'a Retry-After over maxRetryAfterMs');
});

async function listen<T extends Server | TcpServer>(server: T): Promise<{ server: T; url: URL }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/`) };
}

function closing(server: Server | TcpServer, sockets: Set<Socket> = new Set()): Promise<void> {
  for (const socket of sockets) socket.destroy();
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

test('a server that accepts and never answers fails the request at its deadline, not at an idle timeout per try', async () => {
  const sockets = new Set<Socket>();
  const { server, url } = await listen(
    createTcpServer((socket) => {
      sockets.add(socket);
      socket.resume();
    }),
  );
  const client = new HttpClient('img', DEFAULT_RETRY, true, 400);
  try {
    const started = Date.now();
    await assert.rejects(client.send({ url }), { name: 'InputError', message: `img: no answer from ${url.host} within 0.4 s; a slow registry needs a longer --timeout` });
    const took = Date.now() - started;
    assert.ok(took >= 390 && took < 2_000, `${took} ms`);
    assert.equal(sockets.size, 1, 'the time that is up is not tried again');
  } finally {
    client.close();
    await closing(server, sockets);
  }
});

test('dropped connections are tried again while the budget lasts, then fail naming the tries', async () => {
  let connections = 0;
  const { server, url } = await listen(
    createTcpServer((socket) => {
      connections++;
      socket.resetAndDestroy();
    }),
  );
  const client = new HttpClient('img', { ...DEFAULT_RETRY, baseDelayMs: 200 }, true, 1_000);
  try {
    const started = Date.now();
    await assert.rejects(client.send({ url }), { message: /^img: request to 127\.0\.0\.1:\d+ failed after [23] attempts \(ECONNRESET\)$/ });
    assert.ok(Date.now() - started < 1_000 + 500);
    // waits of 200 and 400 ms (±25%) fit in one second; the next, 800 ms, does not
    assert.ok(connections === 2 || connections === 3, `${connections} connections`);
  } finally {
    client.close();
    await closing(server);
  }
});

test('a body that stalls fails its reader; a reader that stops reading is not a stalled registry', async () => {
  const big = randomBytes(4 * MIN_BODY_BYTES_PER_TIMEOUT);
  const { server, url } = await listen(
    createServer((req, res) => {
      if (req.url === '/v2/stall') {
        res.writeHead(200, { 'content-length': '100' });
        res.write('x');
        return;
      }
      res.writeHead(200, { 'content-length': String(big.length) }).end(big);
    }),
  );
  const client = new HttpClient('img', DEFAULT_RETRY, true, 300);
  try {
    const stalled = await client.send({ url: new URL('stall', url) });
    const started = Date.now();
    await assert.rejects(
      (async () => {
        for await (const _ of stalled) void _;
      })(),
      { name: 'InputError', message: `img: ${url.host} sent 0 bytes in 0.3 s: gave up on a stalled transfer (--timeout)` },
    );
    assert.ok(Date.now() - started < 1_500);

    const response = await client.send({ url });
    let received = 0;
    for await (const chunk of response) {
      // the first chunk read, the reader goes away for several timeouts: the server has to wait, not the reader
      if (received === 0) await sleep(1_200);
      received += (chunk as Buffer).length;
    }
    assert.equal(received, big.length);
  } finally {
    client.close();
    await closing(server);
  }
});
