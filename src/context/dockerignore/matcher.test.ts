import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../core/errors.js';
import { dockerignore } from './index.js';
import { BadIgnorePatternError } from './pattern.js';

test('patterns match at the root only, parents carry over, the last match wins', () => {
  const ignore = dockerignore.parse('*.md\n!README.md\nnode_modules\n**/*.log\ndocs\n!docs/keep.md\n');
  assert.equal(ignore.matches('CHANGES.md'), true);
  assert.equal(ignore.matches('README.md'), false);
  assert.equal(ignore.matches('sub/CHANGES.md'), false, '*.md is anchored at the root');
  assert.equal(ignore.matches('node_modules/x/index.js'), true);
  assert.equal(ignore.matches('a/b/c.log'), true);
  assert.equal(ignore.matches('docs/guide.md'), true);
  assert.equal(ignore.matches('docs/keep.md'), false);
});

test('patterns are cleaned and one leading / stripped; whitespace and comments ignored', () => {
  const ignore = dockerignore.parse('\uFEFF# comment\r\n  /build/  \r\n./dist/\n a/../secret \n   # not a comment: a pattern\n');
  assert.deepEqual(
    ignore.patterns.map((p) => [p.toString(), p.line]),
    [
      ['build', 2],
      ['dist', 3],
      ['secret', 4],
      ['# not a comment: a pattern', 5],
    ],
  );
  assert.equal(ignore.matches('build/out.js'), true);
  assert.equal(ignore.matches('secret'), true);
});

test('Docker is case-sensitive and treats braces and plus signs literally', () => {
  const ignore = dockerignore.parse('README.MD\n{a,b}.txt\nlibstdc++.so\n[!a].txt\n');
  assert.equal(ignore.matches('readme.md'), false);
  assert.equal(ignore.matches('{a,b}.txt'), true);
  assert.equal(ignore.matches('a.txt'), true, '[!a] is a class of ! and a, not a negation');
  assert.equal(ignore.matches('b.txt'), false);
  assert.equal(ignore.matches('libstdc++.so'), true);
});

test('dir/** keeps the directory itself but takes everything in it', () => {
  const ignore = dockerignore.parse('dir/**\n');
  assert.equal(ignore.matches('dir'), false);
  assert.equal(ignore.matches('dir/a/b'), true);
});

test('an exception does not undo a later-listed deeper exclusion (BuildKit walks with per-pattern parent results)', () => {
  // fsutil evaluates `!a` against `a/x` only, with `a`'s own result for `!a` recorded as "not
  // evaluated", so `a/x` stays excluded even though `!a` comes last.
  const ignore = dockerignore.parse('a/x\n!a\n');
  assert.equal(ignore.matches('a/x'), true);
  assert.equal(ignore.matches('a/y'), false);
});

test('a lone ! and malformed patterns are reported with file and line', () => {
  assert.throws(() => dockerignore.parse('ok\n\n!\n', 'app/.dockerignore'), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.match(error.message, /^app\/\.dockerignore:3: /);
    return true;
  });
  assert.throws(() => dockerignore.parse('# x\n[abc\n'), { message: /^\.dockerignore:2: bad pattern "\[abc": syntax error in pattern/ });
});

test('a pattern Go cannot compile fails only when it is reached, like Docker', () => {
  const ignore = dockerignore.parse('x\n[Local-Only]/\n');
  assert.throws(() => ignore.matches('y'), (error: unknown) => {
    assert.ok(error instanceof BadIgnorePatternError);
    assert.match(error.message, /^\.dockerignore:2: bad pattern "\[Local-Only\]"/);
    return true;
  });
  // An inclusion pattern is skipped once a path is already excluded, so it is never compiled.
  assert.equal(ignore.matches('x'), true);
});

test('exceptionCouldMatchInside decides which excluded directories must still be read', () => {
  const plain = dockerignore.parse('node_modules\nbuild\n!build/keep.txt\n');
  assert.equal(plain.exceptionCouldMatchInside('node_modules'), false);
  assert.equal(plain.exceptionCouldMatchInside('build'), true);
  const wild = dockerignore.parse('node_modules\ndocs\n!docs/*/keep.md\n');
  assert.equal(wild.exceptionCouldMatchInside('node_modules'), false);
  assert.equal(wild.exceptionCouldMatchInside('docs'), true);
  assert.equal(wild.exceptionCouldMatchInside('docs/a/keep.md'), false);
  const anywhere = dockerignore.parse('node_modules\n!**/keep.md\n');
  assert.equal(anywhere.exceptionCouldMatchInside('node_modules'), true);
  assert.equal(dockerignore.parse('node_modules\n').exceptionCouldMatchInside('node_modules'), false);
});

test('a line longer than Go can scan makes the file unreadable', () => {
  assert.throws(() => dockerignore.parse(`a\n${'x'.repeat(70000)}\n`), { message: /^\.dockerignore:2: line longer than 64 KiB/ });
});

test('matchesEach answers as matches does, path by path', () => {
  const texts = [
    'node_modules\n',
    '*\n!src\n',
    '**/*.log\n!keep/*.log\n',
    'a/**/b\n!a/x/b\n',
    'a\n!a/b\na/b/c\n',
    '/.x\n.x/**\n!.x/a\n',
    '*/a\n?\n',
    // Where per-pattern results handed down differ from matching each ancestor afresh (see above).
    'a/b\n!a\n',
    '*\n!a\na/b\n!a/b/c\n',
    'src/*\n!src\n',
  ];
  const names = ['a', 'b', 'c', '.x', 'src', 'keep', 'x.log', 'node_modules'];
  let paths = names;
  for (let depth = 2; depth <= 3; depth++) paths = paths.concat(paths.filter((p) => p.split('/').length === depth - 1).flatMap((p) => names.map((n) => `${p}/${n}`)));
  paths = paths.concat(['/a/b', 'a//b', './a/b', 'a/./b', 'a/../b', '/', '']);
  assert.equal(paths.length, 8 + 64 + 512 + 7);
  for (const text of texts) {
    const matcher = dockerignore.parse(text);
    assert.deepEqual(matcher.matchesEach(paths), paths.map((path) => matcher.matches(path)), text);
  }
});
