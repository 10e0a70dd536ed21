import { test } from 'node:test';
import { assertHostileInputIsCheap, assertOrder, assertValidity } from '../../../../test/support/version-order.js';
import { rubygems } from './rubygems.js';

test('a letter makes a pre-release, below the release and any number', () => {
  assertOrder(rubygems, [
    ['1.0.a', '<', '1.0'],
    ['1.0.a', '<', '1.0.b'],
    ['1.0.b1', '<', '1.0.b2'],
    ['1.0.rc1', '<', '1.0'],
    ['1.0.0.pre', '<', '1.0.0'],
    ['1.0-beta', '=', '1.0.pre.beta'],
    ['1.0.a10', '>', '1.0.a9'],
    ['1.0.A', '<', '1.0.a'],
    ['7.0.0.rc1', '<', '7.0.0'],
    ['6.1.7.8', '>', '6.1.7.7'],
  ]);
});

test('trailing zeros do not count, in the release or the pre-release', () => {
  assertOrder(rubygems, [
    ['1.0', '=', '1'],
    ['1.0.0', '=', '1'],
    ['1.0.a.0', '=', '1.0.a'],
    ['1.01', '=', '1.1'],
    ['1.0.0.1', '>', '1'],
    ['1.9', '<', '1.10'],
  ]);
});

test('validity is Gem::Version::ANCHORED_VERSION_PATTERN', () => {
  assertValidity(rubygems, ['1', '1.0.a', '1.0-beta.2', ' 1.2 ', '1.2.3.4.5'], ['', 'a.1', '1..2', '1.0-', '1.0_1', 'latest']);
});

test('hostile input stays cheap', () => {
  assertHostileInputIsCheap(rubygems);
});
