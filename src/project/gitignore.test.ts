import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Gitignore, GitignoreStack } from './gitignore.js';

test('a name without a slash matches at any depth; with a slash it is anchored to the file', () => {
  const file = new Gitignore('build\n/dist\ndocs/Dockerfile\n');
  assert.equal(file.decide('build', true), true);
  assert.equal(file.decide('a/b/build', false), true);
  assert.equal(file.decide('dist', true), true);
  assert.equal(file.decide('web/dist', true), undefined);
  assert.equal(file.decide('docs/Dockerfile', false), true);
  assert.equal(file.decide('web/docs/Dockerfile', false), undefined);
});

test('wildcards stay in one component, ** spans them, a trailing slash wants a directory', () => {
  const file = new Gitignore('*.tpl\nout/\nfoo/**/bar\n**/gen/*.txt\nlib/**\n');
  assert.equal(file.decide('a/Dockerfile.tpl', false), true);
  assert.equal(file.decide('out', false), undefined);
  assert.equal(file.decide('out', true), true);
  assert.equal(file.decide('foo/bar', false), true);
  assert.equal(file.decide('foo/x/y/bar', false), true);
  assert.equal(file.decide('x/gen/a.txt', false), true);
  assert.equal(file.decide('gen/a/b.txt', false), undefined);
  assert.equal(file.decide('lib', true), undefined);
  assert.equal(file.decide('lib/x', false), true);
});

test('the last matching line decides; negation, escapes, comments and brackets', () => {
  const file = new Gitignore('# comment\n*.log\n!keep.log\n\\#hash\n\\!bang\nfile[0-9]\ntrailing\\ \n');
  assert.equal(file.decide('a.log', false), true);
  assert.equal(file.decide('keep.log', false), false);
  assert.equal(file.decide('#hash', false), true);
  assert.equal(file.decide('!bang', false), true);
  assert.equal(file.decide('file7', false), true);
  assert.equal(file.decide('fileX', false), undefined);
  assert.equal(file.decide('trailing ', false), true);
  assert.equal(file.decide('# comment', false), undefined);
});

test('a deeper ignore file overrides a shallower one, only below its directory', () => {
  const stack = GitignoreStack.empty().enter('', 'Dockerfile.*\n').enter('svc', '!Dockerfile.prod\n');
  assert.equal(stack.ignores('Dockerfile.prod', false), true);
  assert.equal(stack.ignores('svc/Dockerfile.prod', false), false);
  assert.equal(stack.ignores('svc/Dockerfile.dev', false), true);
  assert.equal(stack.ignores('svcx/Dockerfile.prod', false), true);
});

test('hostile patterns take linear time: stars in a name and ** chains on a deep path', () => {
  const file = new Gitignore(`${'*a'.repeat(40)}b\n${'**/'.repeat(200)}x/**/y\n[!\n`);
  const deep = Array.from({ length: 2000 }, () => 'd').join('/');
  const started = performance.now();
  assert.equal(file.decide('a'.repeat(250), false), undefined);
  assert.equal(file.decide(`${deep}/z`, false), undefined);
  assert.equal(file.decide(`${deep}/x/q/y`, false), true);
  assert.ok(performance.now() - started < 1000, `took ${performance.now() - started} ms`);
});
