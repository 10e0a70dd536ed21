import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCommandLines } from './command-line.js';

test('docker buildx build over continued lines: -f, --target=, --build-arg, --build-context, -t ignored', () => {
  const { builds } = readCommandLines(
    'set -e\ndocker buildx build \\\n  --platform linux/amd64,linux/arm64 -f docker/Dockerfile.prod --target=runtime \\\n  --build-arg VERSION=1.2 --build-arg=EMPTY --build-context shared=../lib \\\n  -t app:1 --push .\n',
  );
  assert.deepEqual(builds, [
    { tool: 'docker buildx build', file: 'docker/Dockerfile.prod', context: '.', target: 'runtime', args: { VERSION: '1.2', EMPTY: '' }, additionalContexts: { shared: '../lib' }, line: 2, cwd: '' },
  ]);
});

test('podman build, buildah bud and build, sudo docker build, docker image build; cd moves later commands', () => {
  const { builds } = readCommandLines('podman build -fContainerfile web\nbuildah bud -t x .\nbuildah build --file=a.Dockerfile ctx\ncd services/api && sudo docker build . && cd ..\ndocker image build --target t $(pwd)/x\n');
  assert.deepEqual(
    builds.map((b) => [b.tool, b.file, b.context, b.target, b.cwd, b.line]),
    [
      ['podman build', 'Containerfile', 'web', undefined, '', 1],
      ['buildah bud', undefined, '.', undefined, '', 2],
      ['buildah build', 'a.Dockerfile', 'ctx', undefined, '', 3],
      ['docker build', undefined, '.', undefined, 'services/api', 4],
      ['docker image build', undefined, './x', 't', 'services', 5],
    ],
  );
});

test('CI expressions and shell variables stay as written: never a guessed context', () => {
  const { builds } = readCommandLines('docker build -f ${{ matrix.dockerfile }} --target "$TARGET" "${{ github.workspace }}/app"\n');
  assert.deepEqual(builds[0]!.file, { unresolved: '${{ matrix.dockerfile }}' });
  assert.deepEqual(builds[0]!.target, { unresolved: '$TARGET' });
  assert.deepEqual(builds[0]!.context, { unresolved: '${{ github.workspace }}/app' });
});

test('compose and bake files named by -f; other docker commands are not builds', () => {
  const found = readCommandLines('docker compose -f deploy/compose.prod.yml up -d\ndocker-compose --file=dc.yml build\ndocker buildx bake -f ci.hcl --push\ndocker run --rm -f x alpine\ndocker push app\n');
  assert.deepEqual(found, { builds: [], composeFiles: ['deploy/compose.prod.yml', 'dc.yml'], bakeFiles: ['ci.hcl'] });
});
