import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSpec } from '../../../test/support/tar-analyze.js';
import { noBuildTools } from './no-build-tools.js';
import { testRule } from '../../../test/support/rule-tester.js';

testRule(noBuildTools);

const status = (names: string[]) =>
  names.map((name) => `Package: ${name}\nStatus: install ok installed\nInstalled-Size: 1000\nVersion: 1.0\n`).join('\n');

test('build packages and -dev headers are reported with their installed size; their binaries are not repeated', async () => {
  const report = await analyzeSpec(
    {
      layers: [
        { tar: [{ path: 'bin/sh', content: 'x' }, { path: 'var/lib/dpkg/status', content: status(['libc6']) }] },
        {
          createdBy: '/bin/sh -c apt-get install -y gcc-12 libssl-dev',
          tar: [
            { path: 'var/lib/dpkg/status', content: status(['libc6', 'gcc-12', 'libssl-dev']) },
            { path: 'usr/bin/gcc-12', content: Buffer.alloc(100) },
            { path: 'usr/bin/make', content: Buffer.alloc(50) },
            { path: 'usr/bin/apt-get', content: Buffer.alloc(10) },
          ],
        },
      ],
    },
    noBuildTools,
  );
  assert.deepEqual(
    report.findings.map((f) => [f.message, f.cost?.bytes, 'layerIndex' in f.location && f.location.layerIndex]),
    [
      ['gcc-12 1.0 is installed (1.02 MB): a build tool has no place in a runtime image', 1_024_000, 2],
      ['libssl-dev 1.0 is installed (1.02 MB): header packages are only needed to compile', 1_024_000, 2],
      ['/usr/bin/make (make, a build system) is in the final image', 50, 2],
    ],
  );
});

test('a package manager is reported only in an image without a shell', async () => {
  const layers = (withShell: boolean) => [
    { tar: [...(withShell ? [{ path: 'bin/sh', content: 'x' }] : []), { path: 'usr/bin/apt-get', content: 'x' }] },
  ];
  assert.deepEqual((await analyzeSpec({ layers: layers(true) }, noBuildTools)).findings, []);
  const distroless = await analyzeSpec({ layers: layers(false) }, noBuildTools);
  assert.match(distroless.findings[0]!.message, /^\/usr\/bin\/apt-get \(apt\/dpkg\) ships in an image without a shell/);
});
