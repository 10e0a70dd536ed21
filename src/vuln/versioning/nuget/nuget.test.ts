import { test } from 'node:test';
import { assertHostileInputIsCheap, assertOrder, assertValidity } from '../../../../test/support/version-order.js';
import { nuget } from './nuget.js';

test('four numbers, a missing one is 0', () => {
  assertOrder(nuget, [
    ['1.0.0.1', '>', '1.0.0'],
    ['1.0.0.0', '=', '1.0'],
    ['1.0', '=', '1'],
    ['4.7.2.10', '>', '4.7.2.9'],
    ['6.0.0.1', '<', '6.0.1'],
  ]);
});

test('SemVer 2 pre-releases, labels without regard to case, metadata ignored', () => {
  assertOrder(nuget, [
    ['1.0.0-beta', '<', '1.0.0'],
    ['1.0.0-Beta', '=', '1.0.0-beta'],
    ['1.0.0-alpha', '<', '1.0.0-BETA'],
    ['1.0.0-beta.2', '<', '1.0.0-beta.10'],
    ['1.0.0-beta.2', '<', '1.0.0-beta.x'],
    ['1.0.0+abc', '=', '1.0.0+def'],
    ['1.0.0.1-rc.1+sha.1', '<', '1.0.0.1'],
    ['8.0.0-preview.7.23375.6', '<', '8.0.0-rc.1.23419.4'],
  ]);
});

test('validity is NuGetVersion.TryParse', () => {
  assertValidity(nuget, ['1', '1.0.0.0', '1.0.0-beta.1+build.2', '01.2.3'], ['', '1.0.0.0.0', 'v1.0', '1.0-', '1.0.0+', '99999999999.0', 'a.b']);
});

test('hostile input stays cheap', () => {
  assertHostileInputIsCheap(nuget);
});
