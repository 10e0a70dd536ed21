import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRule } from '../../../test/support/rule-tester.js';
import { TOKEN_FORMATS } from '../../secrets/tokens.js';
import { lint } from '../lint.js';
import { noInlineCredentials } from './no-inline-credentials.js';

testRule(noInlineCredentials, {
  valid: [
    'FROM debian:12\nRUN curl -u "$USER:$PASS" https://example.com/file -o /tmp/file\n',
    'FROM debian:12\nRUN git clone "https://oauth2:${GITLAB_TOKEN}@gitlab.example.com/team/app.git"\n',
    'FROM debian:12\nRUN echo "$DOCKER_PASSWORD" | docker login --password-stdin -u bot registry.example.com\n',
    'FROM debian:12\nRUN adduser --disabled-password --gecos "" app\n',
    'FROM debian:12\nRUN sudo -u app whoami && docker run -u 1000:1000 alpine id\n',
    'FROM python:3.12\nRUN SECRET_KEY=build-time-dummy python manage.py collectstatic --no-input\n',
    'FROM python:3.12\nRUN DJANGO_SECRET_KEY="$(cat /run/secrets/django)" python manage.py migrate\n',
    'FROM node:20\nRUN npm config set //registry.npmjs.org/:_authToken "${NPM_TOKEN}"\n',
    'FROM debian:12\nRUN mysql --password-file=/run/secrets/db -e "select 1"\n',
  ],
  invalid: [
    { description: 'a GitHub token', code: 'FROM debian:12\nRUN git clone https://ghp_abcdefghijklmnopqrstuvwxyz0123456789ab@github.com/o/r.git\n', findings: [{ messageId: 'token', line: 2, column: 23, endLine: 2, endColumn: 65 }] },
    { description: 'curl -u user:password', code: 'FROM debian:12\nRUN curl -fsSL -u admin:hunter2x https://nexus.example.com/repo/app.jar -o /app.jar\n', findings: [{ messageId: 'token', message: 'A password in `-u` written in RUN: it stays in the image history and the Dockerfile — use `RUN --mount=type=secret` instead', line: 2, column: 19, endLine: 2, endColumn: 33 }] },
    { description: 'wget --password', code: 'FROM debian:12\nRUN wget --user=bot --password=Sup3rS3cret https://example.com/x\n', findings: [{ messageId: 'token', message: 'A `--password` value written in RUN: it stays in the image history and the Dockerfile — use `RUN --mount=type=secret` instead', line: 2, column: 21, endLine: 2, endColumn: 43 }] },
    { description: 'a secret option with its value in the next word', code: 'FROM debian:12\nRUN vault login --token s.AbCdEf123456\n', findings: [{ messageId: 'token', line: 2, column: 25, endLine: 2, endColumn: 39 }] },
    { description: 'a secret variable on the command', code: 'FROM golang:1.23\nRUN GITHUB_TOKEN=abc123def456 go mod download\n', findings: [{ messageId: 'token', message: '`GITHUB_TOKEN` written in RUN: it stays in the image history and the Dockerfile — use `RUN --mount=type=secret` instead', line: 2, column: 5, endLine: 2, endColumn: 30 }] },
    { description: 'names accepted by the shared name table', code: 'FROM debian:12\nRUN DB_PWD=s3cr3tpw MY_PASSPHRASE=hunter22 SIGNING_KEY=abcdef12 ./migrate\n', findings: [{ messageId: 'token', line: 2, column: 5, endLine: 2, endColumn: 20 }] },
    { description: 'export', code: 'FROM debian:12\nRUN export API_KEY=f00ba7f00ba7 && ./deploy.sh\n', findings: [{ messageId: 'token', line: 2, column: 12, endLine: 2, endColumn: 32 }] },
    { description: 'in a heredoc', code: 'FROM node:20\nRUN <<EOF\necho "_auth=dXNlcjpwYXNzd29yZA==" >> .npmrc\nnpm ci\nEOF\n', findings: [{ messageId: 'token', line: 3, column: 7, endLine: 3, endColumn: 33 }] },
    { description: 'in a builder stage too', code: 'FROM node:20 AS build\nRUN npm config set //r.example.com/:_authToken=abcdef0123456789\nFROM scratch\n', findings: [{ messageId: 'token', line: 2, column: 37, endLine: 2, endColumn: 64 }] },
  ],
});

test('every token format of the shared table is found in a RUN (the quick pre-checks miss none)', () => {
  for (const format of TOKEN_FORMATS) {
    const findings = lint(`FROM debian:12\nRUN cat > /tmp/x <<'X'\n${format.example.secret}\nX\n`, { rules: [noInlineCredentials] }).findings;
    assert.equal(findings.length, 1, format.id);
    assert.ok(findings[0]!.message.startsWith(format.description.replace(/^./, (c) => c.toUpperCase())), format.id);
  }
});

test('a stand-in written to get a build step through is an info that says so (it lives for one command); a real-looking value stays an error', () => {
  const judge = (code: string) => lint(code, { rules: [noInlineCredentials] }).findings.map((f) => [f.severity, f.messageId]);
  assert.deepEqual(judge('FROM ruby:3.3\nRUN APP_SECRET_TOKEN=secret bundle exec rake assets:precompile\n'), [['info', 'placeholder']]);
  assert.deepEqual(judge('FROM python:3.12\nRUN SECRET_KEY=build-key ./manage.py collectstatic\n'), [['info', 'placeholder']]);
  assert.deepEqual(judge('FROM debian:12\nRUN mysql --password admin -e "select 1"\n'), [['info', 'placeholder']]);
  assert.deepEqual(judge('FROM python:3.12\nRUN SECRET_KEY=Xk9q2LmZ0pR7 ./manage.py collectstatic\n'), [['error', 'token']]);
  const [finding] = lint('FROM python:3.12\nRUN SECRET_KEY=build-key ./manage.py collectstatic\n', { rules: [noInlineCredentials] }).findings;
  assert.match(finding!.message, /^`SECRET_KEY` set to a stand-in value in RUN, not a real credential, but it still lands in the image history/);
});
