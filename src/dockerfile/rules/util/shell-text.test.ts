import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endsInComment, isSingleCommand, plainCommandWords } from './shell-text.js';

test('single commands', () => {
  for (const text of ['make', 'echo "a && b; c | d"', "echo 'x;y'", 'make 2>&1', 'cmd &>/dev/null', 'echo $(a && b)', 'echo "$(a; b)"', 'echo a\\;b', 'make # a; b'])
    assert.ok(isSingleCommand(text), text);
  for (const text of ['a && b', 'a || b', 'a; b', 'a | b', 'a & b', 'echo `date`', 'echo "unterminated', 'echo $(a'])
    assert.ok(!isSingleCommand(text), text);
});

test('trailing comments', () => {
  assert.ok(endsInComment('make # build'));
  assert.ok(!endsInComment('echo a#b'));
  assert.ok(!endsInComment('echo "# not"'));
});

test('plain words for exec form', () => {
  assert.deepEqual(plainCommandWords('node server.js --port=8080'), ['node', 'server.js', '--port=8080']);
  assert.deepEqual(plainCommandWords('exec  gunicorn -b 0.0.0.0:80 app:app'), ['gunicorn', '-b', '0.0.0.0:80', 'app:app']);
  for (const text of ['echo $HOME', 'a > b', 'FOO=1 app', 'cd /x', 'ls *.txt', "echo 'x'", 'exec', '~/bin/app', 'a;b'])
    assert.equal(plainCommandWords(text), undefined, text);
});
