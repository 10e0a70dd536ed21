import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePrivateKey } from '../../../test/support/tar-sample.js';
import { TOKEN_FORMATS } from '../../secrets/tokens.js';
import { secretsAnalyzer, type SecretMatch } from './index.js';

// Token-shaped strings assembled at run time, so no scanner mistakes this file for a leak.
const j = (...parts: string[]): string => parts.join('');

const scan = (path: string, content: string): SecretMatch[] =>
  secretsAnalyzer.analyze({
    path,
    entry: { path, kind: 'file', size: content.length, mode: 0o644, uid: 0, gid: 0 },
    content: Buffer.from(content),
    truncated: false,
  }) ?? [];

test('every token format is found in any text file, once', () => {
  for (const format of TOKEN_FORMATS) {
    assert.deepEqual(scan('app/notes.txt', `first line\n${format.example.secret}\n`).map((m) => [m.detector, m.line]), [[format.id, 2]], format.id);
  }
});

test('credential files are found by their settings', () => {
  const files: Record<string, [path: string, content: string]> = {
    npmrc: ['root/.npmrc', '//registry.npmjs.org/:_authToken=abcdef0123456789abcdef\n'],
    pypirc: ['root/.pypirc', '[pypi]\nusername = __token__\npassword = s3cr3t-pass-w0rd\n'],
    netrc: ['root/.netrc', 'machine git.example.com login bot password s3cr3t-pw\n'],
    'docker-config': ['root/.docker/config.json', '{"auths":{"registry.example.com":{"auth":"dXNlcjpwYXNzd29yZA=="}}}'],
    kubeconfig: ['root/.kube/config', 'users:\n- name: ci\n  user:\n    token: k8s-t0ken-value\n'],
    dotenv: ['app/.env', 'DATABASE_HOST=db\nAPI_SECRET=abc123\n'],
  };
  for (const [id, [path, content]] of Object.entries(files)) assert.deepEqual(scan(path, content).map((m) => m.detector), [id], id);
  assert.equal(scan('app/.env', 'API_TOKEN=1\n')[0]?.title, 'Environment file');
  assert.deepEqual(scan('app/.env', 'APP_NAME=shop\nMAIL_PASSWORD=null\n'), [], 'settings and null credentials leak nothing');
});

test('placeholders, documentation keys, armour lines without a body and binaries are not secrets', () => {
  assert.deepEqual(scan('docs.md', j('example: AKIA', 'IOSFODNN7EXAMPLE')), []);
  assert.deepEqual(scan('pem.h', '#define PEM_STRING "-----BEGIN RSA PRIVATE KEY-----"'), []);
  assert.deepEqual(scan('root/.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'), []);
  assert.deepEqual(scan('README', 'connect with postgres://user:password@localhost/db'), []);
  assert.deepEqual(scan('app/.env.example', 'API_SECRET=\n'), []);
  assert.deepEqual(scan('app/.env', '# nothing set\n'), []);
  assert.deepEqual(scan('root/.ssh/known_hosts', 'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n'), []);
  assert.deepEqual(scan('bin/tool', `\0\0ELF ${j('AKIA', 'Z7QXRT2LMN4BVC6D')}`), []);
});

test('a key file is reported as the key it holds; a credential file once, even with a known token in its setting', () => {
  assert.deepEqual(scan('root/.ssh/id_rsa', fakePrivateKey('id')).map((m) => m.detector), ['private-key']);
  assert.deepEqual(scan('app/.env', 'A_TOKEN=1\nB_TOKEN=2\nC_TOKEN=3\n').map((m) => [m.detector, m.line]), [['dotenv', 1]]);
  const npmrc = j('//registry.npmjs.org/:_authToken=npm_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8\n');
  assert.deepEqual(scan('root/.npmrc', npmrc).map((m) => m.detector), ['npm-token']);
});

test('matches are masked and carry their line', () => {
  const [match] = scan('a.txt', `one\ntwo ${j('ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8')}\n`);
  assert.equal(match?.line, 2);
  assert.equal(match?.redacted, 'ghp_****************');
});

test('skipped trees and formats are not wanted', () => {
  const entry = { path: '', kind: 'file' as const, size: 10, mode: 0o644, uid: 0, gid: 0 };
  assert.equal(secretsAnalyzer.wants('usr/share/doc/openssl/README', entry), false);
  assert.equal(secretsAnalyzer.wants('app/logo.png', entry), false);
  assert.equal(secretsAnalyzer.wants('app/config.yaml', entry), true);
  assert.equal(secretsAnalyzer.wants('app/empty', { ...entry, size: 0 }), false);
});
