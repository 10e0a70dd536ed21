import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { isRootUser, noRootUser } from './no-root-user.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(noRootUser);

const layers = [{ tar: [{ path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' }] }];

test('root, uid 0 and no user at all run as root; others do not', () => {
  for (const user of ['', 'root', '0', '0:0', 'root:root', '000']) assert.equal(isRootUser(user), true, user);
  for (const user of ['app', '1000', '1000:1000', 'nobody', '10']) assert.equal(isRootUser(user), false, user);
});

test('an image without USER is reported, pointing at the last USER instruction when there is one', async () => {
  const none = await analyzeSpec({ layers }, noRootUser);
  assert.deepEqual(none.findings.map((f) => f.message), ['the image sets no USER, so its processes run as root']);
  const root = await analyzeSpec(
    { layers, config: { User: '0' }, emptyHistory: [{ before: 1, createdBy: 'USER 0' }] },
    noRootUser,
  );
  assert.equal(root.findings[0]?.message, 'the image runs as `0`, which is root');
  assert.deepEqual(root.findings[0]?.location, { image: root.image.ref, instruction: 'USER 0' });
  assert.deepEqual((await analyzeSpec({ layers, config: { User: 'app' } }, noRootUser)).findings, []);
});
