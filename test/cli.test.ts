import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './support/cli.js';

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const CLEAN = 'FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\nLABEL org.opencontainers.image.authors="me"\nUSER 65532\n';
const DEPRECATED = 'FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\nMAINTAINER me\nUSER 65532\n';

/** A user error: exit 2 and exactly one line on stderr, naming the input, with no stack trace. */
function assertOneLineError(result: { code: number; stderr: string }, pattern: RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, pattern);
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, `one line: ${result.stderr}`);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

describe('exit codes', () => {
  test('0 when nothing reaches --fail-on, 1 when something does', async () => {
    const dir = project({ Dockerfile: DEPRECATED });
    const clean = await runCli(['lint', 'Dockerfile'], { cwd: dir });
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, /dockerfile\/no-maintainer/);
    const strict = await runCli(['lint', '--fail-on', 'info', 'Dockerfile'], { cwd: dir });
    assert.equal(strict.code, 1);
  });

  test('--quiet reports only findings at or above --fail-on', async () => {
    const dir = project({ Dockerfile: DEPRECATED });
    const quiet = await runCli(['lint', '--quiet', '--fail-on', 'warning', 'Dockerfile'], { cwd: dir });
    assert.equal(quiet.code, 0);
    assert.doesNotMatch(quiet.stdout, /no-maintainer/);
  });
});

describe('bad input: one clear line, exit 2', () => {
  const cases: [string, Record<string, string | Buffer>, string[], RegExp][] = [
    ['a missing file', {}, ['lint', 'Dockerfile.prod'], /^shipshape: Dockerfile\.prod: no such file$/m],
    ['a directory given to lint', { 'app/Dockerfile': CLEAN }, ['lint', 'app'], /^shipshape: app: is a directory$/m],
    ['a binary file', { Dockerfile: Buffer.from([0x46, 0x52, 0x00, 0x01]) }, ['lint', 'Dockerfile'], /Dockerfile: binary file/],
    ['a non-UTF-8 file', { Dockerfile: Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xff, 0xfe, 0x0a]) }, ['lint', 'Dockerfile'], /Dockerfile: not UTF-8 text/],
    ['an empty file', { Dockerfile: '' }, ['lint', 'Dockerfile'], /Dockerfile: empty file/],
    ['a file of comments only', { Dockerfile: '# nothing\n' }, ['lint', 'Dockerfile'], /Dockerfile: no instructions, only comments/],
    ['a directory without a Dockerfile', { 'README.md': 'hi' }, ['check', '.'], /\.: no Dockerfile found/],
    ['check on a file', { Dockerfile: CLEAN }, ['check', 'Dockerfile'], /Dockerfile: not a directory/],
    ['an unknown option', { Dockerfile: CLEAN }, ['lint', '--frobnicate'], /^shipshape: unknown option '--frobnicate'/],
    ['an unknown format', { Dockerfile: CLEAN }, ['lint', '--format', 'xml', 'Dockerfile'], /--format.*xml.*invalid/],
    ['an invalid config', { Dockerfile: CLEAN, '.shipshape.yaml': 'rules:\n  nope/nope: off\n' }, ['lint', 'Dockerfile'], /\.shipshape\.yaml:2: unknown rule "nope\/nope"/],
    ['a missing --config file', { Dockerfile: CLEAN }, ['lint', '--config', 'missing.yaml', 'Dockerfile'], /missing\.yaml: no such config file/],
  ];
  for (const [name, files, args, pattern] of cases) {
    test(name, async () => {
      const dir = project(files);
      assertOneLineError(await runCli(args, { cwd: dir }), pattern);
    });
  }

  test('an unreadable file', async () => {
    const dir = project({ Dockerfile: CLEAN });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'Dockerfile'), 0o000);
    // Root reads anything, so the CLI runs as nobody when the tests run as root.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    assertOneLineError(await runCli(['lint', 'Dockerfile'], { cwd: dir, ...(uid ? { uid } : {}) }), /Dockerfile: permission denied/);
  });
});

describe('inputs and outputs', () => {
  test('stdin with -, named by --stdin-filename', async () => {
    const result = await runCli(['lint', '-', '--stdin-filename', 'web.Dockerfile', '--format', 'json'], { stdin: DEPRECATED });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.findings[0].location.file, 'web.Dockerfile');
  });

  test('--output writes the report to a file', async () => {
    const dir = project({ Dockerfile: DEPRECATED });
    const result = await runCli(['lint', 'Dockerfile', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    assert.equal(result.stdout, '');
    assert.equal(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).findings.length, 1);
  });

  test('several files make one report whose findings carry their file', async () => {
    const dir = project({ 'a/Dockerfile': DEPRECATED, 'b/Dockerfile': DEPRECATED });
    const result = await runCli(['lint', 'a/Dockerfile', 'b/Dockerfile', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.findings.map((f: { location: { file: string } }) => f.location.file), ['a/Dockerfile', 'b/Dockerfile']);
    assert.deepEqual(report.summary, { error: 0, warning: 0, info: 2 });
  });

  test('check finds Dockerfile, Containerfile, *.Dockerfile and Dockerfile.* but not *.dockerignore', async () => {
    const dir = project({
      Dockerfile: CLEAN,
      'api/Containerfile': CLEAN,
      'web/app.Dockerfile': DEPRECATED,
      'web/app.Dockerfile.dockerignore': 'node_modules\n',
      'tools/Dockerfile.dev': CLEAN,
      'node_modules/x/Dockerfile': DEPRECATED,
    });
    const result = await runCli(['check', '.', '--format', 'json'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.target.kind, 'check');
    const dockerfileFindings = report.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('dockerfile/'));
    assert.deepEqual(dockerfileFindings.map((f: { location: { file: string } }) => f.location.file), ['web/app.Dockerfile']);
    assert.deepEqual(
      report.contexts.map((c: { dockerfile: string }) => c.dockerfile),
      ['Dockerfile', 'api/Containerfile', 'tools/Dockerfile.dev', 'web/app.Dockerfile'],
    );
  });
});

describe('config', () => {
  test('the nearest .shipshape.yaml walking up from the Dockerfile applies', async () => {
    const dir = project({ '.shipshape.yaml': 'rules:\n  DL4000: error\n', 'svc/Dockerfile': DEPRECATED });
    const result = await runCli(['lint', 'svc/Dockerfile'], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stdout, /error\s+MAINTAINER/);
  });

  test('.hadolint.yaml ignored list is honoured when there is no own config', async () => {
    const dir = project({ '.hadolint.yaml': 'ignored:\n  - DL4000\n', Dockerfile: DEPRECATED });
    const result = await runCli(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    assert.deepEqual(JSON.parse(result.stdout).findings, []);
  });

  test('inline suppressions: hadolint and shipshape forms; unused ones are reported', async () => {
    const text = 'FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n# hadolint ignore=DL4000\nMAINTAINER me\n# shipshape ignore=dockerfile/no-maintainer -- nothing here\nUSER 65532\n';
    const result = await runCli(['lint', '-', '--format', 'json'], { stdin: text });
    const findings = JSON.parse(result.stdout).findings;
    assert.deepEqual(findings.map((f: { ruleId: string; location: { line: number } }) => [f.ruleId, f.location.line]), [['suppressions/unused', 4]]);
  });
});

describe('fix', () => {
  test('writes the fixed file atomically, keeping its mode, and reports what remains', async () => {
    const dir = project({ Dockerfile: DEPRECATED });
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const result = await runCli(['fix', 'Dockerfile'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Dockerfile: fixed 1 problem/);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\nLABEL org.opencontainers.image.authors="me"\nUSER 65532\n');
    assert.equal(statSync(join(dir, 'Dockerfile')).mode & 0o777, 0o640);
  });

  test('--dry-run prints a unified diff and writes nothing', async () => {
    const dir = project({ Dockerfile: DEPRECATED });
    const result = await runCli(['fix', '--dry-run', 'Dockerfile'], { cwd: dir });
    assert.equal(
      result.stdout,
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,3 +1,3 @@\n FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n-MAINTAINER me\n+LABEL org.opencontainers.image.authors="me"\n USER 65532\n',
    );
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), DEPRECATED);
  });

  test('stdin in, fixed text out', async () => {
    const result = await runCli(['fix', '-'], { stdin: DEPRECATED });
    assert.equal(result.stdout, 'FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\nLABEL org.opencontainers.image.authors="me"\nUSER 65532\n');
  });
});

describe('build context in check and fix', () => {
  const leaky = {
    Dockerfile: 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nUSER 65532\nCMD ["./run"]\n',
    '.env': 'API_KEY=abc123\n',
    run: '#!/bin/sh\n',
    'node_modules/left-pad/index.js': 'module.exports = 1;\n',
  };

  test('check reports the context: a COPY . . that takes .env is an error, with its cost', async () => {
    const dir = project(leaky);
    const result = await runCli(['check', '.', '--format', 'json'], { cwd: dir });
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    const secret = report.findings.find((f: { ruleId: string }) => f.ruleId === 'context/no-secret-files');
    assert.equal(secret.severity, 'error');
    assert.deepEqual(secret.location, { file: 'Dockerfile', line: 3 });
    assert.equal(secret.cost.bytes, 15);
    assert.equal(report.contexts[0].totals.files, 4);
  });

  test('fix --unsafe writes a .dockerignore that keeps the secret and dependencies out, and check is then clean of them', async () => {
    const dir = project(leaky);
    const fixed = await runCli(['fix', '--unsafe', 'Dockerfile'], { cwd: dir });
    assert.match(fixed.stderr, /\.dockerignore: added 2 entries/);
    const ignore = readFileSync(join(dir, '.dockerignore'), 'utf8');
    assert.match(ignore, /^\.env$/m);
    assert.match(ignore, /^node_modules$/m);
    const after = JSON.parse((await runCli(['check', '.', '--format', 'json'], { cwd: dir })).stdout);
    assert.deepEqual(after.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('context/')), []);
  });
});
