// Registry client against the real distribution registries of the fixtures: auth, tokens, retries, redirects,
// and a proxy in front of them that breaks things the way networks and registries do.
import assert from 'node:assert/strict';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openImage, TokenCache, validateImage, type OpenImageOptions } from '../src/image/open.js';
import { imageFixturesOrSkip, type ImageFixtures } from './support/fixtures.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;
const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20 };

let scratch: string;
let emptyConfig: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'shipshape-registry-test-'));
  emptyConfig = join(scratch, 'empty-config.json');
  await writeFile(emptyConfig, '{"auths": {}}');
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function ref(host: string, repository = fixtures.images.secrets.repository): string {
  return `docker://${host}/${repository}`;
}

async function openAndValidate(reference: string, options: OpenImageOptions) {
  const image = await openImage(reference, options);
  try {
    await validateImage(image);
    return image;
  } finally {
    await image.close();
  }
}

async function listen(server: Server, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `${host}:${(server.address() as AddressInfo).port}`;
}

/** Tokens the fixture token server issued for a repository (other test files use other repositories). */
async function tokensIssued(repository: string): Promise<number> {
  const response = await fetch(`${fixtures.registries.token.tokenServer}/stats`);
  const stats = (await response.json()) as { byScope: Record<string, number> };
  return stats.byScope[`repository:${repository.split(':')[0]}:pull`] ?? 0;
}

type Forward = (headers?: Record<string, string>, path?: string) => Promise<IncomingMessage>;
type Intercept = (req: IncomingMessage, res: ServerResponse, forward: Forward) => Promise<boolean>;

/** An HTTP proxy in front of a fixture registry; `intercept` answers a request itself or returns false to pass it on. */
async function startProxy(upstream: string, intercept: Intercept, host = '127.0.0.1') {
  const seen: { path: string; authorization?: string }[] = [];
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', ...(req.headers.authorization !== undefined && { authorization: req.headers.authorization }) });
    const forward: Forward = (headers = {}, path = req.url) =>
      new Promise<IncomingMessage>((resolve, reject) => {
        const [hostname, port] = upstream.split(':');
        const { host: _, ...rest } = req.headers;
        const out = request({ hostname, port: Number(port), path, method: req.method, headers: { ...rest, ...headers } }, resolve);
        out.on('error', reject);
        out.end();
      });
    intercept(req, res, forward)
      .then(async (handled) => {
        if (handled) return;
        const upstreamResponse = await forward();
        const headers = { ...upstreamResponse.headers };
        // the challenge names the registry's own realm; the client must still reach the token server directly
        res.writeHead(upstreamResponse.statusCode ?? 502, headers);
        upstreamResponse.pipe(res);
      })
      .catch((error: Error) => {
        res.writeHead(502).end(error.message);
      });
  });
  const address = await listen(server, host);
  return { host: address, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const isManifest = (req: IncomingMessage) => /\/manifests\//.test(req.url ?? '');
const isBlob = (req: IncomingMessage) => /\/blobs\/sha256:/.test(req.url ?? '');

describe('registry authentication', { skip }, () => {
  test('anonymous, basic and bearer token registries serve the same manifest', async () => {
    const options = { insecure: true, dockerConfig: fixtures.dockerConfig };
    const digests = [];
    for (const registry of [fixtures.registries.anonymous, fixtures.registries.basic, fixtures.registries.token]) {
      const image = await openImage(ref(registry.host), options);
      digests.push(image.manifestDigest);
      await image.close();
    }
    assert.equal(new Set(digests).size, 1);
    assert.match(digests[0]!, /^sha256:[a-f0-9]{64}$/);
  });

  test('basic auth without credentials says how to set them', async () => {
    await assert.rejects(openImage(ref(fixtures.registries.basic.host), { insecure: true, dockerConfig: emptyConfig }), {
      name: 'InputError',
      message: new RegExp(`^docker://${fixtures.registries.basic.host}/fixture/secrets:1: 401 unauthorized by ${fixtures.registries.basic.host}.*docker login`),
    });
  });

  test('a wrong password is a 401 from the basic registry and a refusal from the token server', async () => {
    const credentials = { username: fixtures.credentials.username, password: 'wrong' };
    await assert.rejects(openImage(ref(fixtures.registries.basic.host), { insecure: true, credentials }), { message: /401 unauthorized/ });
    await assert.rejects(openImage(ref(fixtures.registries.token.host), { insecure: true, credentials }), {
      message: /the token server 127\.0\.0\.1:\d+ rejected the credentials for 127\.0\.0\.1:\d+ \(HTTP 401\)/,
    });
  });

  test('credentials come from auth, from username/password, from $DOCKER_CONFIG and from a credential helper', async () => {
    const { username, password } = fixtures.credentials;
    const host = fixtures.registries.basic.host;
    const plain = join(scratch, 'plain');
    await rm(plain, { recursive: true, force: true });
    await mkdtempAt(plain);
    await writeFile(join(plain, 'config.json'), JSON.stringify({ auths: { [`http://${host}/v2/`]: { username, password } } }));
    await openAndValidate(ref(host), { insecure: true, dockerConfig: plain });

    const previous = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = plain;
    try {
      const image = await openImage(ref(host), { insecure: true });
      await image.close();
    } finally {
      if (previous === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = previous;
    }

    const helperDir = join(scratch, 'helper');
    await mkdtempAt(helperDir);
    const helper = join(helperDir, 'docker-credential-shipshapetest');
    await writeFile(helper, `#!/bin/sh\nread -r server\n[ "$1" = get ] && [ "$server" = "${host}" ] || exit 1\nprintf '{"ServerURL":"%s","Username":"${username}","Secret":"${password}"}' "$server"\n`);
    await chmod(helper, 0o755);
    await writeFile(join(helperDir, 'config.json'), JSON.stringify({ credHelpers: { [host]: 'shipshapetest' } }));
    const path = process.env.PATH;
    process.env.PATH = `${helperDir}:${path}`;
    try {
      await openAndValidate(ref(host), { insecure: true, dockerConfig: join(helperDir, 'config.json') });
    } finally {
      process.env.PATH = path;
    }
  });

  test('a bearer token is fetched once per scope and reused for every request', async () => {
    const tokenCache = new TokenCache();
    const options = { insecure: true, dockerConfig: fixtures.dockerConfig, tokenCache };
    const repository = fixtures.images['root-setuid'].repository;
    const other = fixtures.multiArch.repository;
    const [before, otherBefore] = [await tokensIssued(repository), await tokensIssued(other)];
    await openAndValidate(ref(fixtures.registries.token.host, repository), options);
    await openAndValidate(ref(fixtures.registries.token.host, repository), options);
    assert.equal((await tokensIssued(repository)) - before, 1, 'one token for two images: manifests, configs and every layer');
    await openAndValidate(ref(fixtures.registries.token.host, other), options);
    assert.equal((await tokensIssued(other)) - otherBefore, 1, 'another repository is another scope');
    assert.equal((await tokensIssued(repository)) - before, 1);
  });

  test('anonymous bearer tokens open public repositories, and a private one gets a 401 with a hint', async () => {
    const host = fixtures.registries.token.host;
    await openAndValidate(ref(host, fixtures.publicRepository.repository), { insecure: true, dockerConfig: emptyConfig });
    await assert.rejects(openImage(ref(host), { insecure: true, dockerConfig: emptyConfig }), {
      message: /401 unauthorized by 127\.0\.0\.1:\d+ \(insufficient_scope\); set credentials/,
    });
  });
});

describe('registry references and errors', { skip }, () => {
  test('by digest, and a bare HOST/REPO:TAG without docker://', async () => {
    const byTag = await openImage(ref(fixtures.registries.anonymous.host), { insecure: true });
    await byTag.close();
    const byDigest = await openImage(`${fixtures.registries.anonymous.host}/fixture/secrets@${byTag.manifestDigest}`, { insecure: true });
    await byDigest.close();
    assert.equal(byDigest.manifestDigest, byTag.manifestDigest);
    assert.equal(byDigest.transport, 'docker');
  });

  test('no such tag, no such digest, no such repository', async () => {
    const host = fixtures.registries.anonymous.host;
    await assert.rejects(openImage(`${host}/fixture/secrets:nope`, { insecure: true }), {
      message: `${host}/fixture/secrets:nope: manifest unknown (${host}/fixture/secrets has no tag nope)`,
    });
    await assert.rejects(openImage(`${host}/fixture/secrets@sha256:${'0'.repeat(64)}`, { insecure: true }), { message: /manifest unknown/ });
    await assert.rejects(openImage(`${host}/fixture/nothing-here:1`, { insecure: true }), { message: /repository 127\.0\.0\.1:\d+\/fixture\/nothing-here not found|manifest unknown/ });
  });

  test('plain HTTP without --insecure, and connection refused, name the host', async () => {
    const host = fixtures.registries.anonymous.host;
    await assert.rejects(openImage(ref(host)), {
      message: `${ref(host)}: TLS handshake with ${host} failed; if the registry speaks plain HTTP, pass --insecure`,
    });
    const closed = createServer();
    const closedHost = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(openImage(`${closedHost}/x/y:1`, { insecure: true }), { message: `${closedHost}/x/y:1: connection refused by ${closedHost}` });
  });
});

describe('a registry behind a misbehaving proxy', { skip }, () => {
  const upstream = () => fixtures.registries.anonymous.host;

  test('503s with Retry-After and dropped connections are retried', async () => {
    const failures = new Map<string, number>();
    const proxy = await startProxy(upstream(), async (req, res) => {
      const count = failures.get(req.url!) ?? 0;
      failures.set(req.url!, count + 1);
      if (count === 0 && isBlob(req)) {
        req.socket.destroy();
        return true;
      }
      if (count < 2 && !isBlob(req)) {
        res.writeHead(503, { 'retry-after': '0' }).end();
        return true;
      }
      return false;
    });
    try {
      await openAndValidate(ref(proxy.host), { insecure: true, retry: FAST_RETRY });
      const manifestTries = proxy.seen.filter((r) => r.path.includes('/manifests/')).length;
      assert.equal(manifestTries, 3);
    } finally {
      await proxy.close();
    }
  });

  test('retries are bounded, and a long Retry-After is not waited for', async () => {
    const proxy = await startProxy(upstream(), async (req, res) => {
      if (!isManifest(req)) return false;
      if (req.url!.endsWith('/manifests/busy')) res.writeHead(429, { 'retry-after': '3600' }).end();
      else res.writeHead(503).end();
      return true;
    });
    try {
      await assert.rejects(openImage(ref(proxy.host), { insecure: true, retry: { ...FAST_RETRY, attempts: 3 } }), { message: /answered HTTP 503 for manifest 1/ });
      assert.equal(proxy.seen.filter((r) => r.path.includes('/manifests/')).length, 3);
      const started = Date.now();
      await assert.rejects(openImage(`${proxy.host}/fixture/secrets:busy`, { insecure: true }), { message: /HTTP 429/ });
      assert.ok(Date.now() - started < 30_000);
    } finally {
      await proxy.close();
    }
  });

  test('a blob whose bytes were changed, or grew, fails its stream; a wrong manifest digest fails the open', async () => {
    let tamper: 'flip' | 'grow' = 'flip';
    const proxy = await startProxy(upstream(), async (req, res, forward) => {
      if (req.url!.endsWith('/manifests/lying')) {
        const real = await forward({ accept: req.headers.accept ?? '' }, req.url!.replace(/lying$/, '1'));
        res.writeHead(200, { ...real.headers, 'docker-content-digest': `sha256:${'1'.repeat(64)}` });
        real.pipe(res);
        return true;
      }
      if (!isBlob(req)) return false;
      const real = await forward();
      const chunks: Buffer[] = [];
      for await (const chunk of real) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if (body.length < 100_000) {
        // the config and the small layers pass untouched; the base layer is tampered with
        res.writeHead(200, real.headers).end(body);
        return true;
      }
      const { 'content-length': _, ...headers } = real.headers;
      if (tamper === 'grow') {
        res.writeHead(200, headers).end(Buffer.concat([body, Buffer.from('trailing junk')]));
      } else {
        body[body.length >> 1]! ^= 0xff;
        res.writeHead(200, headers).end(body);
      }
      return true;
    });
    try {
      const image = await openImage(ref(proxy.host), { insecure: true });
      try {
        const big = image.layers.find((layer) => layer.size >= 100_000)!;
        const problems: string[] = [];
        for (const how of ['flip', 'grow'] as const) {
          tamper = how;
          const stream = await big.openStored();
          await assert.rejects(
            (async () => {
              for await (const _ of stream) void _;
            })(),
            (error: Error) => (problems.push(error.message), error.name === 'InputError'),
          );
        }
        assert.match(problems[0]!, /: blob sha256:[a-f0-9]{12} does not match its digest \(got sha256:[a-f0-9]{64}\)$/);
        assert.match(problems[1]!, /: blob sha256:[a-f0-9]{12} is larger than its declared \d+ bytes$/);
        tamper = 'flip';
        await assert.rejects(validateImage(image), { name: 'ImageValidationError' });
      } finally {
        await image.close();
      }
      await assert.rejects(openImage(`${proxy.host}/fixture/secrets:lying`, { insecure: true }), { message: /: manifest digest mismatch \(expected sha256:111111111111, got sha256:[a-f0-9]{12}\)$/ });
    } finally {
      await proxy.close();
    }
  });

  test('schema 1 manifests are refused and oversized manifests are not read', async () => {
    const proxy = await startProxy(upstream(), async (req, res, forward) => {
      if (!isManifest(req)) return false;
      if (req.url!.endsWith('/manifests/huge')) {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': String(5 * 1024 * 1024) });
        res.end(Buffer.alloc(5 * 1024 * 1024, 0x20));
        return true;
      }
      // without Docker v2 in Accept, distribution down-converts a v2s2 manifest to a signed schema 1
      const real = await forward({ accept: 'application/vnd.oci.image.manifest.v1+json' });
      res.writeHead(real.statusCode ?? 502, real.headers);
      real.pipe(res);
      return true;
    });
    try {
      await assert.rejects(openImage(`${proxy.host}/${fixtures.dockerV2.repository}`, { insecure: true }), {
        message: /Docker schema 1 manifests are not supported/,
      });
      await assert.rejects(openImage(`${proxy.host}/fixture/secrets:huge`, { insecure: true }), { message: /manifest is 5242880 bytes, over the 4 MiB limit/ });
    } finally {
      await proxy.close();
    }
  });

  test('blob redirects to another host are followed without the Authorization header', async () => {
    const { username, password } = fixtures.credentials;
    const basicAuth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    // "storage" on another loopback address, serving blobs from the registry with its own credentials
    const storage = await startProxy(fixtures.registries.basic.host, async (req, _res, forward) => {
      void forward;
      req.headers.authorization = basicAuth;
      return false;
    }, '127.0.0.2');
    const front = await startProxy(fixtures.registries.basic.host, async (req, res) => {
      if (!isBlob(req)) return false;
      res.writeHead(307, { location: `http://${storage.host}${req.url}` }).end();
      return true;
    });
    try {
      await openAndValidate(ref(front.host), { insecure: true, credentials: fixtures.credentials });
      assert.ok(front.seen.some((r) => isBlobPath(r.path) && r.authorization === basicAuth), 'the registry got the credentials');
      assert.ok(storage.seen.length > 0);
      assert.deepEqual(storage.seen.filter((r) => r.authorization !== undefined), [], 'storage got none');
    } finally {
      await front.close();
      await storage.close();
    }
  });
});

function isBlobPath(path: string): boolean {
  return /\/blobs\/sha256:/.test(path);
}

async function mkdtempAt(path: string): Promise<void> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(path, { recursive: true });
}
