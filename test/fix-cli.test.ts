// `shipshape fix` and the CLI's outputs as a user meets them: held-back changes on the report, diff headers,
// pipes that close early and --output into a directory that is not there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './support/cli.js';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-fix-cli-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const NEEDS_UNSAFE = {
  Dockerfile: 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nUSER 65532\nCMD ["./run"]\n',
  run: '#!/bin/sh\n',
};

function withNodeModules(dir: string): string {
  mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
  return dir;
}

describe('fix --dry-run', () => {
  test('shows a .dockerignore change that needs --unsafe as a diff, with the reason, and writes nothing', async () => {
    const dir = withNodeModules(project(NEEDS_UNSAFE));
    const result = await runCli(['fix', '--dry-run', join(dir, 'Dockerfile')], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^# \.dockerignore: not applied, needs --unsafe: node_modules may hold what the build runs on/m);
    assert.match(result.stdout, /^# --- a\/\.dockerignore\n# \+\+\+ b\/\.dockerignore\n/m);
    assert.match(result.stdout, /^# \+node_modules$/m);
    assert.equal(statSync(join(dir, '.dockerignore'), { throwIfNoEntry: false }), undefined);
  });

  test('the JSON report carries each change with its diff and the reason it was held back', async () => {
    const dir = withNodeModules(project(NEEDS_UNSAFE));
    const result = await runCli(['fix', '--dry-run', '--format', 'json', 'Dockerfile'], { cwd: dir });
    const report = JSON.parse(result.stdout);
    const ignore = report.changes.find((change: { kind: string }) => change.kind === 'dockerignore');
    assert.equal(ignore.file, '.dockerignore');
    assert.equal(ignore.written, false);
    assert.match(ignore.heldBack, /^needs --unsafe: node_modules/);
    assert.match(ignore.diff, /^--- a\/\.dockerignore\n\+\+\+ b\/\.dockerignore\n/);
  });

  test('without --dry-run the held-back change and its reason are on the terminal report', async () => {
    const dir = withNodeModules(project(NEEDS_UNSAFE));
    const result = await runCli(['fix', 'Dockerfile'], { cwd: dir });
    assert.match(result.stdout, /\.dockerignore: not changed, needs --unsafe: node_modules may hold/);
  });

  test('diff headers are relative to the working directory, also for an absolute path', async () => {
    const dir = project({ 'Dockerfile': 'FROM alpine:3.20\nRUN apk add curl\nUSER 65532\n' });
    const result = await runCli(['fix', '--dry-run', join(dir, 'Dockerfile')], { cwd: dir });
    assert.match(result.stdout, /^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n/);
  });
});

describe('outputs', () => {
  test('--output into a missing directory is one line, exit 2', async () => {
    const dir = project({ 'Dockerfile': 'FROM alpine:3.20\nUSER 65532\n' });
    const result = await runCli(['lint', 'Dockerfile', '--output', 'reports/out.txt'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'shipshape: --output reports/out.txt: no directory reports to write it in\n');
  });

  const entry = fileURLToPath(new URL('./support/cli-entry.ts', import.meta.url));
  const examples = fileURLToPath(new URL('../examples/node-fat', import.meta.url));
  for (const args of [['rules'], ['check', examples], ['lint', join(examples, 'Dockerfile')], ['context', examples, '--list']]) {
    test(`a closed pipe (\`shipshape ${args[0]} | head -1\`) ends the run quietly`, async () => {
      const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      // The reader goes away before the first write: every write the command makes meets a closed pipe.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(stderr, '');
      assert.ok(code === 0 || code === 1, `exit ${code}`);
    });
  }
});
