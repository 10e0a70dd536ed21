import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findNonDirectories } from '../src/context/test-support/tree.js';
import { runCli } from './support/cli.js';

const example = fileURLToPath(new URL('../examples/context-leaky', import.meta.url));
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the leaky example, made a git repository as a user's checkout would be. */
function leakyProject(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'shipshape-context-cli-')), 'app');
  dirs.push(dir);
  cpSync(example, dir, { recursive: true });
  const git = spawnSync('git', ['init', '-q', dir]);
  if (git.status !== 0) assert.fail(`git init failed: ${git.stderr}`);
  return dir;
}

interface JsonReport {
  findings: { ruleId: string; severity: string; location: { file: string; line?: number }; cost?: { bytes: number } }[];
  context: { totals: { files: number; bytes: number }; copies: { files: number }[]; largestDirectories: { path: string }[] };
}

test('shipshape context on the leaky example: secrets copied into the image are errors (exit 1), each problem priced', async () => {
  const dir = leakyProject();
  const result = await runCli(['context', dir, '--format', 'json']);
  assert.equal(result.code, 1, result.stderr);
  const report = JSON.parse(result.stdout) as JsonReport;
  const rules = report.findings.map((f) => `${f.ruleId}:${f.severity}`).sort();
  assert.deepEqual(rules, [
    'context/missing-dockerignore:warning',
    'context/no-heavy-dirs:warning',
    'context/no-secret-files:error',
    'context/no-secret-files:error',
    'context/no-vcs-dir:warning',
  ]);
  for (const finding of report.findings) assert.ok((finding.cost?.bytes ?? 0) > 0, finding.ruleId);
  assert.deepEqual(report.findings.filter((f) => f.severity === 'error').map((f) => f.location), [
    { file: join(dir, 'Dockerfile'), line: 3 },
    { file: join(dir, 'Dockerfile'), line: 3 },
  ]);
  assert.equal(report.context.copies[0].files, report.context.totals.files, 'COPY . . takes everything');
});

test('--list prints what the builder receives, one path per line, in the order find lists them', async () => {
  const dir = leakyProject();
  const result = await runCli(['context', dir, '--list']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.split('\n').filter(Boolean), findNonDirectories(dir));
});

test('--dry-run shows the tailored .dockerignore; --fix --unsafe writes it and the context shrinks', async () => {
  const dir = leakyProject();
  const dry = await runCli(['context', dir, '--dry-run', '--unsafe']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, /^\+\.git$/m);
  assert.match(dry.stdout, /^\+node_modules$/m);
  assert.equal(existsSync(join(dir, '.dockerignore')), false, '--dry-run writes nothing');

  const safeOnly = await runCli(['context', dir, '--fix']);
  assert.match(safeOnly.stderr, /rerun with --unsafe/);
  assert.equal(existsSync(join(dir, '.dockerignore')), false);

  const before = JSON.parse((await runCli(['context', dir, '--format', 'json'])).stdout) as JsonReport;
  const fixed = await runCli(['context', dir, '--fix', '--unsafe', '--format', 'json']);
  assert.equal(fixed.code, 0, fixed.stderr);
  const after = JSON.parse(fixed.stdout) as JsonReport;
  assert.deepEqual(after.findings, []);
  assert.ok(after.context.totals.bytes < before.context.totals.bytes);
  const written = readFileSync(join(dir, '.dockerignore'), 'utf8');
  for (const line of ['.git', '.env', '**/id_rsa', 'node_modules']) assert.ok(written.split('\n').includes(line), line);
});

test('a bad .dockerignore or a missing directory is one line and exit 2', async () => {
  const dir = leakyProject();
  cpSync(join(example, 'Dockerfile'), join(dir, 'Dockerfile'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(dir, '.dockerignore'), '.git\n!\n');
  const bad = await runCli(['context', dir]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, `shipshape: ${join(dir, '.dockerignore')}:2: a lone "!" is not a valid pattern (Docker fails the build)\n`);
  const missing = await runCli(['context', join(dir, 'nope')]);
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr.split('\n').length, 2);
});
