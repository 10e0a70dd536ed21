import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSecretValue, isHarmlessValue, isSecretName, matchSecretFile, SECRET_VALUE_DETECTORS } from './secrets.js';

test('secret names', () => {
  for (const name of [
    'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'GITHUB_TOKEN', 'npm_token', 'DB_PASSWORD', 'dbPassword', 'openai_api_key',
    'OPENAI_APIKEY', 'SECRET_KEY_BASE', 'JWT_SECRET', 'PRIVATE_KEY', 'SSH_KEY', 'APP_KEY', 'MYSQL_ROOT_PASS', 'REDIS_PWD',
    'BASIC_AUTH', 'CLIENT_SECRET', 'SIGNING_KEY', 'GOOGLE_CREDENTIALS',
  ])
    assert.ok(isSecretName(name), name);
  for (const name of [
    'GPG_KEY', 'GPG_KEYS', 'NGINX_PGP_KEY', 'PASSWORD_MIN_LENGTH', 'DB_PASSWORD_FILE', 'TOKEN_URL', 'SECRET_NAME', 'PWD', 'KEY',
    'DOCKER_USERNAME', 'PASS_THROUGH', 'CACHE_KEY', 'PUBLIC_KEY', 'KEYSERVER', 'NODE_VERSION', 'RABBITMQ_PGP_KEY_ID',
    'SECRET_KEY_BASE_DUMMY', 'TOKEN_ENDPOINT', 'AUTH_TYPE', 'MONKEY',
  ])
    assert.ok(!isSecretName(name), name);
});

test('harmless values', () => {
  for (const value of ['', '12', '1.5', 'true', 'OFF', 'dummy', 'changeme', '<your token>', 'xxxx', '/run/secrets/db', './key', 'C:\\keys'])
    assert.ok(isHarmlessValue(value), value);
  for (const value of ['hunter2', 'abc123', 'sk_live_x', 'secret']) assert.ok(!isHarmlessValue(value), value);
});

test('secret values under any name', () => {
  const samples: Record<string, string> = {
    'private-key': '-----BEGIN RSA PRIVATE KEY-----',
    'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
    'github-token': 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB',
    'gitlab-token': 'glpat-abcdefghij0123456789',
    'slack-token': 'xoxb-123456789012-abcdefghij',
    'slack-webhook': 'https://hooks.slack.com/services/T000/B000/XXXX',
    'stripe-key': 'sk_live_0123456789abcdefABCD',
    'google-api-key': 'AIzaSyA-0123456789abcdefghijklmnopqrstu',
    'npm-token': 'npm_0123456789abcdefghijklmnopqrstuvwxyz',
    'pypi-token': `pypi-AgEIcHlwaS5vcmc${'x'.repeat(60)}`,
    'docker-hub-token': 'dckr_pat_0123456789abcdefghijk',
    'huggingface-token': 'hf_0123456789abcdefghijklmnopqrstuvwxyz',
    'anthropic-key': `sk-ant-api03-${'a'.repeat(40)}`,
    'openai-key': `sk-proj-${'a'.repeat(24)}T3BlbkFJ${'b'.repeat(24)}`,
    'sendgrid-key': `SG.${'a'.repeat(22)}.${'b'.repeat(43)}`,
    jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'url-credentials': 'postgres://app:s3cret@db:5432/app',
  };
  assert.deepEqual(Object.keys(samples).sort(), SECRET_VALUE_DETECTORS.map((d) => d.id).sort(), 'every detector has a sample');
  for (const [id, sample] of Object.entries(samples)) assert.equal(findSecretValue(`x ${sample} y`)?.id, id, id);
  for (const text of ['https://example.com/a:b', 'postgres://app:${PASSWORD}@db/app', 'redis://redis:6379', 'sk_test_abc', 'AKIA-not-a-key'])
    assert.equal(findSecretValue(text), undefined, text);
});

test('secret files', () => {
  const cases: Record<string, string | undefined> = {
    '.env': 'dotenv',
    'config/.env.production': 'dotenv',
    'prod.env': 'dotenv',
    '.env.example': undefined,
    '.envrc': undefined,
    'id_ed25519': 'ssh-private-key',
    'id_ed25519.pub': undefined,
    'home/.ssh/known_hosts': 'ssh-private-key',
    'tls/privkey.pem': 'private-key-file',
    'fullchain.pem': undefined,
    'ca.pem': undefined,
    'nodesource.gpg.key': undefined,
    'jenkins.io-2026.key': undefined,
    'server.key': 'private-key-file',
    'certs/tls.key': 'private-key-file',
    'config/master.key': 'private-key-file',
    'server-key.pem': 'private-key-file',
    'ca-key.pem': 'private-key-file',
    'pubkey.pem': undefined,
    'cert.pem': undefined,
    'keystore.jks': 'keystore',
    'truststore.jks': undefined,
    '.npmrc': 'package-registry-credentials',
    '.aws/credentials': 'cloud-credentials',
    'deploy/.docker/config.json': 'cloud-credentials',
    '.docker/entrypoint.sh': undefined,
    'config/secrets.yml': 'application-secrets',
    'key': undefined,
    '.': undefined,
  };
  for (const [path, id] of Object.entries(cases)) assert.equal(matchSecretFile(path)?.id, id, path);
});
