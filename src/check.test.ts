import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkDockerfile, findDockerfiles } from './check.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-check-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('a COPY of .env is reported once, by the context rule that measured the real file', () => {
  const dir = project({ Dockerfile: 'FROM alpine:3.20\nCOPY .env /app/.env\n', '.env': 'TOKEN=abc\n', '.dockerignore': 'node_modules\n' });
  const file = join(dir, 'Dockerfile');
  const { findings } = checkDockerfile(file, 'FROM alpine:3.20\nCOPY .env /app/.env\n', {});
  const secretFindings = findings.filter((f) => f.ruleId.includes('secret'));
  assert.deepEqual(secretFindings.map((f) => f.ruleId), ['context/no-secret-files']);
  assert.equal(secretFindings[0]!.cost?.bytes, 10);
});

test('without the file in the context, the Dockerfile rule still reports the COPY by name', () => {
  const dir = project({ '.dockerignore': 'node_modules\n' });
  const { findings } = checkDockerfile(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\n', {});
  assert.ok(findings.some((f) => f.ruleId === 'dockerfile/no-secret-files-copied'));
});

test('findDockerfiles: every naming convention, in path order, skipping dependency and version-control directories', () => {
  const dir = project({
    'b/Dockerfile': '',
    'a/api.Dockerfile': '',
    'a/Dockerfile.prod': '',
    'a/Dockerfile.prod.dockerignore': '',
    Containerfile: '',
    'node_modules/x/Dockerfile': '',
    '.git/Dockerfile': '',
    '.devcontainer/Dockerfile': '',
  });
  assert.deepEqual(
    findDockerfiles(dir).map((p) => p.slice(dir.length + 1)),
    ['.devcontainer/Dockerfile', 'Containerfile', 'a/Dockerfile.prod', 'a/api.Dockerfile', 'b/Dockerfile'],
  );
});

test("a build's target is the image that ships: the rules judge it and only its stages' COPYs read the context", () => {
  const text = 'FROM golang:1.23 AS test\nCOPY id_rsa /root/.ssh/id_rsa\nRUN go test ./...\nFROM gcr.io/distroless/static:nonroot\nCOPY app /app\n';
  const dir = project({ Dockerfile: text, id_rsa: 'not a key\n', app: 'binary\n', '.dockerignore': 'node_modules\n' });
  const file = join(dir, 'Dockerfile');
  const findingsOn = (target?: string) =>
    checkDockerfile(file, text, {}, target === undefined ? {} : { target }).findings.map(
      (f) => `${f.severity} ${f.ruleId}:${'line' in f.location ? f.location.line : ''}`,
    );
  const last = findingsOn();
  assert.ok(!last.some((f) => f.includes('no-root-user') || f.startsWith('error')), last.join(', '));
  assert.ok(last.includes('warning dockerfile/no-secret-files-copied:2'), last.join(', '));
  const test = findingsOn('test');
  assert.ok(test.includes('warning dockerfile/no-root-user:1'), test.join(', '));
  assert.ok(test.some((f) => f.startsWith('error') && f.includes('secret') && f.endsWith(':2')), test.join(', '));
});
