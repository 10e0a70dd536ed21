import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSecretName, judgeAssignment } from './names.js';

const j = (...parts: string[]): string => parts.join('');

test('secret names', () => {
  for (const name of [
    'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'GITHUB_TOKEN', 'npm_token', 'DB_PASSWORD', 'dbPassword', 'openai_api_key',
    'OPENAI_APIKEY', 'SECRET_KEY_BASE', 'JWT_SECRET', 'PRIVATE_KEY', 'SSH_KEY', 'APP_KEY', 'MYSQL_ROOT_PASS', 'REDIS_PWD',
    'BASIC_AUTH', 'CLIENT_SECRET', 'SIGNING_KEY', 'GOOGLE_CREDENTIALS', 'SESSION_KEY', 'api-key', 'githubToken',
  ])
    assert.ok(isSecretName(name), name);
  for (const name of [
    'GPG_KEY', 'GPG_KEYS', 'NGINX_PGP_KEY', 'PASSWORD_MIN_LENGTH', 'DB_PASSWORD_FILE', 'TOKEN_URL', 'SECRET_NAME', 'PWD', 'KEY',
    'DOCKER_USERNAME', 'PASS_THROUGH', 'CACHE_KEY', 'PUBLIC_KEY', 'KEYSERVER', 'NODE_VERSION', 'RABBITMQ_PGP_KEY_ID',
    'SECRET_KEY_BASE_DUMMY', 'TOKEN_ENDPOINT', 'AUTH_TYPE', 'MONKEY', 'TOKEN_FILE', 'NEXT_PUBLIC_API_KEY', 'TOKEN_STORE',
    'DOCKER_CREDENTIAL_HELPER', 'MAX_TOKENS',
  ])
    assert.ok(!isSecretName(name), name);
});

test('assignments are judged by value as well as name', () => {
  assert.equal(judgeAssignment('PASSWORD_MIN_LENGTH', '12'), undefined);
  assert.equal(judgeAssignment('DB_PASSWORD', '$DB_PASSWORD'), undefined);
  assert.equal(judgeAssignment('DB_PASSWORD', '""'), undefined);
  assert.equal(judgeAssignment('API_TOKEN', '/run/secrets/token'), undefined);
  assert.equal(judgeAssignment('FEATURE_SECRET', 'true'), undefined);
  assert.equal(judgeAssignment('NODE_ENV', 'production'), undefined);
  assert.deepEqual(judgeAssignment('DB_PASSWORD', '"hunter2hunter2"'), { severity: 'error', reason: 'a value under a secret name' });
  assert.equal(judgeAssignment('ADMIN_PASSWORD', 'changeme')?.severity, 'warning');
  assert.equal(judgeAssignment('ADMIN_PASSWORD', 'admin')?.reason, 'a default or placeholder credential');
  assert.equal(judgeAssignment('PIN_SECRET', 'a1b')?.reason, 'a short value under a secret name');
  const byFormat = judgeAssignment('SOME_SETTING', j('AKIA', 'Z7QXRT2LMN4BVC6D'));
  assert.equal(byFormat?.reason, 'AWS access key ID');
  assert.equal(byFormat?.format?.id, 'aws-access-key-id');
  assert.equal(byFormat?.severity, 'error');
});
