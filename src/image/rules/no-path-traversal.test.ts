import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { noPathTraversal } from './no-path-traversal.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(noPathTraversal, { withoutInvalidExample: 'a hostile tar entry (a `../` or absolute name, a link above the root) is no file an example layer can hold; the tests below write such tars' });

test('entries escaping the root are errors and skipped; absolute names and escaping links are warnings', async () => {
  const report = await analyzeSpec(
    {
      layers: [
        {
          tar: [
            { path: '../evil', content: 'x' },
            { path: 'a/b/../../../evil2', content: 'x' },
            { path: '/etc/abs', content: 'x' },
            { path: 'link', type: 'symlink', linkTarget: '../../etc/shadow' },
            { path: 'ok', content: 'x' },
          ],
        },
      ],
    },
    noPathTraversal,
  );
  assert.deepEqual(
    report.findings.map((f) => [f.severity, f.message.split(':')[0]]),
    [
      ['error', 'tar entry `../evil` resolves outside the root'],
      ['error', 'tar entry `a/b/../../../evil2` resolves outside the root'],
      ['warning', 'tar entry `/etc/abs` has an absolute name'],
      ['warning', 'link `link` → `../../etc/shadow` points above the root'],
    ],
  );
  const files = report.image.layers[0]!;
  assert.equal(files.changes?.added, 3);
});

test('a clean layer has no finding', async () => {
  assert.deepEqual((await analyzeSpec({ layers: [{ tar: [{ path: 'a', content: 'x' }] }] }, noPathTraversal)).findings, []);
});
