import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePrivateKey } from '../../test/support/tar-sample.js';
import { SECRET_FILE_KINDS, secretFileByName, secretFileCandidate, secretInContent } from './files.js';

test('names alone: what a COPY source is judged by', () => {
  const cases: Record<string, string | undefined> = {
    '.env': 'dotenv',
    'config/.env.production': 'dotenv',
    'prod.env': 'dotenv',
    '.env.example': undefined,
    'config/app.env.sample': undefined,
    '.envrc': undefined,
    'id_ed25519': 'ssh-private-key',
    'id_ed25519.pub': undefined,
    'home/.ssh': 'ssh-directory',
    'home/.ssh/deploy': 'ssh-directory',
    'home/.ssh/known_hosts': undefined,
    'home/.ssh/id_rsa.pub': undefined,
    'tls/privkey.pem': 'private-key',
    'fullchain.pem': undefined,
    'ca.pem': undefined,
    'nodesource.gpg.key': undefined,
    'jenkins.io-2026.key': undefined,
    'server.key': 'private-key',
    'certs/tls.key': 'private-key',
    'config/master.key': 'private-key',
    'server-key.pem': 'private-key',
    'ca-key.pem': 'private-key',
    'putty.ppk': 'private-key',
    'pubkey.pem': undefined,
    'cert.pem': undefined,
    'keystore.jks': 'keystore',
    'truststore.jks': undefined,
    '.npmrc': 'npmrc',
    '.pypirc': 'pypirc',
    '_netrc': 'netrc',
    '.git-credentials': 'git-credentials',
    '.pgpass': 'database-credentials',
    '.aws/credentials': 'cloud-credentials',
    '.aws': 'cloud-credentials',
    'home/.kube/config': 'kubeconfig',
    'home/.kube/cache/discovery/x.json': undefined,
    'deploy/.docker/config.json': 'docker-config',
    '.docker/entrypoint.sh': undefined,
    'gcp-service-account.json': 'gcp-service-account',
    'credentials.json': 'cloud-credentials',
    'client_secret_123.apps.googleusercontent.com.json': 'cloud-credentials',
    'config/secrets.yml': 'application-secrets',
    'vault.kdbx': 'application-secrets',
    'package.json': undefined,
    'key': undefined,
    '.': undefined,
    '': undefined,
  };
  for (const [path, id] of Object.entries(cases)) assert.equal(secretFileByName(path)?.id, id, path);
});

test('with content: broader candidates, and the content check decides', () => {
  const key = fakePrivateKey('files');
  const confirmed = (path: string, text: string): string | undefined => {
    const kind = secretFileCandidate(path);
    return kind && (!kind.content || secretInContent(kind, text)) ? kind.id : undefined;
  };
  assert.equal(confirmed('certs/ca.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), undefined);
  assert.equal(confirmed('certs/server.pem', key), 'private-key');
  assert.equal(confirmed('certs/server.key', 'not a key'), undefined);
  assert.equal(confirmed('deploy/id_ed25519', key), 'ssh-private-key');
  assert.equal(confirmed('deploy/id_ed25519', 'fixture'), 'ssh-private-key', 'the name is enough');
  assert.equal(confirmed('home/.ssh/deploy', 'fixture'), undefined);
  assert.equal(confirmed('home/.ssh/deploy', key), 'ssh-directory');
  assert.equal(confirmed('certs/fake.key', '-----BEGIN RSA PRIVATE KEY-----\nTEST-FIXTURE\n-----END RSA PRIVATE KEY-----\n'), 'private-key');
  assert.equal(confirmed('src/pem.h.pem', '#define PEM_STRING "-----BEGIN RSA PRIVATE KEY-----"\n'), undefined);
  assert.equal(confirmed('a/.npmrc', 'registry=https://registry.example\n'), undefined);
  assert.equal(confirmed('a/.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'), undefined);
  assert.equal(confirmed('b/.npmrc', '//registry.example/:_authToken=test-fixture-token\n'), 'npmrc');
  assert.equal(confirmed('.env', '# nothing set\nEMPTY=\n'), undefined);
  assert.equal(confirmed('.env', 'A=1\n'), undefined);
  assert.equal(confirmed('.env', 'API_TOKEN=1\n'), 'dotenv');
  // settings only, or credentials left empty, null or to a variable: nothing leaks (solidtime's .env.production)
  assert.equal(confirmed('.env.production', 'APP_NAME=solidtime\nAPP_KEY=\nMAIL_PASSWORD=null\nDB_PASSWORD=${DB_PASSWORD}\nLOG_LEVEL=debug\n'), undefined);
  assert.equal(confirmed('.env.ci', 'APP_KEY=\nPASSPORT_PERSONAL_ACCESS_CLIENT_SECRET="EL5mXp3aF8ITjcwoOXRpbSK7"\n'), 'dotenv');
  assert.equal(confirmed('.kube/config', 'users:\n- name: x\n  user:\n    token: fixture\n'), 'kubeconfig');
  assert.equal(confirmed('.kube/config', 'clusters:\n- cluster:\n    server: https://k8s\n'), undefined);
  assert.equal(confirmed('.docker/config.json', '{"credsStore":"desktop"}'), undefined);
  assert.equal(confirmed('.docker/config.json', '{"auths":{"r.example":{"auth":"dXNlcjpwYXNzd29yZA=="}}}'), 'docker-config');
  assert.equal(confirmed('.netrc', 'machine example.com login bot password s3cr3t-pw\n'), 'netrc');
  assert.equal(confirmed('.pypirc', '[pypi]\nusername = __token__\npassword = ${PYPI_TOKEN}\n'), undefined);
  const serviceAccount = `{"type": "service_account", "private_key": ${JSON.stringify(key)}}`;
  assert.equal(confirmed('deploy/sa.json', serviceAccount), 'gcp-service-account');
  assert.equal(confirmed('deploy/.docker/config.json', serviceAccount), undefined, 'a name decides before a candidate');
  assert.equal(confirmed('package.json', '{"name":"app"}'), undefined);
  assert.equal(confirmed('keys/store.p12', 'binary'), 'keystore');
});

test('every kind is well-formed', () => {
  const ids = new Set<string>();
  for (const kind of SECRET_FILE_KINDS) {
    assert.ok(!ids.has(kind.id), `duplicate ${kind.id}`);
    ids.add(kind.id);
    assert.ok(kind.title && kind.description, kind.id);
    assert.ok(!kind.candidates || kind.content, `${kind.id}: candidates need a content check to confirm them`);
  }
});
