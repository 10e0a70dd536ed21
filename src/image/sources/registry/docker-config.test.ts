import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { credentialsFor } from './docker-config.js';

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'shipshape-docker-config-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function config(name: string, content: unknown): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

test('auth entries by host, URL or Docker Hub alias; base64 auth or username/password', async () => {
  const auth = Buffer.from('alice:pa:ss').toString('base64');
  const dir = await config('auths', {
    auths: {
      'https://index.docker.io/v1/': { auth },
      'https://registry.example.com:5000/v2/': { username: 'bob', password: 'hunter2' },
      'ghcr.io': {},
    },
  });
  assert.deepEqual(await credentialsFor('docker.io', dir), { username: 'alice', password: 'pa:ss' });
  assert.deepEqual(await credentialsFor('registry.example.com:5000', join(dir, 'config.json')), { username: 'bob', password: 'hunter2' });
  assert.equal(await credentialsFor('ghcr.io', dir), undefined);
  assert.equal(await credentialsFor('quay.io', dir), undefined);
});

test('$DOCKER_CONFIG is used when no path is given; a missing default config means no credentials', async () => {
  const dir = await config('env', { auths: { 'quay.io': { username: 'u', password: 'p' } } });
  const previous = process.env.DOCKER_CONFIG;
  try {
    process.env.DOCKER_CONFIG = dir;
    assert.deepEqual(await credentialsFor('quay.io'), { username: 'u', password: 'p' });
    process.env.DOCKER_CONFIG = join(scratch, 'nowhere');
    assert.equal(await credentialsFor('quay.io'), undefined);
  } finally {
    if (previous === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = previous;
  }
});

test('an explicit config that is missing or broken is an error naming the file', async () => {
  const missing = join(scratch, 'missing.json');
  await assert.rejects(credentialsFor('quay.io', missing), { name: 'InputError', message: `${missing}: cannot read the Docker config (ENOENT)` });
  const dir = await config('broken', '{ not json');
  await assert.rejects(credentialsFor('quay.io', dir), { message: new RegExp(`^${join(dir, 'config.json')}: the Docker config is not valid JSON`) });
  const bad = await config('bad-auth', { auths: { 'quay.io': { auth: Buffer.from('no-colon').toString('base64') } } });
  await assert.rejects(credentialsFor('quay.io', bad), { message: /the auth entry for quay.io is not base64 of user:password/ });
});

test('a credential helper that is not installed is named', async () => {
  const dir = await config('helper', { credHelpers: { 'quay.io': 'shipshape-absent' } });
  await assert.rejects(credentialsFor('quay.io', dir), { message: /credential helper docker-credential-shipshape-absent is not installed/ });
});
