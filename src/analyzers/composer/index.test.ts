import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composerAnalyzer, parseComposerFile } from './index.js';

const installed2 = JSON.stringify({
  packages: [
    { name: 'monolog/monolog', version: '3.5.0', version_normalized: '3.5.0.0', license: ['MIT'] },
    { name: 'phpunit/phpunit', version: '10.5.1', license: ['BSD-3-Clause'] },
  ],
  dev: true,
  'dev-package-names': ['phpunit/phpunit'],
});
const lock = JSON.stringify({
  packages: [{ name: 'guzzlehttp/guzzle', version: 'v7.8.1', license: ['MIT'] }],
  'packages-dev': [{ name: 'mockery/mockery', version: '1.6.7' }],
});

test('Composer 2 installed.json, Composer 1 installed.json and composer.lock', () => {
  assert.deepEqual(parseComposerFile('app/vendor/composer/installed.json', installed2), [
    { name: 'monolog/monolog', version: '3.5.0', licenses: ['MIT'] },
    { name: 'phpunit/phpunit', version: '10.5.1', licenses: ['BSD-3-Clause'], dev: true },
  ]);
  assert.deepEqual(parseComposerFile('vendor/composer/installed.json', JSON.stringify([{ name: 'a/b', version: '1.0.0' }])), [{ name: 'a/b', version: '1.0.0' }]);
  assert.deepEqual(parseComposerFile('app/composer.lock', lock), [
    { name: 'guzzlehttp/guzzle', version: 'v7.8.1', licenses: ['MIT'] },
    { name: 'mockery/mockery', version: '1.6.7', dev: true },
  ]);
  assert.equal(parseComposerFile('composer.lock', '{not json'), undefined);
});

test('inventory: vendor/ speaks for its project; a lockfile only where nothing is installed, and not for dev packages', () => {
  const at = (path: string, text: string, live = true) => ({ layer: 1, path, fact: parseComposerFile(path, text)!, live });
  const found = composerAnalyzer.inventory!([
    at('app/vendor/composer/installed.json', installed2),
    at('app/composer.lock', lock),
    at('other/composer.lock', lock),
  ]);
  assert.deepEqual(
    found.map((p) => `${p.path} ${p.name}@${p.version}`),
    ['app/vendor/composer/installed.json monolog/monolog@3.5.0', 'app/vendor/composer/installed.json phpunit/phpunit@10.5.1', 'other/composer.lock guzzlehttp/guzzle@7.8.1'],
  );
});
