import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePrivateKey } from '../../../test/support/tar-sample.js';
import { judgeAssignment, isSecretName } from './assignments.js';
import { SECRET_DETECTORS } from './detectors.js';
import { secretsAnalyzer, type SecretMatch } from './index.js';

// Token-shaped strings assembled at run time, so no scanner mistakes this file for a leak.
const j = (...parts: string[]): string => parts.join('');
const POSITIVE: Record<string, [path: string, content: string]> = {
  'private-key': ['app/key.pem', fakePrivateKey('test')],
  'aws-access-key-id': ['app/config.ini', j('key = AKIA', 'Z7QXRT2LMN4BVC6D')],
  'aws-secret-access-key': ['root/.aws/credentials', j('aws_secret_access_key = ', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9sd8fKq2')],
  'gcp-service-account-key': ['sa.json', j('{"type": "service_account", "project_id": "p", "private_key": "-----BEGIN ', 'PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ\\n"}')],
  'gcp-api-key': ['app/env.js', j('const key = "AIza', 'SyD1x2y3z4A5B6C7D8E9F0g1h2i3j4k5l6m"')],
  'github-token': ['app/.git-credentials', j('https://x:ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8@github.com')],
  'gitlab-token': ['ci.sh', j('TOKEN=glpat-', 'Ab3dEf6hIj9kLm2nOp5q')],
  'slack-token': ['bot.py', j('token = "xoxb-', '1234567890-0987654321-AbCdEfGhIjKlMnOp"')],
  'slack-webhook': ['notify.sh', j('curl https://hooks.slack.com/services/', 'T01ABCDEF/B02GHIJKL/abcdefghijklmnopqrstuvwx')],
  'stripe-key': ['pay.js', j('stripe("sk_live_', '4eC39HqLyjWDarjtT1zdp7dc")')],
  'npm-token': ['publish.sh', j('NPM_TOKEN=npm_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8')],
  'npmrc-auth-token': ['root/.npmrc', '//registry.npmjs.org/:_authToken=abcdef0123456789abcdef\n'],
  'pypi-token': ['upload.sh', j('TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc', 'CJDk0ZjU2ZTg1LTg0NzctNDk1Yi1hMjk3LWQwMmQ2NDY2NmU1OAACKlsz')],
  'pypirc-password': ['root/.pypirc', '[pypi]\nusername = __token__\npassword = s3cr3t-pass-w0rd\n'],
  'docker-config-auth': ['root/.docker/config.json', '{"auths":{"registry.example.com":{"auth":"dXNlcjpwYXNzd29yZA=="}}}'],
  jwt: ['token.txt', j('eyJhbGciOiJIUzI1NiJ9', '.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U')],
  'url-credentials': ['app/db.conf', 'url = postgres://app:Sup3rS3cret@db.internal:5432/app'],
  'dotenv-file': ['app/.env', 'DATABASE_HOST=db\nAPI_SECRET=abc123\n'],
};

const scan = (path: string, content: string): SecretMatch[] =>
  secretsAnalyzer.analyze({
    path,
    entry: { path, kind: 'file', size: content.length, mode: 0o644, uid: 0, gid: 0 },
    content: Buffer.from(content),
    truncated: false,
  }) ?? [];

test('every detector is well-formed data and finds its example', () => {
  const ids = new Set<string>();
  for (const detector of SECRET_DETECTORS) {
    assert.ok(!ids.has(detector.id), `duplicate ${detector.id}`);
    ids.add(detector.id);
    assert.ok(detector.title && (detector.regex || detector.pathPattern), detector.id);
    assert.ok(detector.keywords?.length || detector.pathPattern, `${detector.id} needs keywords or a path`);
    const example = POSITIVE[detector.id];
    assert.ok(example, `no example for ${detector.id}`);
    const found = scan(...example).map((m) => m.detector);
    assert.ok(found.includes(detector.id), `${detector.id} missed its example (found ${found.join(', ') || 'nothing'})`);
  }
});

test('placeholders, documentation keys, armour lines without a body and binaries are not secrets', () => {
  assert.deepEqual(scan('docs.md', j('example: AKIA', 'IOSFODNN7EXAMPLE')), []);
  assert.deepEqual(scan('pem.h', '#define PEM_STRING "-----BEGIN RSA PRIVATE KEY-----"'), []);
  assert.deepEqual(scan('root/.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'), []);
  assert.deepEqual(scan('README', 'connect with postgres://user:password@localhost/db'), []);
  assert.deepEqual(scan('app/.env.example', 'API_SECRET=\n'), []);
  assert.deepEqual(scan('app/.env', '# nothing set\n'), []);
  assert.deepEqual(scan('bin/tool', `\0\0ELF ${j('AKIA', 'Z7QXRT2LMN4BVC6D')}`), []);
});

test('a one-line key body (Ed25519 PKCS#8) is a key; a file detector reports its file once', () => {
  const ed25519 = j('-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIG', 'x3RT9aVqLzQ5b7mN2kP8wYcH4dJ6fS1uE0vB3nKj', '\n-----END PRIVATE KEY-----\n');
  assert.deepEqual(scan('root/.ssh/id_ed25519', ed25519).map((m) => m.detector), ['private-key']);
  assert.deepEqual(scan('app/.env', 'A=1\nB=2\nC=3\n').map((m) => [m.detector, m.line]), [['dotenv-file', 1]]);
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

test('assignments are judged by value as well as name', () => {
  assert.equal(isSecretName('API_KEY'), true);
  assert.equal(isSecretName('githubToken'), true);
  assert.equal(isSecretName('GPG_KEY'), false);
  assert.equal(isSecretName('PASSWORD_MIN_LENGTH'), false);
  assert.equal(isSecretName('TOKEN_FILE'), false);
  assert.equal(judgeAssignment('PASSWORD_MIN_LENGTH', '12'), undefined);
  assert.equal(judgeAssignment('DB_PASSWORD', '$DB_PASSWORD'), undefined);
  assert.equal(judgeAssignment('API_TOKEN', '/run/secrets/token'), undefined);
  assert.equal(judgeAssignment('FEATURE_SECRET', 'true'), undefined);
  assert.equal(judgeAssignment('NODE_ENV', 'production'), undefined);
  assert.equal(judgeAssignment('DB_PASSWORD', 'hunter2hunter2')?.severity, 'error');
  assert.equal(judgeAssignment('ADMIN_PASSWORD', 'changeme')?.severity, 'warning');
  const byFormat = judgeAssignment('SOME_SETTING', j('AKIA', 'Z7QXRT2LMN4BVC6D'));
  assert.equal(byFormat?.reason, 'AWS access key ID');
  assert.equal(byFormat?.redacted, 'AKIA****************');
});
