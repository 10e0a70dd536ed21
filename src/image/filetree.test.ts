import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diveEfficiency, FileTree, nodePath } from './filetree.js';
import type { EntryKind, LayerEntry } from './walk.js';

const e = (path: string, kind: EntryKind = 'file', size = 0, extra: Partial<LayerEntry> = {}): LayerEntry => ({
  path,
  kind,
  size,
  mode: kind === 'directory' ? 0o755 : 0o644,
  uid: 0,
  gid: 0,
  ...extra,
});

test('whiteouts and opaque markers hide what lower layers hold; each path keeps its layer', () => {
  const tree = new FileTree([
    [e('etc', 'directory'), e('etc/a', 'file', 10), e('etc/b', 'file', 20), e('opt/x/1', 'file', 5), e('opt/y', 'file', 7)],
    [e('etc/.keep', 'file', 1), e('etc/a', 'whiteout'), e('opt', 'opaque'), e('opt/z', 'file', 3)],
  ]);
  assert.equal(tree.get('etc/a'), undefined);
  assert.equal(tree.get('etc/b')?.layer, 0);
  assert.equal(tree.get('etc/.keep')?.layer, 1);
  assert.equal(tree.get('opt/x'), undefined);
  assert.equal(tree.get('opt/z')?.layer, 1);
  assert.equal(tree.isLive(0, 'etc/b'), true);
  assert.equal(tree.isLive(0, 'etc/a'), false);
  assert.deepEqual(
    tree.wasted.map((w) => [w.path, w.layer, w.size, w.removedBy, w.how]).sort(),
    [
      ['etc/a', 0, 10, 1, 'deleted'],
      ['opt/x/1', 0, 5, 1, 'deleted'],
      ['opt/y', 0, 7, 1, 'deleted'],
    ],
  );
  assert.deepEqual(
    tree.changesOf(1).map((c) => [c.path, c.change, c.bytes]),
    [
      ['etc/a', 'deleted', 10],
      ['opt', 'deleted', 12],
      ['etc/.keep', 'added', 1],
      ['opt/z', 'added', 3],
    ],
  );
  assert.equal(tree.bytesUnder('etc'), 21);
});

test('a whiteout hides only lower layers: a file its own layer re-creates stays', () => {
  const tree = new FileTree([[e('a', 'file', 4)], [e('a', 'file', 9), e('a', 'whiteout')]]);
  assert.equal(tree.get('a')?.entry?.size, 9);
  assert.deepEqual(tree.wasted.map((w) => [w.layer, w.removedBy]), [[0, 1]]);
});

test('overwrites, same-layer duplicates and files replaced by directories are wasted copies', () => {
  const tree = new FileTree([
    [e('bin/tool', 'file', 100), e('bin/tool', 'file', 120), e('data', 'file', 50)],
    [e('bin/tool', 'file', 130), e('data/inner', 'file', 1)],
  ]);
  assert.deepEqual(
    tree.wasted.map((w) => [w.path, w.layer, w.size, w.removedBy, w.how]),
    [
      ['bin/tool', 0, 100, 0, 'overwritten'],
      ['bin/tool', 0, 120, 1, 'overwritten'],
      ['data', 0, 50, 1, 'overwritten'],
    ],
  );
});

test('a hidden file that a surviving hard link of its layer still shows is not wasted', () => {
  const tree = new FileTree([
    [e('usr/bin/perl5.36', 'file', 1000), e('usr/bin/perl', 'hardlink', 0, { linkTarget: 'usr/bin/perl5.36' })],
    [e('usr/bin/perl5.36', 'whiteout')],
  ]);
  assert.deepEqual(tree.wasted, []);
});

test('symlinks resolve inside the image: absolute targets from its root, loops end, escapes stop at the root', () => {
  const tree = new FileTree([
    [
      e('usr/lib/os-release', 'file', 5),
      e('etc/os-release', 'symlink', 0, { linkTarget: '../usr/lib/os-release' }),
      e('lib', 'symlink', 0, { linkTarget: '/usr/lib' }),
      e('loop/a', 'symlink', 0, { linkTarget: 'b' }),
      e('loop/b', 'symlink', 0, { linkTarget: 'a' }),
      e('escape', 'symlink', 0, { linkTarget: '../../../../usr/lib/os-release' }),
    ],
    [e('lib/extra.so', 'file', 7)],
  ]);
  const resolved = tree.resolve('etc/os-release');
  assert.ok('node' in resolved);
  assert.equal(resolved.path, 'usr/lib/os-release');
  assert.deepEqual(tree.resolve('loop/a'), { error: 'loop', path: 'loop/a' });
  const escaped = tree.resolve('escape');
  assert.ok('node' in escaped && escaped.path === 'usr/lib/os-release');
  assert.equal(tree.get('etc/os-release')?.entry?.kind, 'symlink');
  // A file written through a symlinked directory lands where the link points, and the link stays.
  const extra = tree.get('usr/lib/extra.so');
  assert.ok(extra && nodePath(extra) === 'usr/lib/extra.so');
  assert.equal(tree.get('lib')?.entry?.kind, 'symlink');
});

test("dive's efficiency is reproduced to the letter (dive's own test case: 0.75)", () => {
  const dive = diveEfficiency([
    [e('etc/nginx/nginx.conf', 'file', 2000), e('etc/nginx/public', 'file', 3000)],
    [e('etc/nginx/nginx.conf', 'file', 5000), e('etc/athing', 'file', 10000)],
    [e('etc/nginx', 'whiteout')],
  ]);
  assert.equal(dive.score, 0.75);
  assert.equal(dive.wastedBytes, 7000);
  assert.deepEqual(dive.inefficiencies, [{ path: 'etc/nginx/nginx.conf', cumulativeSize: 7000, layers: [0, 1] }]);
});

test("dive counts the kept copy as waste and misses a deleted directory; recoverable bytes do neither", () => {
  const layers = [
    [e('app', 'directory'), e('app/big', 'file', 1000), e('cache', 'directory'), e('cache/blob', 'file', 500)],
    [e('app/big', 'file', 1000), e('cache', 'whiteout')],
  ];
  const dive = diveEfficiency(layers);
  assert.equal(dive.wastedBytes, 2000);
  const tree = new FileTree(layers);
  assert.equal(tree.wasted.reduce((sum, w) => sum + w.size, 0), 1500);
});
