import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { dockerignore } from './dockerignore/index.js';
import { addToTree, findNonDirectories, treesRemovedAfterTests, type TreeNode } from './test-support/tree.js';
import { walkContext } from './walk.js';

const tree = treesRemovedAfterTests();

test('without a .dockerignore every entry is listed, with sizes, in the order find lists them or in byte order', () => {
  const root = tree({
    'Dockerfile': 'FROM scratch\n',
    'src/index.js': 'x'.repeat(100),
    'src/lib/a.js': 'abc',
    'src/lib/deep/b.js': '',
    'README.md': 'hello',
    'empty/': { dir: true },
  });
  const result = walkContext(root, { findOrder: true });
  assert.deepEqual(result.entries.map((e) => e.path), findNonDirectories(root));
  const sorted = walkContext(root);
  assert.deepEqual(sorted.entries.map((e) => e.path), ['Dockerfile', 'README.md', 'src/index.js', 'src/lib/a.js', 'src/lib/deep/b.js']);
  assert.deepEqual(sorted.directories, result.directories);
  const sizes = Object.fromEntries(result.entries.map((e) => [e.path, e.size]));
  assert.deepEqual(sizes, { 'Dockerfile': 13, 'src/index.js': 100, 'src/lib/a.js': 3, 'src/lib/deep/b.js': 0, 'README.md': 5 });
  assert.deepEqual(result.directories.get(''), { bytes: 121, files: 5 });
  assert.deepEqual(result.directories.get('src'), { bytes: 103, files: 3 });
  assert.deepEqual(result.directories.get('src/lib'), { bytes: 3, files: 2 });
  assert.equal(result.directories.has('empty'), false);
  assert.deepEqual(result.problems, []);
});

test('a .dockerignore removes entries; exceptions re-include inside excluded directories', () => {
  const root = tree({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/objects/ab/cdef': 'blob',
    'node_modules/left-pad/index.js': 'module.exports = 1',
    'node_modules/left-pad/README.md': 'docs',
    'docs/guide.md': 'g',
    'docs/keep.md': 'k',
    'app.js': 'app',
    'debug.log': 'log',
    'sub/debug.log': 'log',
  });
  const matcher = dockerignore.parse('.git\nnode_modules\n**/*.log\ndocs\n!docs/keep.md\n');
  const listed = walkContext(root, { matcher }).entries.map((e) => e.path).sort();
  assert.deepEqual(listed, ['app.js', 'docs/keep.md']);
  // Every listed path agrees with the matcher asked directly, and every unlisted file is excluded by it.
  for (const path of findNonDirectories(root)) assert.equal(matcher.matches(path), !listed.includes(path), path);
});

test('an exception with ** makes BuildKit read excluded directories; a file inside can come back', () => {
  const root = tree({ 'node_modules/pkg/keep.md': 'k', 'node_modules/pkg/index.js': 'i', 'top.md': 't' });
  const matcher = dockerignore.parse('node_modules\n!**/keep.md\n');
  const listed = walkContext(root, { matcher }).entries.map((e) => e.path).sort();
  assert.deepEqual(listed, ['node_modules/pkg/keep.md', 'top.md']);
});

test('symbolic links are reported as links and never followed, wherever they point', () => {
  const root = tree({
    'real/file.txt': 'content',
    'to-outside': { symlink: '/etc' },
    'to-passwd': { symlink: '/etc/passwd' },
    'to-inside-dir': { symlink: 'real' },
    'dangling': { symlink: 'does/not/exist' },
    'loop': { symlink: 'loop' },
  });
  const result = walkContext(root);
  const byPath = new Map(result.entries.map((e) => [e.path, e]));
  assert.deepEqual([...byPath.keys()].sort(), ['dangling', 'loop', 'real/file.txt', 'to-inside-dir', 'to-outside', 'to-passwd']);
  for (const link of ['to-outside', 'to-passwd', 'to-inside-dir', 'dangling', 'loop']) {
    assert.equal(byPath.get(link)?.kind, 'symlink', link);
  }
  assert.equal(byPath.get('to-passwd')?.target, '/etc/passwd');
  assert.equal(byPath.get('to-passwd')?.size, '/etc/passwd'.length);
  assert.deepEqual(result.problems, []);
});

test('a named pipe is listed as a special entry and never opened', () => {
  const root = tree({ 'pipe': { fifo: true }, 'a.txt': 'a' });
  const result = walkContext(root);
  assert.deepEqual(
    result.entries.map((e) => [e.path, e.kind, e.size]).sort(),
    [
      ['a.txt', 'file', 1],
      ['pipe', 'other', 0],
    ],
  );
});

test('unicode names, deep nesting and more than 10,000 files', () => {
  const nodes: Record<string, TreeNode> = {
    'ünïcødé/日本語.txt': 'u',
    'emoji/🚀 launch.md': 'e',
    'spaces and\ttabs/x y': 's',
  };
  const deep = Array.from({ length: 120 }, (_, i) => `d${i}`).join('/');
  nodes[`${deep}/bottom.txt`] = 'deep';
  for (let d = 0; d < 70; d++) for (let f = 0; f < 175; f++) nodes[`bulk/dir${d}/file${f}.dat`] = `${d}:${f}`;
  const root = tree(nodes);
  const result = walkContext(root, { matcher: dockerignore.parse('bulk/dir1*\n'), findOrder: true });
  const expected = findNonDirectories(root).filter((p) => !/^bulk\/dir1[^/]*\//.test(p));
  assert.ok(expected.length > 10_000, `${expected.length} files`);
  assert.deepEqual(result.entries.map((e) => e.path), expected);
  assert.ok(result.entries.some((e) => e.path === `${deep}/bottom.txt`));
  assert.ok(result.entries.some((e) => e.path === 'ünïcødé/日本語.txt'));
});

test('entries another user cannot read are problems, not errors; excluded ones are skipped like BuildKit does', (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to switch to an unprivileged user for the check');
    return;
  }
  const root = tree({
    'ok.txt': 'fine',
    'locked-dir/': { dir: true, mode: 0o700 },
    'ignored-locked/': { dir: true, mode: 0o700 },
    'secret.txt': 'x',
  });
  addToTree(root, { 'locked-dir/inner.txt': 'hidden', 'ignored-locked/inner.txt': 'hidden' });
  spawnSync('chmod', ['600', `${root}/secret.txt`]);
  const walker = fileURLToPath(new URL('./walk.ts', import.meta.url));
  const matcherModule = fileURLToPath(new URL('./dockerignore/index.ts', import.meta.url));
  const script = `
    const { walkContext } = await import(${JSON.stringify(walker)});
    const { dockerignore } = await import(${JSON.stringify(matcherModule)});
    process.setgid(65534); process.setuid(65534);
    const result = walkContext(${JSON.stringify(root)}, { matcher: dockerignore.parse('ignored-locked\\n') });
    console.log(JSON.stringify({ entries: result.entries.map((e) => e.path).sort(), problems: result.problems }));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const output = JSON.parse(child.stdout) as { entries: string[]; problems: { path: string; kind: string }[] };
  assert.deepEqual(output.entries, ['ok.txt', 'secret.txt']);
  assert.deepEqual(
    output.problems.map((p) => [p.path, p.kind]).sort(),
    [
      ['locked-dir', 'unreadable-directory'],
      ['secret.txt', 'unreadable-file'],
    ],
  );
});

test('a context that is not a readable directory is an input error', () => {
  const root = tree({ 'file.txt': 'x' });
  assert.throws(() => walkContext(`${root}/file.txt`), { name: 'InputError', message: /not a directory/ });
  assert.throws(() => walkContext(`${root}/missing`), { name: 'InputError', message: /cannot read the build context \(ENOENT\)/ });
});
