import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseShell } from '../../../shell/parse.js';
import { clears, pathOf, removalOf } from './files.js';

test('path words: ~ and $HOME are /root', () => {
  const words = parseShell('x ~/.cache "$HOME/.npm" ${HOME}/a $OTHER/b /abs').commands[0]!.command.args;
  assert.deepEqual(words.map(pathOf), ['/root/.cache', '/root/.npm', '/root/a', undefined, '/abs']);
});

test('what a removal clears', () => {
  assert.ok(clears('/var/lib/apt/lists/*', '/var/lib/apt/lists'));
  assert.ok(clears('/var/lib/apt/', '/var/lib/apt/lists'));
  assert.ok(!clears('/var/lib/apt/lists/partial', '/var/lib/apt/lists'));
  assert.ok(!clears('/var/lib/apt/lists/*.deb', '/var/lib/apt/lists'));
  assert.ok(!clears('/', '/var'), 'rm -rf / is no clean-up');
});

test('removals after a point, by rm or find -delete', () => {
  const script = parseShell('rm -rf /a && make && sudo rm -rf /b/* && find /c -type f -delete && find /d -name x');
  const after = script.commands[1]!.command.start;
  assert.equal(removalOf(script, ['/a'], after), undefined);
  assert.ok(removalOf(script, ['/b'], after));
  assert.ok(removalOf(script, ['/c/sub'], after));
  assert.equal(removalOf(script, ['/d'], after), undefined);
});
