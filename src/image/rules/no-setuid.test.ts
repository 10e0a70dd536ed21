import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { noSetuid } from './no-setuid.js';

const spec = {
  layers: [
    {
      tar: [
        { path: 'usr/bin/passwd', content: 'x', mode: 0o4755 },
        { path: 'usr/bin/wall', content: 'x', mode: 0o2755, gid: 5 },
        { path: 'usr/bin/old', content: 'x', mode: 0o4755 },
        { path: 'usr/bin/ls', content: 'x', mode: 0o755 },
      ],
    },
    { tar: [{ path: 'usr/bin/.wh.old' }], createdBy: 'RUN /bin/sh -c rm /usr/bin/old # buildkit' },
  ],
};

test('setuid and setgid files of the final filesystem are reported with the layer that made them', async () => {
  const report = await analyzeSpec(spec, noSetuid);
  assert.deepEqual(
    report.findings.map((f) => [f.message, 'path' in f.location && f.location.path, 'layerIndex' in f.location && f.location.layerIndex]),
    [
      ['/usr/bin/passwd is setuid (runs as uid 0, root)', '/usr/bin/passwd', 1],
      ['/usr/bin/wall is setgid (runs with gid 5)', '/usr/bin/wall', 1],
    ],
  );
});

test('the allow-list accepts paths by glob', async () => {
  const report = await analyzeSpec(spec, noSetuid, { allow: ['/usr/bin/pass*'] });
  assert.deepEqual(report.findings.map((f) => f.message), ['/usr/bin/wall is setgid (runs with gid 5)']);
});
