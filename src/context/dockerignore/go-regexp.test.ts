import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGoRegexp, GoRegexpError } from './go-regexp.js';

function matches(source: string, text: string): boolean {
  return compileGoRegexp(source).test(text);
}

test('the generated forms behave as in Go', () => {
  assert.equal(matches('^[^/]*\\.txt$', 'a.txt'), true);
  assert.equal(matches('^[^/]*\\.txt$', 'a/b.txt'), false);
  assert.equal(matches('^(.*/)?dir2/[^/]*$', 'x/y/dir2/f'), true);
  assert.equal(matches('^a\\.\\|\\)\\$\\(\\}\\+\\{bc$', 'a.|)$(}+{bc'), true);
});

test('. does not match a newline but does match a carriage return (unlike JavaScript)', () => {
  assert.equal(matches('^a.b$', 'a\rb'), true);
  assert.equal(matches('^a.b$', 'a\nb'), false);
  assert.equal(matches('^a.b$', 'a\u2028b'), true);
});

test('Go escapes and classes translate', () => {
  assert.equal(matches('^\\x41$', 'A'), true);
  assert.equal(matches('^\\101$', 'A'), true);
  assert.equal(matches('^\\d$', '7'), true);
  assert.equal(matches('^\\s$', '\v'), false, 'Go \\s has no vertical tab');
  assert.equal(matches('^[[:alpha:]]$', 'q'), true);
  assert.equal(matches('^[[:^digit:]]$', '5'), false);
  assert.equal(matches('^[]a]$', ']'), true, '] first in a class is literal');
  assert.equal(matches('^[^/]$', '\n'), true, 'negated classes match newline');
  assert.equal(matches('^\\pL$', 'é'), true);
  assert.equal(matches('^\\PC$', 'x'), true);
  assert.equal(matches('^[a\\PC]$', '\u0000'), false);
  assert.equal(matches('^\\Qa.b\\E$', 'a.b'), true);
  assert.equal(matches('^\\Qa.b\\E$', 'axb'), false);
  assert.equal(matches('^a^b$', 'ab'), false, 'a mid-text ^ never matches');
});

test('invalid Go regexps are errors', () => {
  for (const bad of ['^[Local-Only]$', '^\\e$', '^\\8$', '^\\C$', '^[a$', '^\\pX$', '^\\1$', '^[[:nope:]]$']) {
    assert.throws(() => compileGoRegexp(bad), GoRegexpError, bad);
  }
});
