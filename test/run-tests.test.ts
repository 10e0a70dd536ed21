// `npm test` (scripts/run-tests.mjs) ends the fixture servers the run started and unmounts what was mounted under
// the fixture directory meanwhile, even when a test fails; what was there before the run stays. Checked with a
// fixture directory of its own: a "server" that runs before, one a test starts, and (as root) a mount of each kind.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const repo = fileURLToPath(new URL('..', import.meta.url));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function mounted(point: string): boolean {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === point);
}

/** A process standing in for a server: detached, as build-images.sh starts them, so nothing else ends it. */
function startSleeper(): number {
  const child = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid!;
}

/** This process's environment without what marks a test runner's child, so that the run is a run of its own. */
function runnerEnv(fixtures: string): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  return { ...env, SHIPSHAPE_FIXTURE_DIR: fixtures, SHIPSHAPE_COVERAGE: '' };
}

test('the test run ends the servers it started and unmounts what it mounted, also when a test fails', async (t) => {
  const fixtures = mkdtempSync(join(tmpdir(), 'shipshape-leftovers-'));
  // inside the checkout: the runner takes paths relative to it (and skips dot directories when it looks for tests)
  mkdirSync(join(repo, '.cache'), { recursive: true });
  const tests = mkdtempSync(join(repo, '.cache', 'leftovers-test-'));
  const asRoot = process.getuid?.() === 0 && existsSync('/proc/self/mountinfo');
  const kept = join(fixtures, 'kept');
  const made = join(fixtures, 'storage', 'overlay');
  const earlier = startSleeper();
  let started: number | undefined;
  t.after(() => {
    for (const pid of [earlier, started]) if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGKILL');
    for (const point of [made, kept]) if (asRoot && mounted(point)) spawnSync('umount', ['-l', point]);
    rmSync(fixtures, { recursive: true, force: true });
    rmSync(tests, { recursive: true, force: true });
  });
  mkdirSync(join(fixtures, 'run'));
  writeFileSync(join(fixtures, 'run', 'registry-anonymous.pid'), `${earlier}\n`);
  if (asRoot) {
    mkdirSync(kept);
    assert.equal(spawnSync('mount', ['-t', 'tmpfs', 'kept', kept]).status, 0);
  }
  // the test starts a server as the fixture script does, mounts as the container storage does, and fails
  writeFileSync(
    join(tests, 'starts-a-server.test.ts'),
    `import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
test('starts a server and fails', () => {
  const server = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
  server.unref();
  writeFileSync(${JSON.stringify(join(fixtures, 'run', 'token-server.pid'))}, String(server.pid));
  writeFileSync(${JSON.stringify(join(tests, 'started.pid'))}, String(server.pid));
  if (${asRoot}) {
    mkdirSync(${JSON.stringify(made)}, { recursive: true });
    if (spawnSync('mount', ['-t', 'tmpfs', 'overlay', ${JSON.stringify(made)}]).status !== 0) throw new Error('mount failed');
  }
  throw new Error('a failing test');
});
`,
  );
  const run = spawnSync(process.execPath, ['scripts/run-tests.mjs', relative(repo, tests)], {
    cwd: repo,
    encoding: 'utf8',
    env: runnerEnv(fixtures),
  });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /a failing test/);
  started = Number(readFileSync(join(tests, 'started.pid'), 'utf8'));
  assert.ok(!isAlive(started), 'the server the run started is ended');
  assert.equal(existsSync(join(fixtures, 'run', 'token-server.pid')), false);
  assert.ok(isAlive(earlier), 'the server that ran before the run still runs');
  assert.equal(existsSync(join(fixtures, 'run', 'registry-anonymous.pid')), true);
  if (asRoot) {
    assert.equal(mounted(made), false, 'the mount made during the run is gone');
    assert.equal(mounted(kept), true, 'the mount from before the run stays');
  }
});
