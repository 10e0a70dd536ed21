import { test } from 'node:test';
import { assertHostileInputIsCheap, assertOrder, assertValidity } from '../../../../test/support/version-order.js';
import { dpkg } from './dpkg.js';

test('epochs outrank everything, a missing epoch is 0', () => {
  assertOrder(dpkg, [
    ['1:1.0', '>', '9.9'],
    ['0:1.0', '=', '1.0'],
    ['2:0.1', '>', '1:99'],
    ['10:1', '>', '9:1'],
    ['00:1.0', '=', '1.0'],
  ]);
});

test('tilde sorts before the end of the string, and before anything else', () => {
  assertOrder(dpkg, [
    ['1.0~rc1', '<', '1.0'],
    ['1.0~rc1', '<', '1.0~rc2'],
    ['1.0~~', '<', '1.0~'],
    ['1.0~~a', '<', '1.0~'],
    ['1.0~', '<', '1.0'],
    ['2.30-1~bpo12+1', '<', '2.30-1'],
  ]);
});

test('letters sort before other characters, digit runs by value', () => {
  assertOrder(dpkg, [
    ['1.0a', '>', '1.0'],
    ['1.0+', '>', '1.0a'],
    ['1.0.', '>', '1.0z'],
    ['1.10', '>', '1.9'],
    ['1.010', '=', '1.10'],
    ['1.0', '=', '1.00'],
    ['99999999999999999999999.1', '<', '99999999999999999999999.2'],
  ]);
});

test('the revision is what follows the last hyphen; no revision equals revision 0', () => {
  assertOrder(dpkg, [
    ['1.2-3-4', '>', '1.2-3-3'],
    ['1.2-3-4', '>', '1.2-3'],
    ['1.0', '=', '1.0-0'],
    ['1.0-1', '>', '1.0'],
    ['3.0.13-1~deb12u1', '<', '3.0.13-1'],
    ['3.0.15-1~deb12u1', '>', '3.0.13-1'],
    ['2.36-9+deb12u4', '>', '2.36-9+deb12u3'],
    ['1:2.39.2-1.1ubuntu0.1', '<', '1:2.39.2-1.1ubuntu0.2'],
  ]);
});

test('validity follows dpkg: numeric epoch, upstream starting with a digit, known characters', () => {
  assertValidity(
    dpkg,
    ['1.2.3', '1:1.2.3', '2:7.4.052-1ubuntu3.1', '1.0~rc1+dfsg-2', '1:2.3:4-1', '6.0-4.el6.x86_64'],
    ['', 'A:1.2.3', '-1:1.2.3', '2:-1ubuntu3.1', '2:A7.4', '1.0-', '1.0 1', '1:2:3!', 'a1.0', '1.2:3', '7.4.052-!1'],
  );
});

test('hostile input stays cheap', () => {
  assertHostileInputIsCheap(dpkg);
});
