import { test } from 'node:test';
import { assertHostileInputIsCheap, assertOrder, assertValidity } from '../../../../test/support/version-order.js';
import { composer } from './composer.js';

test('stability: dev < alpha < beta < RC < release < patch', () => {
  assertOrder(composer, [
    ['1.0.0-dev', '<', '1.0.0-alpha1'],
    ['1.0.0-alpha1', '<', '1.0.0-alpha2'],
    ['1.0.0-alpha2', '<', '1.0.0-beta1'],
    ['1.0.0-beta1', '<', '1.0.0-RC1'],
    ['1.0.0-RC1', '=', '1.0.0-rc1'],
    ['1.0.0-RC1', '<', '1.0.0'],
    ['1.0.0', '<', '1.0.0-p1'],
    ['1.0.0-patch1', '=', '1.0.0-pl1'],
    ['1.0.0-a1', '=', '1.0.0-alpha1'],
    ['1.0.0-b2', '=', '1.0.0-beta2'],
    ['1.0.0-foo', '<', '1.0.0-dev'],
  ]);
});

test('separators, a leading v, letters glued to digits', () => {
  assertOrder(composer, [
    ['v1.2.3', '=', '1.2.3'],
    ['1.0rc1', '=', '1.0-RC1'],
    ['1.0_beta', '=', '1.0.beta'],
    ['1.0+1', '=', '1.0.1'],
    ['1.0', '<', '1.0.0'],
    ['1.0.1', '>', '1.0'],
    ['5.4.10', '>', '5.4.9'],
    ['2.0.0-beta.3', '<', '2.0.0'],
    ['1.0.0-beta1-dev', '<', '1.0.0-beta1'],
  ]);
});

test("validity follows Composer's normalisable versions", () => {
  assertValidity(
    composer,
    ['1.0.0', 'v2.1', '1.0.0-beta1', '1.0.0-RC2', '1.0.0.0-patch3', '1.0.x-dev', 'dev-main', '2.0.0-beta.1', '1.0+build'],
    ['', 'latest', '1.0.0.0.0', '1.0-foo', 'x.1'],
  );
});

test('hostile input stays cheap', () => {
  assertHostileInputIsCheap(composer);
});
