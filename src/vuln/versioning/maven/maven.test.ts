import { test } from 'node:test';
import { assertHostileInputIsCheap, assertOrder, assertValidity } from '../../../../test/support/version-order.js';
import { maven } from './maven.js';

test('qualifiers: alpha < beta < milestone < rc < snapshot < release < sp < others', () => {
  assertOrder(maven, [
    ['1.0-alpha-1', '<', '1.0-beta-1'],
    ['1.0-beta-1', '<', '1.0-milestone-1'],
    ['1.0-milestone-1', '<', '1.0-rc-1'],
    ['1.0-rc-1', '<', '1.0-SNAPSHOT'],
    ['1.0-SNAPSHOT', '<', '1.0'],
    ['1.0', '<', '1.0-sp-1'],
    ['1.0-sp-1', '<', '1.0-xyz'],
    ['1.0-klm', '<', '1.0-lmn'],
    ['1.0-cr1', '=', '1.0-rc1'],
    ['1.0.RELEASE', '=', '1.0'],
    ['1.0-GA', '=', '1'],
    ['1.0.Final', '=', '1.0'],
  ]);
});

test('a1, b1, m1 are alpha, beta, milestone; digit-letter switches are hyphens', () => {
  assertOrder(maven, [
    ['1a1', '=', '1-alpha-1'],
    ['1b2', '=', '1-beta-2'],
    ['1m3', '=', '1-milestone-3'],
    ['1x', '=', '1.0.0-x'],
    ['2.0.0.M1', '<', '2.0.0.RC1'],
    ['5.3.0-M2', '<', '5.3.0'],
  ]);
});

test('padding and null parts: 1 = 1.0 = 1.0.0 = 1-0; separators rank .qualifier < -qualifier < -number < .number', () => {
  assertOrder(maven, [
    ['1', '=', '1.0.0'],
    ['1', '=', '1-0'],
    ['1.0', '=', '1.0-0'],
    ['1.1', '=', '1.01'],
    ['1.0', '<', '1.0-1'],
    ['1.0.0', '<', '1.0-1'],
    ['2.0-1', '<', '2.0.1'],
    ['2.0.1-xyz', '<', '2.0.1-123'],
    ['2.0.1', '<', '2.0.1-123'],
    ['1-1.foo', '<', '1-1-foo'],
    ['1.0.a', '>', '1.0-a'],
    ['2.17.1', '>', '2.17.0'],
    ['2.15.0-rc2', '<', '2.15.0'],
    ['1.2.3.4', '>', '1.2.3'],
  ]);
});

test('validity: any printable string without spaces', () => {
  assertValidity(maven, ['1.0', '1.0-SNAPSHOT', '2.0.0.M1', 'r05'], ['', '1.0 beta', '1.0\t']);
});

test('hostile input stays cheap', () => {
  assertHostileInputIsCheap(maven);
});
