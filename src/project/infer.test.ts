import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { copySpecsFromDockerfile } from '../context/copy/spec.js';
import { makeTree, removeTree } from '../context/test-support/tree.js';
import { parseDockerfile } from '../dockerfile/parse/index.js';
import { inferContext } from './infer.js';

function infer(root: string, dockerfile: string, text: string) {
  return inferContext(join(root, dockerfile), copySpecsFromDockerfile(parseDockerfile(text, join(root, dockerfile))), root);
}

test('a monorepo service whose COPY sources live at the repository root: the root is the context', () => {
  const root = makeTree({
    'package.json': '{}',
    'pnpm-lock.yaml': '',
    'packages/shared/index.ts': '',
    'apps/web/src/main.ts': '',
    'apps/web/Dockerfile': '',
  });
  try {
    const text = 'FROM node:20\nCOPY package.json pnpm-lock.yaml ./\nCOPY packages/*/ ./packages/\nCOPY apps/web ./apps/web\n';
    assert.deepEqual(infer(root, 'apps/web/Dockerfile', text), { context: root, source: 'inferred' });
  } finally {
    removeTree(root);
  }
});

test('the nearest directory wins; a source its .dockerignore leaves out does not resolve there', () => {
  const root = makeTree({ 'svc/src/app.py': '', 'svc/Dockerfile': '', 'svc/.dockerignore': 'src\n', 'src/app.py': '', 'x/src/app.py': '', 'x/Dockerfile': '' });
  try {
    assert.deepEqual(infer(root, 'x/Dockerfile', 'FROM python:3.12\nCOPY src/ /app\n'), { context: join(root, 'x'), source: 'inferred' });
    assert.deepEqual(infer(root, 'svc/Dockerfile', 'FROM python:3.12\nCOPY src/ /app\n'), { context: root, source: 'inferred' });
  } finally {
    removeTree(root);
  }
});

test('a directory the .dockerignore excludes still resolves when an exception brings files back inside it', () => {
  const root = makeTree({ '.dockerignore': '**\n!build-bin/docker/healthcheck\n', 'build-bin/docker/healthcheck': '', 'docker/ui/Dockerfile': '' });
  try {
    assert.deepEqual(infer(root, 'docker/ui/Dockerfile', 'FROM alpine:3.20\nCOPY build-bin/ /tmp/build-bin/\n'), { context: root, source: 'inferred' });
  } finally {
    removeTree(root);
  }
});

test("no COPY from the context: the Dockerfile's directory; no directory holds every source: said so", () => {
  const root = makeTree({ 'a/Dockerfile': '' });
  try {
    assert.deepEqual(infer(root, 'a/Dockerfile', 'FROM alpine:3.20\nCOPY --from=busybox /bin/sh /sh\nCOPY ${UNSET_ARG} /x\n'), { context: join(root, 'a'), source: 'dockerfile-dir' });
    const missing = infer(root, 'a/Dockerfile', 'FROM alpine:3.20\nCOPY build/app.jar /app.jar\n');
    assert.equal(missing.context, join(root, 'a'));
    assert.equal(missing.source, 'dockerfile-dir');
    assert.match(missing.note!, /no directory from the Dockerfile's up to .* holds every COPY source \(missing everywhere: build\/app\.jar\)/);
  } finally {
    removeTree(root);
  }
});
