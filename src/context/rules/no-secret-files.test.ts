import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { analyzeContext } from '../analyze.js';
import { makeTree, removeTree, type TreeNode } from '../test-support/tree.js';
import { testRule } from '../../../test/support/rule-tester.js';
import { noSecretFiles } from './no-secret-files.js';

testRule(noSecretFiles);

const roots: string[] = [];
after(() => roots.forEach(removeTree));
function secretFindings(nodes: Record<string, TreeNode>) {
  const root = makeTree(nodes);
  roots.push(root);
  return { root, findings: analyzeContext(root).findings.filter((f) => f.ruleId === 'context/no-secret-files') };
}

// Test fixtures only: these are not real keys or tokens.
const FAKE_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nTEST-FIXTURE-NOT-A-KEY\n-----END OPENSSH PRIVATE KEY-----\n';
const FAKE_CERT = '-----BEGIN CERTIFICATE-----\nTEST-FIXTURE\n-----END CERTIFICATE-----\n';

test('a secret a COPY takes is an error at the COPY; one only in the context is a warning at the file', () => {
  const { root, findings } = secretFindings({
    'Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY src/ ./src/\n',
    'src/.env': 'API_KEY=test-fixture\n',
    '.env.production': 'DB_PASSWORD=test-fixture\n',
    '.dockerignore': '.git\n',
  });
  const byFile = new Map(findings.map((f) => [JSON.stringify(f.location), f]));
  const copied = byFile.get(JSON.stringify({ file: `${root}/Dockerfile`, line: 3 }));
  assert.equal(copied?.severity, 'error');
  assert.match(copied!.message, /COPY copies src\/\.env \(environment file\) into the image/);
  assert.equal(copied?.cost?.bytes, 'API_KEY=test-fixture\n'.length);
  const contextOnly = byFile.get(JSON.stringify({ file: `${root}/.env.production` }));
  assert.equal(contextOnly?.severity, 'warning');
  assert.equal(findings.length, 2);
});

test('content decides where the name is not enough', () => {
  const { findings } = secretFindings({
    'Dockerfile': 'FROM x\nCOPY . .\n',
    'certs/ca.pem': FAKE_CERT,
    'certs/server.key': FAKE_KEY,
    'deploy/id_ed25519': 'fixture',
    'certs/not-a-key.pem': '# -----BEGIN RSA PRIVATE KEY----- is how a key starts\n',
    'c/.npmrc': '//registry.example/:_authToken=${NPM_TOKEN}\n',
    'deploy/id_ed25519.pub': 'ssh-ed25519 AAAA fixture',
    'a/.npmrc': 'registry=https://registry.example\n',
    'b/.npmrc': '//registry.example/:_authToken=test-fixture\n',
    'home/.aws/credentials': '[default]\naws_secret_access_key = fixture\n',
    'home/.kube/config': 'users:\n- name: x\n  user:\n    token: fixture\n',
    'keys/store.p12': 'binary',
    '.env.example': 'API_KEY=\n',
    '.dockerignore': '.git\n',
  });
  const flagged = findings.map((f) => f.message.split(' ')[2]).sort();
  assert.deepEqual(flagged, [
    'b/.npmrc',
    'certs/server.key',
    'deploy/id_ed25519',
    'home/.aws/credentials',
    'home/.kube/config',
    'keys/store.p12',
  ]);
});

test('the credential kinds a Dockerfile COPY is judged by are found in the context too, and ignored by kind', () => {
  const { root, findings } = secretFindings({
    'Dockerfile': 'FROM x\nCOPY app.js .\n',
    'app.js': '1',
    'deploy/prod.env': 'DB_PASSWORD=test-fixture\n',
    'deploy/sample.env': 'DB_PASSWORD=\n',
    'home/.pgpass': 'db:5432:app:app:test-fixture\n',
    'home/.ssh/deploy': FAKE_KEY,
    'home/.ssh/known_hosts': 'github.com ssh-ed25519 AAAA\n',
    'config/secrets.yml': 'production:\n  secret_key_base: fixture\n',
    '.dockerignore': '.git\n',
  });
  assert.deepEqual(findings.map((f) => f.location).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [
    { file: `${root}/config/secrets.yml` },
    { file: `${root}/deploy/prod.env` },
    { file: `${root}/home/.pgpass` },
    { file: `${root}/home/.ssh/deploy` },
  ]);
  const advice = analyzeContext(root).advice;
  assert.deepEqual(advice?.entries.slice().sort(), ['!deploy/sample.env', '**/*.env', '**/.pgpass', 'config/secrets.yml', 'home/.ssh/deploy']);
});

test('a secret only a builder stage copies is a warning at the COPY that names the stage; the shipped stage copying it is an error', () => {
  const builder = secretFindings({
    'Dockerfile': 'FROM node:20 AS deps\nCOPY . .\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /app/dist /app\n',
    'home/.ssh/deploy': FAKE_KEY,
    '.dockerignore': '.git\n',
  });
  assert.deepEqual(builder.findings.map((f) => [f.severity, f.messageId, 'line' in f.location && f.location.line]), [['warning', 'copiedToBuilder', 2]]);
  assert.match(builder.findings[0]!.message, /into a build stage that does not ship/);
  const shipped = secretFindings({ 'Dockerfile': 'FROM node:20 AS base\nCOPY . .\nFROM base\nRUN npm ci\n', 'home/.ssh/deploy': FAKE_KEY, '.dockerignore': '.git\n' });
  assert.deepEqual(shipped.findings.map((f) => [f.severity, f.messageId]), [['error', 'copied']]);
});

test("a key or credentials file of vendored code or test data is that code's fixture, not the project's secret", () => {
  const { root, findings } = secretFindings({
    'Dockerfile': 'FROM golang:1.23\nCOPY . /src\n',
    'vendor/github.com/minio/minio-go/v7/pkg/credentials/credentials.json': '{"AccessKeyId": "accessKey", "SecretAccessKey": "secret"}\n',
    'node_modules/tls-lib/test/key.pem': FAKE_KEY,
    'test/integration/testdata/pem/key.pem': FAKE_KEY,
    'deploy/id_rsa': FAKE_KEY,
    '.dockerignore': '.git\n',
  });
  assert.deepEqual(findings.map((f) => f.message.split(' ')[2]), ['deploy/id_rsa']);
  assert.deepEqual(findings[0]!.location, { file: `${root}/Dockerfile`, line: 2 });
});
