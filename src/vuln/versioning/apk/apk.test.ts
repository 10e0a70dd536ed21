import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertHostileInputIsCheap, assertOrder, assertValidity } from '../../../../test/support/version-order.js';
import { apk, apkFuzzyMatch } from './apk.js';

test('revisions -rN order by value after everything else', () => {
  assertOrder(apk, [
    ['1.2.3-r0', '<', '1.2.3-r1'],
    ['1.2.3-r9', '<', '1.2.3-r10'],
    ['1.2.3', '<', '1.2.3-r0'],
    ['1.2.3-r100', '<', '1.2.4-r0'],
    ['3.0.8-r0', '>', '3.0.7-r15'],
  ]);
});

test('pre-release suffixes sort below the release, post-release ones above, _p highest', () => {
  assertOrder(apk, [
    ['1.0_alpha', '<', '1.0_beta'],
    ['1.0_beta2', '<', '1.0_pre1'],
    ['1.0_pre1', '<', '1.0_rc1'],
    ['1.0_rc1', '<', '1.0'],
    ['1.0', '<', '1.0_cvs'],
    ['1.0_cvs', '<', '1.0_svn'],
    ['1.0_svn', '<', '1.0_git'],
    ['1.0_git', '<', '1.0_hg'],
    ['1.0_hg', '<', '1.0_p1'],
    ['9.7_p1-r0', '<', '9.7_p1-r4'],
    ['9.6_p1-r0', '<', '9.7_p1-r0'],
    ['1.0_alpha1', '<', '1.0_alpha2'],
    ['1.0_p1', '<', '1.0.1'],
  ]);
});

test('a letter after the numbers is newer; leading zeros compare as text', () => {
  assertOrder(apk, [
    ['1.0a', '>', '1.0'],
    ['1.0a', '<', '1.0b'],
    ['1.0z', '<', '1.1'],
    ['1.01', '<', '1.1'],
    ['1.001', '<', '1.01'],
    ['1.10', '>', '1.9'],
    ['1.0~abc', '=', '1.0~abc'],
  ]);
});

test('versions apk refuses still order by their text where apk gives up', () => {
  assertOrder(apk, [
    ['6.6.1p1-r0', '<', '6.6.1p1-r3'],
    ['5.7.3p1-r1', '<', '5.7.3p2-r0'],
    ['a', '<', 'b'],
    ['1-r0-1', '=', '1-r0-2'],
    ['1.0', '<', '1.0bc'],
  ]);
});

test('fuzzy match: same prefix at a part boundary', () => {
  assert.equal(apkFuzzyMatch('3.6.9', '3.6'), true);
  assert.equal(apkFuzzyMatch('3.6_pre1', '3.6'), true);
  assert.equal(apkFuzzyMatch('3.8', '3.8.1'), false);
  assert.equal(apkFuzzyMatch('3.6.0', '3.8'), false);
});

test('validity follows apk-tools 3', () => {
  assertValidity(
    apk,
    ['1.2', '0.1_pre2~1234abcd', '0.1_git20240101_pre1', '1.2.3-r0', '9.7_p1-r4', '1.0a-r2'],
    ['', '0.1a1', '0.1_foobar', '0.1-r', '0.1-r2-r3', '.1', '0.1_', 'a', '1.0-r1 ', '0.1_pre2~'],
  );
});

test('hostile input stays cheap', () => {
  assertHostileInputIsCheap(apk);
});
