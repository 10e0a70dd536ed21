import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, removeTree } from '../context/test-support/tree.js';
import { emptyFindings, makefileBuilds, makeRecipes, packageJsonBuilds, shellScriptBuilds } from './scripts.js';

test('package.json scripts run in the package directory', () => {
  const root = makeTree({
    'web/package.json': JSON.stringify({ name: 'web', scripts: { test: 'vitest', 'docker:build': 'docker build -f docker/Dockerfile --target prod --build-arg NODE=20 ..' } }, null, 2),
    'web/docker/Dockerfile': 'FROM node:20\n',
  });
  try {
    const found = emptyFindings();
    packageJsonBuilds(join(root, 'web/package.json'), found);
    assert.deepEqual(
      found.builds.map((b) => [b.dockerfile, b.context, b.target, b.args, b.source]),
      [[join(root, 'web/docker/Dockerfile'), root, 'prod', { NODE: '20' }, { kind: 'script', file: join(root, 'web/package.json'), name: 'script docker:build', line: 5 }]],
    );
  } finally {
    removeTree(root);
  }
});

test('Makefile recipes: variables (also from an included file) substituted, each line its own shell, unknown ones kept', () => {
  const root = makeTree({
    'build.env': 'DOCKERFILE=deploy/Dockerfile\n',
    Makefile: [
      'include build.env',
      'IMAGE ?= app',
      'CONTEXT := .',
      '',
      'image: ## build',
      '\tcd deploy && echo $$PWD',
      '\t@docker build \\',
      '\t\t-f $(DOCKERFILE) --target $(STAGE) -t $(IMAGE) $(CONTEXT)',
      '',
    ].join('\n'),
  });
  try {
    assert.deepEqual(makeRecipes('X = 1\nall:\n\t@echo $(X) $$HOME\n', root), [{ line: 3, text: 'echo 1 $HOME' }]);
    const found = emptyFindings();
    makefileBuilds(join(root, 'Makefile'), found);
    assert.deepEqual(
      found.builds.map((b) => [b.dockerfile, b.context, b.target, b.source.line]),
      [[join(root, 'deploy/Dockerfile'), root, { unresolved: '$(STAGE)' }, 7]],
    );
  } finally {
    removeTree(root);
  }
});

test('a shell script resolves against the repository root, or else its own directory', () => {
  const root = makeTree({
    'tools/image/build.sh': '#!/bin/sh\ndocker build -t tool .\n',
    'tools/image/Dockerfile': 'FROM alpine:3.20\n',
    'scripts/release.sh': 'docker buildx build -f services/api/Dockerfile services/api\ndocker build -f "$(dirname "$0")/../tools/image/Dockerfile" "$(dirname "$0")/.."\n',
    'services/api/Dockerfile': 'FROM alpine:3.20\n',
  });
  try {
    const found = emptyFindings();
    shellScriptBuilds(join(root, 'tools/image/build.sh'), root, found);
    shellScriptBuilds(join(root, 'scripts/release.sh'), root, found);
    assert.deepEqual(
      found.builds.map((b) => [b.dockerfile, b.context]),
      [
        [join(root, 'tools/image/Dockerfile'), join(root, 'tools/image')],
        [join(root, 'services/api/Dockerfile'), join(root, 'services/api')],
        [join(root, 'tools/image/Dockerfile'), root],
      ],
    );
  } finally {
    removeTree(root);
  }
});
