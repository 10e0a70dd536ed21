import assert from 'node:assert/strict';
import { test } from 'node:test';
import { officialImageName, parseImageRef, withTag } from './image-ref.js';

test('Docker Hub names are normalised', () => {
  assert.deepEqual(parseImageRef('node'), { domain: 'docker.io', path: 'node', repository: 'library/node' });
  assert.deepEqual(parseImageRef('bitnami/redis:7.2'), { domain: 'docker.io', path: 'bitnami/redis', repository: 'bitnami/redis', tag: '7.2' });
  const hub = parseImageRef('index.docker.io/library/node:20@sha256:abc')!;
  assert.equal(hub.domain, 'docker.io');
  assert.equal(hub.tag, '20');
  assert.equal(hub.digest, 'sha256:abc');
  assert.equal(officialImageName(hub), 'node');
  assert.equal(officialImageName(parseImageRef('ghcr.io/library/node')!), undefined);
});

test('a registry is a first component with a dot, a port or localhost', () => {
  assert.equal(parseImageRef('localhost:5000/app')!.domain, 'localhost:5000');
  assert.equal(parseImageRef('localhost:5000/app')!.tag, undefined);
  assert.equal(parseImageRef('localhost/app:1')!.tag, '1');
  assert.equal(parseImageRef('myorg/app')!.domain, 'docker.io');
  assert.equal(parseImageRef('Quay.IO/org/app')!.domain, 'quay.io');
});

test('no reference from empty or broken text', () => {
  for (const text of ['', ':latest', 'a b', 'node:', 'node@', 'a//b', '/node']) assert.equal(parseImageRef(text), undefined, text);
});

test('withTag keeps the domain and path as written and drops the digest', () => {
  assert.equal(withTag(parseImageRef('docker.io/library/node:20@sha256:abc')!, '20-slim'), 'docker.io/library/node:20-slim');
  assert.equal(withTag(parseImageRef('python')!, '3-slim'), 'python:3-slim');
});
