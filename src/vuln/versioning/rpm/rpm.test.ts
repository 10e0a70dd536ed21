import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertHostileInputIsCheap, assertOrder, assertValidity } from '../../../../test/support/version-order.js';
import { rpm, rpmvercmp } from './rpm.js';

test('rpmvercmp: digit and letter runs, separators skipped, numbers beat letters', () => {
  const rows: [string, string, number][] = [
    ['1.0', '1.0', 0],
    ['1.0', '1_0', 0],
    ['1.0010', '1.9', 1],
    ['2.0.1a', '2.0.1', 1],
    ['5.5p1', '5.5p10', -1],
    ['1.0a', '1.0.1', -1],
    ['a', '1', -1],
    ['1.1.α', '1.1.β', 0],
  ];
  for (const [a, b, order] of rows) {
    assert.equal(rpmvercmp(a, b), order, `${a} vs ${b}`);
    assert.equal(rpmvercmp(b, a), -order || 0, `${b} vs ${a}`);
  }
});

test('tilde sorts before everything, caret after the base but before any further part', () => {
  assertOrder(rpm, [
    ['1.0~rc1', '<', '1.0'],
    ['1.0~rc1', '<', '1.0~rc2'],
    ['1.0~~', '<', '1.0~'],
    ['1.0^git1', '>', '1.0'],
    ['1.0^git1', '<', '1.0.1'],
    ['1.0^git1', '<', '1.0^git2'],
    ['1.0~rc1^git1', '<', '1.0~rc1.1'],
    ['1.0^', '>', '1.0'],
  ]);
});

test('epoch, then version, then release; no release sorts below any release', () => {
  assertOrder(rpm, [
    ['1:1.0-1', '>', '2.0-1'],
    ['0:1.0-1.el9', '=', '1.0-1.el9'],
    ['1.0-1.el9', '<', '1.0-1.el9_2'],
    ['3.0.7-24.el9', '<', '1:3.0.7-16.el9'],
    ['2.34-100.el9_4.2', '<', '2.34-100.el9_4.3'],
    ['1.0', '<', '1.0-1'],
    ['1.0', '<', '1.0-'],
    ['1.2-3-4', '<', '1.2-3-5'],
    ['a:1', '<', 'b:1'],
  ]);
});

test('validity: numeric epoch, printable, something to compare', () => {
  assertValidity(rpm, ['1.0', '1:1.0-1.el9', '1.0^git1~rc2-3.fc40'], ['', 'x:1.0', '1.0 -1', '...', '1.0-~', '1.0\n']);
});

test('hostile input stays cheap', () => {
  assertHostileInputIsCheap(rpm);
});
