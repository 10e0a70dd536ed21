import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, removeTree } from '../context/test-support/tree.js';
import { emptyFindings } from './scripts.js';
import { workflowBuilds } from './workflows.js';

const WORKFLOW = `name: images
on: push
jobs:
  api:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Build api
        uses: docker/build-push-action@v6
        with:
          context: ./services
          file: ./services/api/Dockerfile
          target: runtime
          build-args: |
            VERSION=\${{ github.sha }}
            MODE=prod
          build-contexts: shared=./lib
      - name: Git context
        uses: docker/build-push-action@v6
        with:
          push: false
      - name: Matrix
        uses: docker/build-push-action@v6
        with:
          context: \${{ matrix.dir }}
          file: \${{ matrix.dir }}/Dockerfile
  release:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: release/web
    steps:
      - uses: actions/checkout@v4
        with:
          path: release
      - name: Build web
        run: |
          echo building
          docker build \\
            --target prod -t web:\${{ github.sha }} .
      - name: Other place
        working-directory: release/tools
        run: podman build -f Containerfile .
`;

test('workflow: build-push-action inputs, the Git context by default, run lines in their working directory and checkout path', () => {
  const root = makeTree({ '.github/workflows/images.yml': WORKFLOW, 'web/Dockerfile': 'FROM x\n', 'tools/Containerfile': 'FROM x\n' });
  const file = join(root, '.github/workflows/images.yml');
  try {
    const found = emptyFindings();
    workflowBuilds(file, root, found);
    assert.deepEqual(
      found.builds.map((b) => [b.dockerfile, b.context, b.target, b.args, b.additionalContexts, b.source.name, b.source.line]),
      [
        [join(root, 'services/api/Dockerfile'), join(root, 'services'), 'runtime', { VERSION: '${{ github.sha }}', MODE: 'prod' }, { shared: './lib' }, 'job api, step Build api', 8],
        [join(root, 'Dockerfile'), root, undefined, {}, {}, 'job api, step Git context', 18],
        [join(root, 'web/Dockerfile'), join(root, 'web'), 'prod', {}, {}, 'job release, step Build web', 39],
        [join(root, 'tools/Containerfile'), join(root, 'tools'), undefined, {}, {}, 'job release, step Other place', 43],
      ],
    );
    assert.deepEqual(found.notes, [
      { file, message: 'line 22: build-push-action: Dockerfile ${{ matrix.dir }}/Dockerfile is not resolved (a workflow expression)' },
    ]);
  } finally {
    removeTree(root);
  }
});
