import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeForTerminal } from './terminal-text.js';

test('controls, C1, bidi controls and raw bytes are escaped; other text is kept', () => {
  assert.equal(escapeForTerminal('plain: ünïcødé 日本 😀 \\ "q"'), 'plain: ünïcødé 日本 😀 \\ "q"');
  assert.equal(escapeForTerminal('\x1b]0;t\x07\x1b[2J'), '\\x1b]0;t\\x07\\x1b[2J');
  assert.equal(escapeForTerminal('a\nb\rc\td\x00e\x7f'), 'a\\nb\\rc\\td\\x00e\\x7f');
  assert.equal(escapeForTerminal('\u0080\u009b\u009f\u00a0'), '\\u0080\\u009b\\u009f\u00a0');
  assert.equal(escapeForTerminal('\u202a\u202e\u2066\u2069\u2065\u206a'), '\\u202a\\u202e\\u2066\\u2069\u2065\u206a');
  // a byte that is not UTF-8, as file-names.ts carries it, and a lone surrogate of any other kind
  assert.equal(escapeForTerminal('key\udcff\udc80'), 'key\\xff\\x80');
  assert.equal(escapeForTerminal('\ud800x\udc00'), '\\ud800x\\udc00');
});

test('the same result twice in a row (the pattern keeps no state between calls)', () => {
  assert.equal(escapeForTerminal('x\x1b'), 'x\\x1b');
  assert.equal(escapeForTerminal('\x1b'), '\\x1b');
});
