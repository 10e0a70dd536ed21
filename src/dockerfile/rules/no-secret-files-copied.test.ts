import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRule } from '../../../test/support/rule-tester.js';
import { lint } from '../lint.js';
import type { Instruction } from '../parse/index.js';
import { noSecretFilesCopied, type CopiedFilesResolver } from './no-secret-files-copied.js';

testRule(noSecretFilesCopied, {
  valid: [
    'FROM alpine:3.20\nCOPY . .\n',
    'FROM alpine:3.20\nCOPY .env.sample .env.template config/app.env.example /app/\n',
    'FROM alpine:3.20\nCOPY ca.pem cert.pem server.crt nginx_signing.key /etc/ssl/\n',
    'FROM alpine:3.20\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n',
    'FROM alpine:3.20\nADD https://example.com/.env /tmp/\n',
    'FROM alpine:3.20\nCOPY docker/entrypoint.sh /\nCOPY <<EOF /app/.env\nPORT=80\nEOF\n',
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nCOPY .env /app/\n', findings: [{ messageId: 'maybeSecret', message: 'COPY copies `.env`, which may be an environment file with credentials, into the image: if it holds credentials they stay in the layer; use a secret mount or inject it at run time', line: 2, column: 6, endLine: 2, endColumn: 10 }] },
    { code: 'FROM alpine:3.20\nCOPY prod.env .aws/ /app/\n', findings: [{ messageId: 'maybeSecret', line: 2, column: 6, endLine: 2, endColumn: 14 }, { messageId: 'secretFile', line: 2, column: 15, endLine: 2, endColumn: 20 }] },
    { code: 'FROM alpine:3.20\nCOPY ./home/.ssh /root/.ssh\n', findings: [{ messageId: 'maybeSecret', line: 2, column: 6, endLine: 2, endColumn: 17 }] },
    { code: 'FROM alpine:3.20\nCOPY .docker/config.json /root/.docker/\n', findings: [{ messageId: 'maybeSecret', line: 2, column: 6, endLine: 2, endColumn: 25 }] },
    { code: 'FROM alpine:3.20\nCOPY certs/*.p12 /certs/\n', description: 'a glob of keystores', findings: [{ messageId: 'secretFile', line: 2, column: 6, endLine: 2, endColumn: 17 }] },
    { code: 'FROM alpine:3.20\nARG KEYFILE=deploy-key.pem\nCOPY $KEYFILE /k\n', findings: [{ messageId: 'maybeSecret', line: 3, column: 6, endLine: 3, endColumn: 14 }] },
    { code: 'FROM alpine:3.20\nCOPY gcp-service-account.json credentials.json /secrets/\n', findings: [{ messageId: 'maybeSecret', line: 2, column: 6, endLine: 2, endColumn: 30 }, { messageId: 'secretFile', line: 2, column: 31, endLine: 2, endColumn: 47 }] },
  ],
});

test('a build context resolver lets a broad COPY be judged file by file', () => {
  const seen: string[] = [];
  const resolver: CopiedFilesResolver = {
    filesCopiedBy(source: string, instruction: Instruction) {
      seen.push(`${instruction.keyword} ${source}`);
      return source === '.' ? ['src/index.js', 'config/.env.production', 'package.json'] : [];
    },
  };
  const { findings } = lint('FROM node:20-slim\nCOPY package.json ./\nCOPY . .\n', {
    rules: [noSecretFilesCopied],
    settings: { [noSecretFilesCopied.meta.id]: { options: { context: resolver } } },
  });
  assert.deepEqual(seen, ['COPY package.json', 'COPY .']);
  assert.deepEqual(
    findings.map((f) => f.message),
    ['COPY copies `config/.env.production`, which may be an environment file with credentials, into the image: if it holds credentials they stay in the layer; use a secret mount or inject it at run time'],
  );
});

test('an error only for a credential by name that ships; a builder stage and a name only sometimes secret are warnings', () => {
  const judge = (code: string, target?: string) =>
    lint(code, { rules: [noSecretFilesCopied], ...(target !== undefined && { target }) }).findings.map((f) => [f.severity, f.messageId]);
  const code = 'FROM node:20 AS build\nCOPY id_rsa /root/.ssh/id_rsa\nRUN make\nFROM alpine:3.20\nCOPY .npmrc /app/\nCOPY --from=build /out /app\n';
  assert.deepEqual(judge(code), [
    ['warning', 'builderOnly'],
    ['warning', 'maybeSecret'],
  ]);
  assert.deepEqual(judge(code, 'build'), [
    ['error', 'secretFile'],
    ['warning', 'builderOnly'],
  ]);
});
