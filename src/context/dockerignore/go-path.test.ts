import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoBadPatternError, cleanElements, goClean, goDir, goMatch, hasWildcards } from './go-path.js';

test('goClean follows filepath.Clean', () => {
  const cases: [string, string][] = [
    ['', '.'],
    ['./x/', 'x'],
    ['a/../b', 'b'],
    ['../../a', '../../a'],
    ['/../a', '/a'],
    ['//a//b/', '/a/b'],
    ['a/b/..', 'a'],
    ['.', '.'],
    ['/', '/'],
    ['!foo/../bar', 'bar'],
  ];
  for (const [input, want] of cases) assert.equal(goClean(input), want, input);
});

test('goClean and goDir take the short way only for paths Clean leaves alone', () => {
  // Every string of up to 6 characters from the ones that matter to Clean.
  const alphabet = ['a', 'b', '.', '/'];
  let paths = [''];
  for (let length = 1; length <= 6; length++) paths = paths.concat(paths.filter((p) => p.length === length - 1).flatMap((p) => alphabet.map((c) => p + c)));
  assert.equal(paths.length, 5_461);
  for (const path of paths) {
    assert.equal(goClean(path), cleanElements(path), path);
    // filepath.Dir: Clean of everything up to and including the last slash
    assert.equal(goDir(path), cleanElements(path.slice(0, path.lastIndexOf('/') + 1)), path);
  }
});

test('goDir follows filepath.Dir', () => {
  assert.equal(goDir('a/b/c'), 'a/b');
  assert.equal(goDir('file'), '.');
  assert.equal(goDir('dir/file/'), 'dir/file');
  assert.equal(goDir('/'), '/');
});

test('goMatch: * and ? never cross /, classes, escapes', () => {
  assert.equal(goMatch('*.js', 'a.js'), true);
  assert.equal(goMatch('*.js', 'a/b.js'), false);
  assert.equal(goMatch('src/*', 'src/a'), true);
  assert.equal(goMatch('a?c', 'abc'), true);
  assert.equal(goMatch('a?c', 'a/c'), false);
  assert.equal(goMatch('[a-c]x', 'bx'), true);
  assert.equal(goMatch('[^a-c]x', 'bx'), false);
  assert.equal(goMatch('a\\*b', 'a*b'), true);
  assert.equal(goMatch('a\\*b', 'axb'), false);
  assert.equal(goMatch('a?b', 'a☺b'), true);
  assert.equal(goMatch('*x', 'xxx'), true);
});

test('goMatch reports malformed patterns even after a mismatch', () => {
  for (const bad of ['[', 'a[', '[^', '[]a]', '[-]', '[x-]', '[a-b-c]', '\\', 'zz[']) {
    assert.throws(() => goMatch(bad, '.'), GoBadPatternError, bad);
  }
});

test('hasWildcards skips escaped characters', () => {
  assert.equal(hasWildcards('src/*.js'), true);
  assert.equal(hasWildcards('file[1].txt'), true);
  assert.equal(hasWildcards('a\\*b'), false);
  assert.equal(hasWildcards('plain/path'), false);
});
