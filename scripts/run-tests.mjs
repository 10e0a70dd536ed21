#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ (or under the paths given) with node's test runner.
// Node 20's --test takes no globs, so the files are listed here. With SHIPSHAPE_COVERAGE=1 (CI), the run is
// measured by c8 and fails below the floors in .ci/coverage-floors.json, a ratchet raised as tests grow.
// The run ends the fixture servers it started and unmounts what the container storage mounted meanwhile, also when
// a test fails or the run is interrupted; servers and mounts that were there before the run are left alone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));

function collect(path, out) {
  const stat = statSync(path);
  if (stat.isFile()) {
    if (path.endsWith('.test.ts')) out.push(path);
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    collect(join(path, entry.name), out);
  }
}

const files = [];
for (const start of roots.length ? roots : ['src', 'test']) collect(join(root, start), files);
files.sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

// Tests spend much of their time waiting on child processes, so run more files than there are cores.
const concurrency = Math.max(2, availableParallelism());
const testCommand = [
  process.execPath,
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${concurrency}`,
  ...passThrough,
  ...files.map((f) => relative(root, f)),
];
if (process.env.SHIPSHAPE_COVERAGE === '1') {
  const floors = JSON.parse(readFileSync(join(root, '.ci/coverage-floors.json'), 'utf8'));
  const gate = Object.entries(floors).map(([metric, floor]) => `--${metric}=${floor}`);
  testCommand.unshift(join(root, 'node_modules/.bin/c8'), '--check-coverage', ...gate);
}
/** The fixture directory this checkout's tests use (build-images.sh path), if there is one. */
function fixtureDir() {
  const script = join(root, 'scripts/fixtures/build-images.sh');
  const result = spawnSync('bash', [script, 'path'], { cwd: root, encoding: 'utf8' });
  const dir = result.status === 0 ? result.stdout.trim() : '';
  return dir === '' ? undefined : dir;
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Fixture servers that run, by pid file (`<fixtures>/run/NAME.pid`, written by build-images.sh). */
function runningServers(dir) {
  const running = new Map();
  const run = join(dir, 'run');
  let names = [];
  try {
    names = readdirSync(run).filter((name) => name.endsWith('.pid'));
  } catch {
    return running;
  }
  for (const name of names) {
    const pid = Number(readFileSync(join(run, name), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) running.set(join(run, name), pid);
  }
  return running;
}

/** Mount points at or under `dir` (the container storage mounts its overlay directory, and layers under it). */
function mountsUnder(dir) {
  let table = '';
  try {
    table = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  const unescape = (field) => field.replace(/\\([0-7]{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));
  return table
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point) => point !== undefined)
    .map(unescape)
    .filter((point) => point === dir || point.startsWith(`${dir}/`));
}

function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** What is there before the run, to leave it alone after. */
function leftoversBefore(dir) {
  return dir === undefined ? undefined : { dir, servers: runningServers(dir), mounts: new Set(mountsUnder(dir)) };
}

function removeLeftovers(before) {
  if (before === undefined) return;
  const { dir } = before;
  for (const [pidFile, pid] of runningServers(dir)) {
    if (before.servers.get(pidFile) === pid) continue;
    try {
      process.kill(pid, 'SIGTERM');
      for (let waited = 0; waited < 5_000 && isAlive(pid); waited += 100) sleepMs(100);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
    rmSync(pidFile, { force: true });
  }
  // servers first: the Docker API service holds the storage's mounts; then the deepest mount first
  const mounts = mountsUnder(dir).filter((point) => !before.mounts.has(point)).sort().reverse();
  for (const point of new Set(mounts)) {
    if (!existsSync(point)) continue;
    const unmounted = spawnSync('umount', [point]).status === 0 || spawnSync('umount', ['-l', point]).status === 0;
    if (!unmounted) console.error(`run-tests: cannot unmount ${point}`);
  }
}

const before = leftoversBefore(fixtureDir());
const child = spawn(testCommand[0], testCommand.slice(1), { cwd: root, stdio: 'inherit' });
// The terminal's Ctrl-C reaches the test runner too; a signal sent to this process alone is passed on. Either way
// this process stays to clean up once the runner has ended.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`run-tests: cannot run ${testCommand[0]}: ${error.message}`);
  removeLeftovers(before);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  removeLeftovers(before);
  process.exit(code ?? (signal ? 1 : 0));
});
