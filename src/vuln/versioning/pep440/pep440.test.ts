import { test } from 'node:test';
import { assertHostileInputIsCheap, assertOrder, assertValidity } from '../../../../test/support/version-order.js';
import { pep440 } from './pep440.js';

test('dev < pre < release < post, epochs first', () => {
  assertOrder(pep440, [
    ['1.0.dev1', '<', '1.0a1'],
    ['1.0a1', '<', '1.0a2.dev1'],
    ['1.0a2.dev1', '<', '1.0a2'],
    ['1.0a2', '<', '1.0b1'],
    ['1.0b1', '<', '1.0rc1'],
    ['1.0rc1', '<', '1.0'],
    ['1.0', '<', '1.0.post1.dev1'],
    ['1.0.post1.dev1', '<', '1.0.post1'],
    ['1.0.post1', '<', '1.1.dev1'],
    ['1!0.1', '>', '2024.1'],
  ]);
});

test('normalised spellings are equal; local versions sort after their public version', () => {
  assertOrder(pep440, [
    ['1.0-RC1', '=', '1.0rc1'],
    ['1.0c1', '=', '1.0rc1'],
    ['1.0-1', '=', '1.0.post1'],
    ['1.0.0', '=', '1.0'],
    ['v1.0', '=', '1.0'],
    ['1.0+local', '>', '1.0'],
    ['1.0+local.2', '>', '1.0+local.1'],
    ['1.0+abc.10', '>', '1.0+abc.9'],
    ['1.0+1', '>', '1.0+abc'],
    ['1.0+ubuntu1', '<', '1.0.post1'],
  ]);
});

test('legacy versions sort below every PEP 440 version, by setuptools order among themselves', () => {
  assertOrder(pep440, [
    ['0.9-doduo', '<', '0.1'],
    ['0.1-bulbasaur', '<', '0.1-charmander'],
    ['2013-01-21T20:33:09+0100', '<', '2013-01-23T17:11:52+0100'],
    ['0.7.10p1', '<', '0.7.11p1'],
  ]);
});

test('validity is PEP 440', () => {
  assertValidity(pep440, ['1.0', '1!2.0.post3.dev4+local.5', ' 1.0 ', '2024.1rc1'], ['', '0.9-doduo', '1.0+', 'latest', '1.0_']);
});

test('hostile input stays cheap', () => {
  assertHostileInputIsCheap(pep440);
});
