import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, removeTree } from '../context/test-support/tree.js';
import { discoverProject, isDockerfileName } from './discover.js';
import { readProject } from './index.js';

const FROM = 'FROM alpine:3.20\n';

test('Dockerfile names as Docker and real projects write them, case-insensitive; templates, documents and code are not', () => {
  for (const name of ['Dockerfile', 'dockerfile', 'DOCKERFILE', 'Containerfile', 'api.Dockerfile', 'builder.dockerfile', 'Dockerfile.prod', 'Dockerfile-dev', 'dockerfile.alpine']) {
    assert.equal(isDockerfileName(name), true, name);
  }
  for (const name of ['Dockerfile.j2', 'Dockerfile.jinja', 'Dockerfile.tpl', 'Dockerfile.tmpl', 'Dockerfile.template', 'Dockerfile.in', 'Dockerfile.erb', 'Dockerfile.mustache', 'Dockerfile.hbs', 'Dockerfile.md', 'dockerfile-llb.md', 'Dockerfile.png', 'Dockerfile.svg', 'dockerfile.go', 'dockerfile_test.go', 'Dockerfile.dockerignore', 'Dockerfile1', 'README.md']) {
    assert.equal(isDockerfileName(name), false, name);
  }
});

test('discovery honours root and nested .gitignore, skips dependency trees and build output, and takes --exclude', () => {
  const root = makeTree({
    '.gitignore': 'generated/\n*.local\n',
    Dockerfile: FROM,
    'generated/Dockerfile': FROM,
    'Dockerfile.local': FROM,
    'svc/.gitignore': 'Dockerfile.ci\n!keep/\n',
    'svc/Dockerfile': FROM,
    'svc/Dockerfile.ci': FROM,
    'node_modules/pkg/Dockerfile': FROM,
    'vendor/github.com/x/Dockerfile': FROM,
    'dist/Dockerfile': FROM,
    '.git/Dockerfile': FROM,
    '.devcontainer/Dockerfile': FROM,
    'examples/demo/Dockerfile': FROM,
    'web/Dockerfile.j2': FROM,
  });
  try {
    const rel = (paths: string[]) => paths.map((path) => path.slice(root.length + 1));
    assert.deepEqual(rel(discoverProject(root).dockerfiles), ['.devcontainer/Dockerfile', 'Dockerfile', 'examples/demo/Dockerfile', 'svc/Dockerfile']);
    assert.deepEqual(rel(discoverProject(root, { exclude: ['examples/', '.devcontainer'] }).dockerfiles), ['Dockerfile', 'svc/Dockerfile']);
  } finally {
    removeTree(root);
  }
});

test('a binary or unreadable file named like a Dockerfile is a one-line note, and the rest is still found', () => {
  // A link to nothing cannot be read, whoever runs the test.
  const root = makeTree({ 'a/Dockerfile': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'b/Dockerfile': { symlink: 'gone' }, 'c/Dockerfile': FROM });
  try {
    const project = discoverProject(root);
    assert.deepEqual(project.dockerfiles, [join(root, 'c/Dockerfile')]);
    assert.deepEqual(
      project.notes.map((note) => [note.file.slice(root.length + 1), note.message]),
      [
        ['a/Dockerfile', 'binary content, not a Dockerfile: skipped'],
        ['b/Dockerfile', 'cannot read (ENOENT): skipped'],
      ],
    );
  } finally {
    removeTree(root);
  }
});

test('the files that declare builds are collected in the same walk', () => {
  const root = makeTree({
    'compose.yaml': '',
    'deploy/docker-compose.prod.yml': '',
    'docker-bake.hcl': '',
    'docker-bake.override.json': '',
    '.github/workflows/ci.yml': '',
    '.github/dependabot.yml': '',
    'package.json': '{}',
    'web/package.json': '{}',
    Makefile: '',
    'build/docker.mk': '',
    'scripts/build.sh': '',
    'node_modules/x/package.json': '{}',
  });
  try {
    const project = discoverProject(root);
    const rel = (paths: string[]) => paths.map((path) => path.slice(root.length + 1));
    assert.deepEqual(rel(project.compose), ['compose.yaml', 'deploy/docker-compose.prod.yml']);
    assert.deepEqual(rel(project.bake), ['docker-bake.hcl', 'docker-bake.override.json']);
    assert.deepEqual(rel(project.workflows), ['.github/workflows/ci.yml']);
    assert.deepEqual(rel(project.packageJsons), ['package.json', 'web/package.json']);
    assert.deepEqual(rel(project.makefiles), ['Makefile', 'build/docker.mk']);
    assert.deepEqual(rel(project.scripts), ['scripts/build.sh']);
  } finally {
    removeTree(root);
  }
});

test('test data directories are skipped: their Dockerfiles are inputs of tests, unless a build file names one', () => {
  const root = makeTree({
    Dockerfile: FROM,
    'pkg/dockerfile/fixtures/invalid.Dockerfile': 'invalid dockerfile\n',
    'frontend/parser/testfiles/env/Dockerfile': FROM,
    'frontend/parser/testfiles-negative/env_no_value/Dockerfile': 'ENV PATH\n',
    'frontend/parser/testfile-line/Dockerfile': FROM,
    'internal/testdata/Dockerfile': FROM,
    'test/e2e/Dockerfile': FROM,
    'compose.yaml': 'services:\n  e2e:\n    build:\n      context: internal/testdata\n',
  });
  try {
    const rel = (paths: string[]) => paths.map((path) => path.slice(root.length + 1));
    assert.deepEqual(rel(discoverProject(root).dockerfiles), ['Dockerfile', 'test/e2e/Dockerfile']);
    assert.deepEqual(rel(readProject(root).dockerfiles), ['Dockerfile', 'internal/testdata/Dockerfile', 'test/e2e/Dockerfile']);
  } finally {
    removeTree(root);
  }
});

test('a compose file named to `docker buildx bake -f` is read as compose, as bake reads it, not as HCL', () => {
  const root = makeTree({
    Makefile: 'build:\n\tdocker buildx bake -f compose.yaml -f docker-bake.hcl --load\n',
    'compose.yaml': 'x-logging: &logging\n  driver: json-file\nservices:\n  web:\n    build:\n      context: ./web\n      dockerfile: web.Dockerfile\n',
    'docker-bake.hcl': 'target "worker" {\n  context = "worker"\n}\n',
    'web/web.Dockerfile': FROM,
    'worker/Dockerfile': FROM,
  });
  try {
    const project = readProject(root);
    assert.deepEqual(project.notes, []);
    assert.deepEqual(
      project.builds.map((build) => [build.source.kind, build.dockerfile.slice(root.length + 1)]).sort(),
      [['bake', 'worker/Dockerfile'], ['compose', 'web/web.Dockerfile']],
    );
  } finally {
    removeTree(root);
  }
});
