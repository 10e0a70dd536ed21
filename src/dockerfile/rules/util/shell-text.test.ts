import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainCommandWords } from './shell-text.js';

test('plain words for exec form', () => {
  assert.deepEqual(plainCommandWords('node server.js --port=8080'), ['node', 'server.js', '--port=8080']);
  assert.deepEqual(plainCommandWords('exec  gunicorn -b 0.0.0.0:80 app:app'), ['gunicorn', '-b', '0.0.0.0:80', 'app:app']);
  for (const text of ['echo $HOME', 'a > b', 'FOO=1 app', 'cd /x', 'ls *.txt', "echo 'x'", 'exec', '~/bin/app', 'a;b'])
    assert.equal(plainCommandWords(text), undefined, text);
});
