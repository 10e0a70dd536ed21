import { test } from 'node:test';
import { assertHostileInputIsCheap, assertOrder, assertValidity } from '../../../../test/support/version-order.js';
import { pubSemver, semver } from './semver.js';

test('SemVer 2.0 precedence, the spec example chain', () => {
  assertOrder(semver, [
    ['1.0.0-alpha', '<', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '<', '1.0.0-alpha.beta'],
    ['1.0.0-alpha.beta', '<', '1.0.0-beta'],
    ['1.0.0-beta', '<', '1.0.0-beta.2'],
    ['1.0.0-beta.2', '<', '1.0.0-beta.11'],
    ['1.0.0-beta.11', '<', '1.0.0-rc.1'],
    ['1.0.0-rc.1', '<', '1.0.0'],
    ['1.0.0', '<', '2.0.0'],
    ['2.0.0', '<', '2.1.0'],
    ['2.1.0', '<', '2.1.1'],
  ]);
});

test('build metadata is ignored, a Go v prefix dropped, missing numbers are 0', () => {
  assertOrder(semver, [
    ['1.0.0+build.1', '=', '1.0.0+build.2'],
    ['1.0.0-rc.1+x', '<', '1.0.0'],
    ['v1.2.3', '=', '1.2.3'],
    ['v0.0.0-20230101120000-abcdef123456', '<', 'v0.0.1'],
    ['v2.0.0+incompatible', '=', '2.0.0'],
    ['1.2', '=', '1.2.0'],
    ['1.1.3.4.5', '>', '1.1.3.4'],
    ['999999999999999999999999999991', '<', '999999999999999999999999999999'],
    ['1.0.0-x-y-z.--', '>', '1.0.0-x-y-z.-'],
    ['1.0.0-0', '<', '1.0.0-a'],
  ]);
});

test('Pub orders build metadata after the rest: none first, then as pre-release identifiers', () => {
  assertOrder(pubSemver, [
    ['1.0.0', '<', '1.0.0+build'],
    ['1.0.0-pre', '<', '1.0.0-pre+build'],
    ['1.2.3+1', '<', '1.2.3+2'],
    ['1.2.3+900', '<', '1.2.3+a'],
    ['1.2.3+a1', '>', '1.2.3+a'],
    ['1.2.3+build', '<', '1.2.3+build.1'],
    ['1.2.3-beta+z', '<', '1.2.3'],
    ['v1.2.3', '=', '1.2.3'],
  ]);
});

test('validity is npm semver strict parsing', () => {
  assertValidity(semver, ['1.2.3', 'v1.2.3', '1.0.0-rc.1+build.5', '0.0.0-20230101120000-abcdef123456'], ['1.2', '01.2.3', '1.2.3-01', '1.2.3.4', '', 'latest']);
});

test('hostile input stays cheap', () => {
  assertHostileInputIsCheap(semver);
});
