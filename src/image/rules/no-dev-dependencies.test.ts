import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { noDevDependencies } from './no-dev-dependencies.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(noDevDependencies);

const manifest = (name: string, version = '1.0.0') => JSON.stringify({ name, version });
const app = JSON.stringify({ name: 'web', dependencies: { express: '^4' }, devDependencies: { jest: '^29', typescript: '^5' } });

test('devDependencies installed next to the app are reported with their bytes', async () => {
  const report = await analyzeSpec(
    {
      layers: [
        {
          createdBy: '/bin/sh -c npm ci',
          tar: [
            { path: 'app/package.json', content: app },
            { path: 'app/node_modules/express/package.json', content: manifest('express') },
            { path: 'app/node_modules/jest/package.json', content: manifest('jest') },
            { path: 'app/node_modules/jest/index.js', content: Buffer.alloc(4000) },
          ],
        },
      ],
    },
    noDevDependencies,
  );
  assert.equal(report.findings.length, 1);
  const [finding] = report.findings;
  assert.match(finding!.message, /^1 devDependency is installed in \/app\/node_modules \(4\.03 kB: jest\)/);
  assert.equal(finding!.cost?.bytes, 4000 + manifest('jest').length);
});

test('the lockfile\'s dev flags catch transitive dev-only packages', async () => {
  const lock = JSON.stringify({
    lockfileVersion: 3,
    packages: { '': {}, 'node_modules/express': {}, 'node_modules/jest': { dev: true }, 'node_modules/pretty-format': { dev: true } },
  });
  const report = await analyzeSpec(
    {
      layers: [
        {
          tar: [
            { path: 'srv/package.json', content: app },
            { path: 'srv/package-lock.json', content: lock },
            { path: 'srv/node_modules/express/package.json', content: manifest('express') },
            { path: 'srv/node_modules/jest/package.json', content: manifest('jest') },
            { path: 'srv/node_modules/pretty-format/package.json', content: manifest('pretty-format') },
          ],
        },
      ],
    },
    noDevDependencies,
  );
  assert.match(report.findings[0]!.message, /^2 devDependencies are installed in \/srv\/node_modules \(.*: jest\)/);
});

test('a production install has no finding', async () => {
  const report = await analyzeSpec(
    {
      layers: [
        { tar: [{ path: 'app/package.json', content: app }, { path: 'app/node_modules/express/package.json', content: manifest('express') }] },
      ],
    },
    noDevDependencies,
  );
  assert.deepEqual(report.findings, []);
});
