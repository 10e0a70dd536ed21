// The published command: bin/shipshape.js on the bundle `npm run build` writes (npm ci runs it), next to the CLI
// run from source, which the other tests use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { runCli } from './support/cli.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/shipshape.js', import.meta.url));

function runBin(args: string[]) {
  assert.ok(existsSync(new URL('../dist/bin/main.js', import.meta.url)), 'dist/bin is missing: run `npm run build` (npm ci does)');
  return spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
}

test('the built bin reports what the source reports, with the same exit codes', async () => {
  for (const args of [
    ['lint', 'examples/node-fat/Dockerfile', '--format', 'json'],
    ['check', 'examples/secrets-leaky', '--format', 'sarif'],
    ['context', 'examples/context-leaky', '--format', 'json'],
    ['lint', 'examples/missing/Dockerfile'],
    ['rules', '--format', 'json'],
  ]) {
    const built = runBin(args);
    const source = await runCli(args);
    assert.equal(built.status, source.code, args.join(' '));
    assert.equal(built.stdout, source.stdout, args.join(' '));
    assert.equal(built.stderr, source.stderr, args.join(' '));
  }
});

test('the built bin knows its version and lists the rules', () => {
  const version = runBin(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const rules = runBin(['rules']);
  assert.equal(rules.status, 0);
  assert.match(rules.stdout, /dockerfile\/no-latest-tag/);
  assert.match(rules.stdout, /image\/no-secrets-in-layers/);
});
