import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { fakePrivateKey } from '../../../test/support/tar-sample.js';
import { noSecretsInLayers } from './no-secrets-in-layers.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(noSecretsInLayers);

const key = fakePrivateKey('layers');
const spec = {
  layers: [
    {
      createdBy: 'COPY . /src # buildkit',
      tar: [
        { path: 'src/deploy_key', content: key },
        { path: 'src/test/fixtures/key.pem', content: key },
        { path: 'root/.npmrc', content: '//registry.npmjs.org/:_authToken=abcdef0123456789abcdef\n' },
      ],
    },
    { createdBy: 'RUN /bin/sh -c rm /src/deploy_key # buildkit', tar: [{ path: 'src/.wh.deploy_key' }] },
  ],
};

test('secrets are reported in every layer, and a deleted one says it is still extractable', async () => {
  const report = await analyzeSpec(spec, noSecretsInLayers);
  assert.deepEqual(
    report.findings.map((f) => ['path' in f.location && f.location.path, f.severity]),
    [
      ['/src/deploy_key', 'error'],
      ['/src/test/fixtures/key.pem', 'error'],
      ['/root/.npmrc', 'error'],
    ],
  );
  assert.match(
    report.findings[0]!.message,
    /^Private key \(`.{4}\*+`, line 1\) in \/src\/deploy_key: layer 2 \(`RUN rm \/src\/deploy_key`\) deletes or replaces it, but the layer that added it still ships it/,
  );
  assert.doesNotMatch(report.findings[1]!.message, /deletes/);
});

test('the allow-list skips only what it is told to', async () => {
  const report = await analyzeSpec(spec, noSecretsInLayers, { allowPaths: ['**/test/**'] });
  assert.deepEqual(report.findings.map((f) => 'path' in f.location && f.location.path), ['/src/deploy_key', '/root/.npmrc']);
});
