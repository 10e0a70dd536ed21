import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { noPackageCache } from './no-package-cache.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(noPackageCache);

test('caches are reported in the layer that wrote them, live or deleted later, with their bytes', async () => {
  const report = await analyzeSpec(
    {
      layers: [
        {
          createdBy: '/bin/sh -c apt-get update && apt-get install -y curl',
          tar: [
            { path: 'var/lib/apt/lists/deb_InRelease', content: Buffer.alloc(40_000) },
            { path: 'var/lib/apt/lists/lock', content: Buffer.alloc(0) },
            { path: 'var/cache/apt/pkgcache.bin', content: Buffer.alloc(30_000) },
            { path: 'root/.cache/pip/http/a', content: Buffer.alloc(500) },
          ],
        },
        { createdBy: '/bin/sh -c rm -rf /var/lib/apt/lists/*', tar: [{ path: 'var/lib/apt/lists/.wh.deb_InRelease' }] },
      ],
    },
    noPackageCache,
  );
  assert.deepEqual(
    report.findings.map((f) => [f.cost?.bytes, 'path' in f.location && f.location.path, 'instruction' in f.location && f.location.instruction]),
    [
      [40_000, '/var/lib/apt/lists', 'RUN apt-get update && apt-get install -y curl'],
      [30_000, '/var/cache/apt', 'RUN apt-get update && apt-get install -y curl'],
    ],
  );
  assert.match(report.findings[0]!.message, /40\.0 kB of apt lists \(1 file under \/var\/lib\/apt\/lists\) that a later layer deletes/);
  assert.match(report.findings[1]!.message, /that are still in the final image: add `apt-get clean`/);
});

test('minBytes sets the smallest cache worth a finding', async () => {
  const spec = { layers: [{ tar: [{ path: 'tmp/x', content: Buffer.alloc(100) }] }] };
  assert.deepEqual((await analyzeSpec(spec, noPackageCache)).findings, []);
  assert.equal((await analyzeSpec(spec, noPackageCache, { minBytes: 1 })).findings.length, 1);
});
