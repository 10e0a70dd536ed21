import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRule } from '../../../test/support/rule-tester.js';
import { lint } from '../lint.js';
import { noSecretsInArgEnv } from './no-secrets-in-arg-env.js';

testRule(noSecretsInArgEnv, {
  valid: [
    'FROM debian:bullseye\nRUN foobar\n',
    'ARG foobar\nFROM debian:bullseye\nRUN foobar\n',
    'FROM debian:bullseye\nENV foobar=barfoo\nRUN foobar\n',
    'FROM php:8.3\nENV GPG_KEYS="1198C0117593497A5EC5C199286AF1F9897469DC 39B641343D8C104B2B146DC3F9C39DC0B9698544"\n',
    'FROM alpine:3.20\nENV DB_PASSWORD=""\nARG ADMIN_PASSWORD=changeme_not\n'.replace('changeme_not', 'changeme'),
    'FROM ruby:3.3\nENV SECRET_KEY_BASE_DUMMY=1 RAILS_MASTER_KEY_PATH=/run/secrets/master_key\n',
    'FROM alpine:3.20\nENV TOKEN_URL=https://auth.example.com/token SECRET_NAME=db-creds DOCKER_USERNAME=ci\n',
    'FROM alpine:3.20\nENV REDIS_URL=redis://redis:6379/0 API_URL=https://$HOST/api\n',
    'FROM alpine:3.20\nENV DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n',
    'FROM alpine:3.20\nENV PWD=/app PASSWORD_ENABLED=true\n',
    { code: 'FROM alpine:3.20\nENV AWS_KEY_ID_FOR_DOCS=AKIAIOSFODNN7EXAMPLE\n', description: "AWS's documentation key" },
    { code: 'FROM node:20-slim\nARG NEXT_PUBLIC_API_KEY=pk_live_abc123\n', description: 'public by design: the browser bundle carries it' },
    { code: 'FROM alpine:3.20\nENV API_TOKEN=your-token-here APP_SECRET=build-time-dummy\n' },
  ],
  invalid: [
    { code: 'ARG AWS_ACCESS_KEY_ID\nFROM debian:bullseye\nRUN foobar\n', description: 'a global ARG gets no fix', noFix: 'a global ARG is visible to every FROM: moving it into a secret mount needs a RUN to mount it in', findings: [{ messageId: 'buildArg', line: 1, column: 5, endLine: 1, endColumn: 22 }] },
    { code: 'ARG openai_api_key\nFROM debian:bullseye\n', noFix: 'a global ARG, and no RUN uses it: there is no step to mount the secret into', findings: [{ messageId: 'buildArg', line: 1, column: 5, endLine: 1, endColumn: 19 }] },
    { code: 'FROM debian:bullseye\nENV AWS_ACCESS_KEY_ID=abcdefghijklmnopqrstuvwxyz\nRUN foobar\n', noFix: 'ENV secrets are read at run time: they must be injected at `docker run`, not mounted in the build', findings: [{ messageId: 'literal', line: 2, column: 5, endLine: 2, endColumn: 49 }] },
    { code: 'FROM debian:bullseye\nENV my_password=abcdefghijklmnopqrstuvwxyz\n', noFix: 'ENV secrets are read at run time: they must be injected at `docker run`, not mounted in the build', findings: [{ messageId: 'literal', line: 2, column: 5, endLine: 2, endColumn: 43 }] },
    { code: 'FROM alpine:3.20\nENV NOT_SUSPICIOUS=AKIAZ7QXRT2LMN4BVC6D\n', description: 'a key format is a secret under any name', noFix: 'ENV secrets are read at run time: they must be injected at `docker run`, not mounted in the build', findings: [{ messageId: 'value', line: 2, column: 5, endLine: 2, endColumn: 40 }] },
    { code: 'FROM alpine:3.20\nARG GH=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n', noFix: 'no RUN uses the ARG: there is no step to mount the secret into, and a written value must be rotated', findings: [{ messageId: 'value', line: 2, column: 5, endLine: 2, endColumn: 50 }] },
    { code: 'FROM alpine:3.20\nENV SESSION="eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"\n', noFix: 'ENV secrets are read at run time: they must be injected at `docker run`, not mounted in the build', findings: [{ messageId: 'value', line: 2, column: 5, endLine: 2, endColumn: 107 }] },
    {
      code: 'FROM alpine:3.20\nARG DB_PASSWORD=hunter2-but-longer\nRUN --mount=type=cache,target=/c ./migrate\n',
      output: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/c --mount=type=secret,id=DB_PASSWORD,env=DB_PASSWORD ./migrate\n',
      findings: [{ messageId: 'literal', line: 2, column: 5, endLine: 2, endColumn: 35 }],
    },
    {
      code: 'FROM alpine:3.20\nARG NPM_TOKEN\nRUN echo "//r/:_authToken=${NPM_TOKEN}" > .npmrc\nARG NPM_TOKEN\nRUN npm ci\n',
      output:
        'FROM alpine:3.20\nRUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo "//r/:_authToken=${NPM_TOKEN}" > .npmrc\nRUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN npm ci\n',
      description: 'a redeclared ARG ends the reach of the first one; each gets its own mounts',
      findings: [
        { messageId: 'buildArg', line: 2, column: 5, endLine: 2, endColumn: 14 },
        { messageId: 'buildArg', line: 4, column: 5, endLine: 4, endColumn: 14 },
      ],
    },
    {
      code: 'FROM alpine:3.20\nARG API_TOKEN\nENV API_TOKEN=$API_TOKEN\n',
      noFix: 'the ENV copies a build argument: the value comes from outside, so there is nothing to move into a secret mount here',
      findings: [
        { messageId: 'buildArg', line: 2, column: 5, endLine: 2, endColumn: 14 },
        { messageId: 'copied', line: 3, column: 5, endLine: 3, endColumn: 25 },
      ],
    },
    {
      code: 'FROM alpine:3.20\nENV KEY="-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQ\\n-----END OPENSSH PRIVATE KEY-----"\n',
      description: 'a key with escaped line breaks',
      noFix: 'ENV secrets are read at run time: they must be injected at `docker run`, not mounted in the build', findings: [{ messageId: 'value', line: 2, column: 5, endLine: 2, endColumn: 161 }],
    },
    { code: 'FROM alpine:3.20\nENV SSH_KEY=abc123longvalue STRIPE_KEY=rk_test_x\n', noFix: 'ENV secrets are read at run time: they must be injected at `docker run`, not mounted in the build', findings: [{ messageId: 'literal', line: 2, column: 5, endLine: 2, endColumn: 28 }, { messageId: 'literal', line: 2, column: 29, endLine: 2, endColumn: 49 }] },
    { code: 'FROM python:3.12\nENV SECRET_KEY=build-key APP_SECRET_TOKEN=secret\n', noFix: 'ENV secrets are read at run time: they must be injected at `docker run`, not mounted in the build', findings: [{ messageId: 'placeholder', line: 2, column: 5, endLine: 2, endColumn: 25 }, { messageId: 'placeholder', line: 2, column: 26, endLine: 2, endColumn: 49 }] },
    { code: 'FROM python:3.12\nENV SECRET_KEY=build-key-8f3kQ2x\n', description: 'a stand-in word with random text is a credential', noFix: 'ENV secrets are read at run time: they must be injected at `docker run`, not mounted in the build', findings: [{ messageId: 'literal', line: 2, column: 5, endLine: 2, endColumn: 33 }] },
  ],
});

test('stand-in values are warnings that say they still land in the image; real-looking values stay errors', () => {
  const judge = (code: string) => lint(code, { rules: [noSecretsInArgEnv] }).findings.map((f) => [f.severity, f.messageId]);
  assert.deepEqual(judge('FROM a:1\nARG NEXT_PRIVATE_ENCRYPTION_KEY="CAFEBABE"\nENV GF_SECURITY_ADMIN_PASSWORD=admin\n'), [
    ['warning', 'placeholder'],
    ['warning', 'placeholder'],
  ]);
  assert.deepEqual(judge('FROM a:1\nENV DB_PASSWORD=Xk9-fixture-pw\nARG API_KEY=sk_8Hq2LmZ0pR\n'), [
    ['error', 'literal'],
    ['error', 'literal'],
  ]);
  const [finding] = lint('FROM a:1\nENV SECRET_KEY=build-key\n', { rules: [noSecretsInArgEnv] }).findings;
  assert.match(finding!.message, /stand-in value, not a real secret, but it still lands in the image config/);
});

test('the fix says what the build must pass instead', () => {
  const describe = (code: string) => lint(code, { rules: [noSecretsInArgEnv] }).findings.map((f) => f.fix?.description);
  assert.deepEqual(describe('FROM a:1\nARG GITHUB_TOKEN\n'), ['remove ARG GITHUB_TOKEN: no RUN after it can read it']);
  assert.deepEqual(describe('FROM a:1\nARG GITHUB_TOKEN\nRUN ./release\n'), [
    'remove ARG GITHUB_TOKEN and mount it as a build secret in the RUN after it (build with `--secret id=GITHUB_TOKEN,env=GITHUB_TOKEN`; needs Dockerfile frontend 1.10 or later)',
  ]);
});

test('an ENV copying a secret ARG is reported only in the stages the shipped image is built from; the ARG is reported in any stage', () => {
  const messages = (code: string) => lint(code, { rules: [noSecretsInArgEnv] }).findings.map((f) => [f.messageId, 'line' in f.location ? f.location.line : undefined]);
  const builder = 'FROM node:20 AS builder\nARG SENTRY_AUTH_TOKEN\nENV SENTRY_AUTH_TOKEN=$SENTRY_AUTH_TOKEN\nRUN npm run build\n';
  assert.deepEqual(messages(`${builder}FROM node:20-slim AS runner\nCOPY --from=builder /app /app\n`), [['buildArg', 2]]);
  assert.deepEqual(messages(`${builder}FROM builder AS runner\nCMD ["node", "server.js"]\n`), [['buildArg', 2], ['copied', 3]]);
});
