// Hostile registry, issue row 1: an HTTPS registry whose 401 challenge sends the client to a plain-HTTP token
// realm. The user's password must not cross the network in clear unless the user passed --insecure; a realm on
// another HTTPS host (Docker Hub's auth.docker.io pattern) still gets it; a redirect to another host never does; and
// no error or report ever shows it. Real HTTPS servers on 127.0.0.1 and 127.0.0.2 with a certificate made now,
// trusted by the CLI through NODE_EXTRA_CA_CERTS as a user would.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openImage } from '../../src/image/open.js';
import { runCli, type CliResult } from '../support/cli.js';
import { memoryImage, selfSignedCert, serveImage, startServer, type TestServer, type Tls } from '../support/test-registry.js';

const username = 'alice';
const password = `pw-${randomBytes(9).toString('hex')}`;
const basicAuth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const image = memoryImage([{ path: 'app/hello.txt', content: 'hello' }]);

let scratch: string;
let tls: Tls | undefined;
const servers: TestServer[] = [];
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'shipshape-realm-'));
  tls = await selfSignedCert(scratch);
});
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(scratch, { recursive: true, force: true });
});

async function track(started: Promise<TestServer>): Promise<TestServer> {
  const server = await started;
  servers.push(server);
  return server;
}

/** A token server granting `granted` for the right Basic credentials and refusing anything else. */
function tokenServer(address: string, secure: boolean): Promise<TestServer> {
  return track(
    startServer(
      (req, res) => {
        if (req.headers.authorization !== basicAuth) res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"granted","expires_in":300}');
      },
      { address, ...(secure && { tls: tls! }) },
    ),
  );
}

/** An HTTPS registry that wants a bearer token from `realm`; `blobsAt` serves its blobs through a redirect. */
function registry(realm: () => string, blobsAt?: () => string): Promise<TestServer> {
  return track(
    startServer(
      (req: IncomingMessage, res: ServerResponse) => {
        if (req.headers.authorization !== 'Bearer granted') {
          res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm()}",service="test-registry"` }).end();
          return;
        }
        if (blobsAt && /\/blobs\//.test(req.url ?? '')) {
          res.writeHead(307, { location: `https://${blobsAt()}${req.url}` }).end();
          return;
        }
        if (!serveImage(image, req, res)) res.writeHead(404).end();
      },
      { tls: tls! },
    ),
  );
}

async function dockerConfigFor(host: string): Promise<string> {
  const file = join(scratch, `config-${host.replace(/\W/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } }));
  return file;
}

async function openWithCli(host: string, ...flags: string[]): Promise<CliResult> {
  return runCli(['image', `docker://${host}/team/app:1`, '--docker-config', await dockerConfigFor(host), '-f', 'json', '--timeout', '20', ...flags], {
    // a cache of its own: a layer another test cached would not be fetched again
    env: { NODE_EXTRA_CA_CERTS: tls!.certFile, SHIPSHAPE_CACHE_DIR: await mkdtemp(join(scratch, 'cache-')) },
  });
}

/** Neither the password nor the header that carries it, in anything the CLI printed. */
function assertNoSecret(result: CliResult): void {
  const printed = `${result.stdout}\n${result.stderr}`;
  for (const secret of [password, basicAuth.slice('Basic '.length), Buffer.from(password).toString('base64')]) {
    assert.ok(!printed.includes(secret), `the output shows a secret:\n${printed}`);
  }
}

describe('credentials and token realms', () => {
  test('a plain-HTTP realm gets no password without --insecure, and gets it with', async (t) => {
    if (!tls) return t.skip('openssl is not installed');
    const tokens = await tokenServer('127.0.0.1', false);
    const front = await registry(() => `http://${tokens.host}/token`);

    const refused = await openWithCli(front.host);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, new RegExp(`^shipshape: docker://${front.host}/team/app:1: ${front.host} sends its credentials to a plain-HTTP token server \\(${tokens.host}\\); refused`));
    assert.equal(tokens.seen.length, 0, 'the plain-HTTP token server heard nothing');
    assertNoSecret(refused);

    const consented = await openWithCli(front.host, '--insecure');
    assert.notEqual(consented.code, 2, consented.stderr);
    assert.deepEqual(tokens.seen.map((r) => r.authorization), [basicAuth], 'with --insecure the user chose to send it');
    assertNoSecret(consented);
  });

  test('a realm on another HTTPS host gets the password; blob storage on another host gets no header', async (t) => {
    if (!tls) return t.skip('openssl is not installed');
    const tokens = await tokenServer('127.0.0.2', true);
    const storage = await track(startServer((req, res) => void (serveImage(image, req, res) || res.writeHead(404).end()), { tls: tls!, address: '127.0.0.2' }));
    const front = await registry(() => `https://${tokens.host}/token`, () => storage.host);

    const result = await openWithCli(front.host);
    assert.notEqual(result.code, 2, result.stderr);
    const report = JSON.parse(result.stdout) as { image: { ref: string; layers: unknown[] } };
    assert.equal(report.image.ref, `docker://${front.host}/team/app:1`);
    assert.deepEqual(tokens.seen.map((r) => r.authorization), [basicAuth]);
    assert.ok(front.seen.some((r) => r.authorization === 'Bearer granted'));
    assert.equal(storage.seen.filter((r) => r.path.includes('/blobs/')).length, 2, 'config and layer came from storage');
    assert.deepEqual(storage.seen.filter((r) => r.authorization !== undefined), [], 'storage got no Authorization header');
    assertNoSecret(result);
  });

  test('a refused password is not in the error', async (t) => {
    if (!tls) return t.skip('openssl is not installed');
    const tokens = await track(startServer((_req, res) => void res.writeHead(401).end(), { tls: tls!, address: '127.0.0.2' }));
    const front = await registry(() => `https://${tokens.host}/token`);
    const result = await openWithCli(front.host);
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`the token server ${tokens.host} rejected the credentials for ${front.host} \\(HTTP 401\\)`));
    assert.deepEqual(tokens.seen.map((r) => r.authorization), [basicAuth]);
    assertNoSecret(result);
  });

  test('a realm that is not an http(s) URL is refused before anything is sent', async () => {
    const front = await track(
      startServer((_req, res) => void res.writeHead(401, { 'www-authenticate': 'Bearer realm="file:///etc/passwd",service="x"' }).end()),
    );
    await assert.rejects(openImage(`docker://${front.host}/team/app:1`, { insecure: true, dockerConfig: await dockerConfigFor(front.host), timeoutMs: 20_000 }), {
      message: `docker://${front.host}/team/app:1: ${front.host} names a token server that is not an http(s) URL ("file:///etc/passwd")`,
    });
  });

  test('a Docker config that is not JSON is reported without its text', async () => {
    const file = join(scratch, 'broken-config.json');
    await writeFile(file, `${password} {"auths": {}}`);
    const basicRegistry = await track(startServer((_req, res) => void res.writeHead(401, { 'www-authenticate': 'Basic realm="test"' }).end()));
    const result = await runCli(['image', `docker://${basicRegistry.host}/team/app:1`, '--insecure', '--docker-config', file], {
      env: { SHIPSHAPE_CACHE_DIR: join(scratch, 'cache') },
    });
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `shipshape: ${file}: the Docker config is not valid JSON\n`);
    assertNoSecret(result);
  });
});
