import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRegistryReference, parseRegistryReference } from './reference.js';

test('references normalise as Docker normalises them', () => {
  const cases: [string, string, string][] = [
    ['node', 'registry-1.docker.io', 'docker.io/library/node:latest'],
    ['node:20-slim', 'registry-1.docker.io', 'docker.io/library/node:20-slim'],
    ['docker.io/node:20', 'registry-1.docker.io', 'docker.io/library/node:20'],
    ['index.docker.io/library/node', 'registry-1.docker.io', 'docker.io/library/node:latest'],
    ['bitnami/redis:7', 'registry-1.docker.io', 'docker.io/bitnami/redis:7'],
    ['localhost/fixture/x:1', 'localhost', 'localhost/fixture/x:1'],
    ['127.0.0.1:5000/a/b/c:t', '127.0.0.1:5000', '127.0.0.1:5000/a/b/c:t'],
    ['ghcr.io/o/r@sha256:' + 'a'.repeat(64), 'ghcr.io', `ghcr.io/o/r@sha256:${'a'.repeat(64)}`],
    ['ghcr.io/o/r:1@sha256:' + 'b'.repeat(64), 'ghcr.io', `ghcr.io/o/r:1@sha256:${'b'.repeat(64)}`],
  ];
  for (const [input, registry, formatted] of cases) {
    const reference = parseRegistryReference(input);
    assert.equal(reference.registry, registry, input);
    assert.equal(formatRegistryReference(reference), formatted, input);
  }
});

test('invalid references name the problem', () => {
  assert.throws(() => parseRegistryReference('Node:20'), { name: 'InputError', message: /Node:20: invalid image reference/ });
  assert.throws(() => parseRegistryReference('node:bad tag'), { message: 'node:bad tag: invalid tag "bad tag"' });
  assert.throws(() => parseRegistryReference('node@sha256:123'), { message: 'node@sha256:123: invalid digest "sha256:123"' });
  assert.throws(() => parseRegistryReference('host:5000/'), { message: /invalid image reference/ });
});
