import assert from 'node:assert/strict';
import { test } from 'node:test';
import { npmAnalyzer, parseNpmFile } from './index.js';

test('installed packages, app manifests and lockfile dev flags are told apart', () => {
  assert.deepEqual(parseNpmFile('app/node_modules/@types/node/package.json', '{"name":"@types/node","version":"20.1.0"}'), {
    kind: 'installed',
    name: '@types/node',
    version: '20.1.0',
  });
  assert.deepEqual(
    parseNpmFile('app/package.json', '{"name":"web","dependencies":{"express":"^4"},"devDependencies":{"jest":"^29","typescript":"^5"}}'),
    { kind: 'app', name: 'web', dependencies: ['express'], devDependencies: ['jest', 'typescript'] },
  );
  assert.deepEqual(
    parseNpmFile(
      'app/package-lock.json',
      JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/express': {}, 'node_modules/jest': { dev: true }, 'node_modules/jest/node_modules/x': { dev: true } } }),
    ),
    { kind: 'lockfile', devOnly: ['node_modules/jest', 'node_modules/jest/node_modules/x'] },
  );
  assert.equal(parseNpmFile('app/package.json', '{not json'), undefined);
});

test('manifests and lockfiles are wanted, other JSON is not', () => {
  const file = { path: '', kind: 'file' as const, size: 1, mode: 0o644, uid: 0, gid: 0 };
  assert.equal(npmAnalyzer.wants('package.json', file), true);
  assert.equal(npmAnalyzer.wants('app/node_modules/.package-lock.json', file), true);
  assert.equal(npmAnalyzer.wants('app/tsconfig.json', file), false);
  assert.equal(npmAnalyzer.wants('app/package.json', { ...file, kind: 'symlink' }), false);
});
