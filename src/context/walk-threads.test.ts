// The walk shared with helper threads gives what the walk on one thread gives, in the same order, whatever the
// tree, the number of helpers and the moment the work is shared. Run from sources, the walk is told where the
// helper module is (test-support/walk-worker-from-source.mjs); the bundle's own is tested in test/cli-bin.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { dockerignore } from './dockerignore/index.js';
import { HelperJobs } from './test-support/helper-jobs.js';
import { addToTree, makeTree, removeTree, type TreeNode } from './test-support/tree.js';
import { readdirSync } from 'node:fs';
import { sentEntry, typeNumber } from './walk-helpers.js';
import { walkContext, type WalkOptions, type WalkResult } from './walk.js';

const helperModule = new URL('./test-support/walk-worker-from-source.mjs', import.meta.url);
const roots: string[] = [];
const helperJobs = new HelperJobs();
after(() => {
  roots.forEach(removeTree);
  helperJobs.close();
});

/** A tree of some 10,000 entries with every kind of thing a walk meets. */
function bigTree(): string {
  const nodes: Record<string, TreeNode> = {
    'Dockerfile': 'FROM scratch\n',
    '.env': 'SECRET=1',
    '.env.example': 'SECRET=',
    'ünïcødé/日本語.txt': 'u',
    'emoji/🚀 launch.md': 'e',
    'links/to-etc': { symlink: '/etc' },
    'links/dangling': { symlink: 'nowhere' },
    'links/to-src': { symlink: '../src' },
    'pipe': { fifo: true },
    'empty/': { dir: true },
    'node_modules/pkg/keep.md': 'k',
  };
  const deep = Array.from({ length: 60 }, (_, i) => `d${i}`).join('/');
  nodes[`${deep}/bottom.txt`] = 'deep';
  for (let d = 0; d < 40; d++) {
    for (let f = 0; f < 150; f++) nodes[`src/group${d % 7}/dir${d}/file${f}.ts`] = 'x'.repeat((d * f) % 300);
    for (let f = 0; f < 60; f++) nodes[`node_modules/lib${d}/file${f}.js`] = 'm';
    for (let f = 0; f < 40; f++) nodes[`logs/day${d}/run${f}.log`] = 'l';
  }
  const root = makeTree(nodes);
  roots.push(root);
  return root;
}

/**
 * An `onEntry` that, at entry `parallelAfter + 1` (by then the walk has offered its helpers their parts, entries
 * excluded by a matcher being visited too), blocks until a helper has been through the offer: every part offered is
 * then a helper's, however slowly the helpers started.
 */
function waitingForHelpers(parallelAfter: number, also?: (entry: { path: string }) => void): (entry: { path: string }) => void {
  let entries = 0;
  return (entry) => {
    if (++entries === parallelAfter + 1) helperJobs.waitForNextJob();
    also?.(entry);
  };
}

function snapshot(result: WalkResult) {
  return { entries: result.entries, directories: [...result.directories], problems: result.problems };
}

test('helper threads change nothing in the result or its order, whatever the moment the work is shared', () => {
  const root = bigTree();
  // The first walk starts the helpers; every walk with helpers waits for them once they have their parts.
  const warmUp = walkContext(root, { helperModule, threads: 3, parallelAfter: 0, onEntry: waitingForHelpers(0) });
  assert.ok(warmUp.helperParts > 0, 'helpers took no part in a walk that waited for them');
  const matchers = [undefined, dockerignore.parse('node_modules\n!**/keep.md\n**/*.log\n.env*\n!.env.example\nsrc/group3\n')];
  for (const matcher of matchers) {
    for (const findOrder of [false, true]) {
      const base: WalkOptions = { helperModule, findOrder, ...(matcher ? { matcher } : {}) };
      const alone = walkContext(root, { ...base, threads: 0 });
      assert.equal(alone.helperParts, 0);
      assert.ok(alone.entries.length > (matcher ? 5_000 : 10_000), `${alone.entries.length} entries`);
      for (const threads of [1, 3]) {
        for (const parallelAfter of [0, 1, 3_000]) {
          const label = `matcher ${matcher !== undefined}, findOrder ${findOrder}, ${threads} helpers after ${parallelAfter}`;
          const streamed: string[] = [];
          const onEntry = waitingForHelpers(parallelAfter, (entry) => streamed.push(entry.path));
          const shared = walkContext(root, { ...base, threads, parallelAfter, onEntry });
          assert.deepEqual(snapshot(shared), snapshot(alone), label);
          assert.deepEqual(streamed, alone.entries.map((e) => e.path), label);
          assert.ok(shared.helperParts > 0, `${label}: helpers walked nothing`);
        }
      }
    }
  }
});

test('without a helper module (run from sources) the walk stays on one thread', () => {
  const root = bigTree();
  const alone = walkContext(root, { threads: 2, parallelAfter: 0 });
  assert.equal(alone.helperParts, 0);
  assert.deepEqual(snapshot(alone), snapshot(walkContext(root, { helperModule, threads: 2, parallelAfter: 0 })));
});

test('the parts a helper fails to walk are walked by the walking thread', () => {
  const root = bigTree();
  const failing = new URL('./test-support/walk-worker-failing.mjs', import.meta.url);
  // The helper must be up to fail anything: the walk waits until it has failed every part it was offered.
  const result = walkContext(root, { helperModule: failing, threads: 1, parallelAfter: 0, onEntry: waitingForHelpers(0) });
  assert.equal(result.helperParts, 0);
  assert.deepEqual(snapshot(result), snapshot(walkContext(root, { threads: 0 })));
});

test('an entry sent to a helper answers every type test as the entry read from the directory', () => {
  const root = makeTree({ 'file': 'f', 'dir/': { dir: true }, 'link': { symlink: 'file' }, 'pipe': { fifo: true } });
  roots.push(root);
  const tests = ['isFile', 'isDirectory', 'isSymbolicLink', 'isFIFO', 'isSocket', 'isBlockDevice', 'isCharacterDevice'] as const;
  const read = readdirSync(root, { withFileTypes: true });
  assert.equal(read.length, 4);
  for (const dirent of read) {
    const sent = sentEntry(dirent.name, typeNumber(dirent));
    for (const test of tests) assert.equal(sent[test](), dirent[test](), `${dirent.name} ${test}`);
  }
  assert.deepEqual(
    tests.filter((test) => sentEntry('unknown', 0)[test]()),
    [],
  );
});

test('an entry whose path is too long for the system is a problem, not a crash, on any thread', () => {
  // The directory's own path fits in PATH_MAX (4096 bytes) and can be read; the file's path inside it does not.
  const root = makeTree({ 'a.txt': 'a' });
  // Node cannot remove paths this long; rm(1) can.
  after(() => spawnSync('rm', ['-rf', root]));
  const segment = 'x'.repeat(200);
  const depth = Math.floor((4_080 - root.length) / (segment.length + 1));
  const script = `cd "$1" && for i in $(seq ${depth}); do mkdir ${segment} && cd ${segment}; done && touch ${'f'.repeat(100)}`;
  const made = spawnSync('sh', ['-c', script, 'sh', root], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  for (const threads of [0, 1]) {
    const result = walkContext(root, { helperModule, threads, parallelAfter: 0 });
    assert.deepEqual(result.entries.map((e) => e.path), ['a.txt']);
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0].kind, 'unreadable-file');
    assert.match(result.problems[0].message, /ENAMETOOLONG/);
    assert.ok(result.problems[0].path.endsWith('f'.repeat(100)));
  }
});

test('what another user cannot read is reported in its place when a helper walked it', (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to switch to an unprivileged user for the check');
    return;
  }
  const root = makeTree({ 'a.txt': 'first', 'locked-dir/': { dir: true, mode: 0o700 }, 'open-dir/x.txt': 'x', 'secret.txt': 's' });
  roots.push(root);
  addToTree(root, { 'locked-dir/inner.txt': 'hidden', 'open-dir/secret.txt': 's' });
  spawnSync('chmod', ['600', `${root}/secret.txt`, `${root}/open-dir/secret.txt`]);
  const walker = fileURLToPath(new URL('./walk.ts', import.meta.url));
  const jobs = fileURLToPath(new URL('./test-support/helper-jobs.ts', import.meta.url));
  // The first entry waits until the helper has been through its parts: it takes both directories.
  const script = `
    const { walkContext } = await import(${JSON.stringify(walker)});
    const { HelperJobs } = await import(${JSON.stringify(jobs)});
    process.setgid(65534); process.setuid(65534);
    const alone = walkContext(${JSON.stringify(root)}, { threads: 0 });
    const helperJobs = new HelperJobs();
    let waited = false;
    const onEntry = () => {
      if (!waited) helperJobs.waitForNextJob();
      waited = true;
    };
    const helperModule = new URL(${JSON.stringify(helperModule.href)});
    const shared = walkContext(${JSON.stringify(root)}, { threads: 1, parallelAfter: 0, helperModule, onEntry });
    helperJobs.close();
    console.log(JSON.stringify({ alone: [alone.entries, alone.problems], shared: [shared.entries, shared.problems], helperParts: shared.helperParts }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const output = JSON.parse(child.stdout) as { alone: [{ path: string }[], { path: string; kind: string }[]]; shared: unknown; helperParts: number };
  assert.deepEqual(output.shared, output.alone);
  assert.equal(output.helperParts, 2);
  assert.deepEqual(
    output.alone[1].map((p) => [p.path, p.kind]),
    [
      ['locked-dir', 'unreadable-directory'],
      ['open-dir/secret.txt', 'unreadable-file'],
      ['secret.txt', 'unreadable-file'],
    ],
  );
});
