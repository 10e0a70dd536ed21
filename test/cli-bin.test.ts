// The published command: bin/shipshape.js on the bundle `npm run build` writes (npm ci runs it), next to the CLI
// run from source, which the other tests use.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { HelperJob, PackedPart } from '../src/context/walk-helpers.js';
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

test('on a large context the built bin, which starts helper threads for the walk, lists and reports what the source does', async () => {
  const context = mkdtempSync(join(tmpdir(), 'shipshape-bin-context-'));
  try {
    for (let d = 0; d < 60; d++) {
      const dir = join(context, d % 3 === 0 ? 'node_modules' : 'src', `pkg${d}`);
      mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 100; f++) writeFileSync(join(dir, `file${f}.${f % 10 === 0 ? 'log' : 'js'}`), 'x'.repeat(d + f));
    }
    writeFileSync(join(context, '.dockerignore'), 'node_modules\n**/*.log\n');
    writeFileSync(join(context, '.env'), 'TOKEN=1\n');
    for (const args of [
      ['context', context, '--list'],
      ['context', context, '--format', 'json'],
    ]) {
      const built = runBin(args);
      const source = await runCli(args);
      assert.equal(built.status, source.code, args.join(' '));
      assert.equal(built.stdout, source.stdout, args.join(' '));
      assert.equal(built.stderr, source.stderr, args.join(' '));
    }
    assert.equal(runBin(['context', context, '--list']).stdout.split('\n').filter(Boolean).length, 40 * 90 + 2);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
});

test("the bundle's helper module for the walk loads and walks the task it is given", async () => {
  const context = mkdtempSync(join(tmpdir(), 'shipshape-bin-helper-'));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('../dist/bin/walk-worker.js', import.meta.url), { workerData: { port: port2 }, transferList: [port2] });
  try {
    mkdirSync(join(context, 'src/lib'), { recursive: true });
    writeFileSync(join(context, 'src/a.js'), 'aaa');
    writeFileSync(join(context, 'src/lib/b.log'), 'b');
    writeFileSync(join(context, 'src/lib/c.js'), 'cc');
    const job: HelperJob = {
      job: 1,
      tasks: [{ parentRel: '', parentAbs: context, parentMatches: undefined, name: 'src' }],
      patterns: [{ pattern: '**/*.log', line: 1 }],
      ignoreFile: '.dockerignore',
      findOrder: false,
      states: new SharedArrayBuffer(8),
    };
    const part = new Promise<PackedPart>((resolve, reject) => {
      port1.once('message', resolve);
      worker.once('error', reject);
    });
    port1.postMessage(job);
    const { paths, sizes, directories, bytes, files } = await part;
    assert.deepEqual(paths.split('\0'), ['src/a.js', 'src/lib/c.js']);
    assert.deepEqual([...sizes], [3, 2]);
    assert.deepEqual(directories, [['src/lib', 2, 1], ['src', 5, 2]]);
    assert.deepEqual([bytes, files], [5, 2]);
  } finally {
    port1.close();
    await worker.terminate();
    rmSync(context, { recursive: true, force: true });
  }
});
