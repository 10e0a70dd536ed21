import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChallenge, TokenCache } from './auth.js';

test('WWW-Authenticate challenges parse with quoted, escaped and bare values', () => {
  assert.deepEqual(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull,push"'), {
    scheme: 'bearer',
    params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/node:pull,push' },
  });
  assert.deepEqual(parseChallenge('Basic realm="a \\"quoted\\" realm"'), { scheme: 'basic', params: { realm: 'a "quoted" realm' } });
  assert.deepEqual(parseChallenge('bearer realm=http://x/token, error=insufficient_scope'), { scheme: 'bearer', params: { realm: 'http://x/token', error: 'insufficient_scope' } });
  assert.equal(parseChallenge('Negotiate abc'), undefined);
  assert.equal(parseChallenge(undefined), undefined);
});

test('tokens are cached per realm, service and scope until shortly before they expire', () => {
  const cache = new TokenCache();
  cache.set('r', 's', 'repository:a:pull', 'T1', 300);
  assert.equal(cache.get('r', 's', 'repository:a:pull'), 'T1');
  assert.equal(cache.get('r', 's', 'repository:b:pull'), undefined);
  assert.equal(cache.get('r', 'other', 'repository:a:pull'), undefined);
  cache.delete('r', 's', 'repository:a:pull');
  assert.equal(cache.get('r', 's', 'repository:a:pull'), undefined);
});
