import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, removeTree } from '../context/test-support/tree.js';
import { composeBuilds } from './compose.js';
import { interpolate } from './interpolate.js';

test('compose: build as a string and as an object, paths against the compose file and the context', () => {
  const root = makeTree({
    'deploy/compose.yaml': [
      'services:',
      '  web:',
      '    build: ../web',
      '  api:',
      '    build:',
      '      context: ../services',
      '      dockerfile: api/Dockerfile.prod',
      '      target: runtime',
      '      args:',
      '        NODE_ENV: production',
      '        EMPTY:',
      '      additional_contexts:',
      '        - shared=../shared',
      '  db:',
      '    image: postgres:16',
      '  remote:',
      '    build: https://github.com/example/repo.git#main',
      '',
    ].join('\n'),
  });
  try {
    const { builds, notes } = composeBuilds(join(root, 'deploy/compose.yaml'));
    assert.deepEqual(
      builds.map((b) => [b.source.name, b.dockerfile, b.context, b.target, b.args, b.additionalContexts, b.source.line]),
      [
        ['web', join(root, 'web/Dockerfile'), join(root, 'web'), undefined, {}, {}, 3],
        ['api', join(root, 'services/api/Dockerfile.prod'), join(root, 'services'), 'runtime', { NODE_ENV: 'production', EMPTY: '' }, { shared: '../shared' }, 6],
      ],
    );
    assert.match(notes[0]!.message, /service remote: remote build context https:\/\/github.com/);
  } finally {
    removeTree(root);
  }
});

test('compose: ${VAR:-default} with the .env beside the file; an unset variable without default is not guessed', () => {
  const root = makeTree({
    '.env': 'APP_DIR=./app\n# comment\nexport TARGET="prod"\n',
    'docker-compose.yml': [
      'services:',
      '  app:',
      '    build:',
      '      context: ${APP_DIR}',
      '      dockerfile: ${DOCKERFILE:-Containerfile}',
      '      target: $TARGET',
      '      args: ["VERSION=${VERSION:-1.0}", "LITERAL=$$HOME"]',
      '  other:',
      '    build:',
      '      context: ${MISSING}',
      '',
    ].join('\n'),
  });
  try {
    const { builds, notes } = composeBuilds(join(root, 'docker-compose.yml'));
    assert.equal(builds.length, 1);
    assert.equal(builds[0]!.dockerfile, join(root, 'app/Containerfile'));
    assert.equal(builds[0]!.target, 'prod');
    assert.deepEqual(builds[0]!.args, { VERSION: '1.0', LITERAL: '$HOME' });
    assert.deepEqual(notes.map((n) => n.message), ['service other: Dockerfile ${MISSING}/Dockerfile is not resolved (no value or default)']);
  } finally {
    removeTree(root);
  }
});

test('compose: dockerfile_inline is a build whose text is in the compose file', () => {
  const root = makeTree({ 'compose.yml': 'services:\n  tool:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n        RUN echo hi\n' });
  try {
    const [build] = composeBuilds(join(root, 'compose.yml')).builds;
    assert.equal(build!.inline, 'FROM alpine:3.20\nRUN echo hi\n');
    assert.equal(build!.context, root);
    assert.match(build!.dockerfile, /compose\.yml \(service tool dockerfile_inline\)$/);
  } finally {
    removeTree(root);
  }
});

test('compose: invalid YAML is a note naming the line', () => {
  const root = makeTree({ 'compose.yaml': 'services:\n  a: [\n' });
  try {
    const { builds, notes } = composeBuilds(join(root, 'compose.yaml'));
    assert.equal(builds.length, 0);
    assert.match(notes[0]!.message, /^line \d+: invalid YAML/);
  } finally {
    removeTree(root);
  }
});

test('interpolate: every compose operator, nested defaults, $$ and unresolved text kept as written', () => {
  const vars = new Map([['SET', 'x'], ['EMPTY', '']]);
  assert.equal(interpolate('${SET}', vars), 'x');
  assert.equal(interpolate('${EMPTY:-d}', vars), 'd');
  assert.equal(interpolate('${EMPTY-d}', vars), '');
  assert.equal(interpolate('${UNSET:-${SET}}/y', vars), 'x/y');
  assert.equal(interpolate('${SET:+alt}', vars), 'alt');
  assert.equal(interpolate('${UNSET:+alt}', vars), '');
  assert.equal(interpolate('${SET:?needed}', vars), 'x');
  assert.deepEqual(interpolate('${UNSET:?needed}', vars), { unresolved: '${UNSET:?needed}' });
  assert.deepEqual(interpolate('$UNSET/a', vars), { unresolved: '$UNSET/a' });
  assert.equal(interpolate('a$$b $ c', vars), 'a$b $ c');
});
