import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { wastedSpace } from './wasted-space.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(wastedSpace);

test('bytes deleted by a later layer are reported where they ship, naming the deleting layer', async () => {
  const report = await analyzeSpec(
    {
      layers: [
        { createdBy: '/bin/sh -c curl -o /tmp/sdk.tgz x', tar: [{ path: 'tmp/sdk.tgz', content: Buffer.alloc(2_000_000) }] },
        { createdBy: '/bin/sh -c rm /tmp/sdk.tgz', tar: [{ path: 'tmp/.wh.sdk.tgz' }] },
      ],
    },
    wastedSpace,
  );
  assert.equal(report.findings.length, 1);
  const [finding] = report.findings;
  assert.equal(
    finding!.message,
    'layer 1 (`RUN curl -o /tmp/sdk.tgz x`) ships 2.00 MB (1 file, largest /tmp/sdk.tgz) that layer 2 (`RUN rm /tmp/sdk.tgz`) deletes: deleting in a later layer saves nothing, delete in the same RUN',
  );
  assert.deepEqual(finding!.cost, { bytes: 2_000_000, layer: report.image.layers[0]!.diffId, layerIndex: 1 });
  assert.deepEqual(finding!.related, [
    {
      location: { image: report.image.ref, layer: report.image.layers[1]!.diffId, layerIndex: 2, instruction: 'RUN rm /tmp/sdk.tgz' },
      message: 'deletes these files',
    },
  ]);
  assert.equal(report.image.efficiency.recoverableBytes, 2_000_000);
});

test('a chown -R layer that rewrites files of the same size is named for what it is', async () => {
  const files = [{ path: 'app/a.bin', content: Buffer.alloc(700_000) }, { path: 'app/b.bin', content: Buffer.alloc(600_000) }];
  const report = await analyzeSpec(
    {
      layers: [
        { createdBy: 'COPY . /app # buildkit', tar: files },
        { createdBy: 'RUN /bin/sh -c chown -R 1000 /app # buildkit', tar: files.map((f) => ({ ...f, uid: 1000 })) },
      ],
    },
    wastedSpace,
  );
  assert.equal(report.findings[0]!.related?.[0]?.message, 'rewrites these files (owner or mode)');
  assert.match(report.findings[0]!.message, /^layer 2 \(`RUN chown -R 1000 \/app`\) rewrites 1\.30 MB from layer 1 \(`COPY \. \/app`\) with files of the same size .* use `COPY --chown`/);
  // dive counts both copies; only the hidden ones could be saved.
  assert.equal(report.image.efficiency.diveWastedBytes, 2_600_000);
  assert.equal(report.image.efficiency.recoverableBytes, 1_300_000);
});

test('waste under minBytes is not reported', async () => {
  const report = await analyzeSpec(
    { layers: [{ tar: [{ path: 'a', content: 'x' }] }, { tar: [{ path: '.wh.a' }] }] },
    wastedSpace,
  );
  assert.deepEqual(report.findings, []);
});
