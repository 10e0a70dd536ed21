import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTree, removeTree } from '../context/test-support/tree.js';
import { bakeBuilds } from './bake.js';
import { parseHcl } from './hcl.js';

const HCL = `
# variables with defaults, one built from another
variable "TAG" { default = "1.0" }
variable "DIR" {
  default = "services/\${NAME}"
}
NAME = "api"

group "default" {
  targets = ["api", "worker"]
}

// a base that only others inherit
target "_common" {
  context = "."
  args = {
    GO_VERSION = "1.22"
    TAG = "\${TAG}"
  }
}

target "api" {
  inherits = ["_common"]
  dockerfile = "\${DIR}/Dockerfile"
  target = "runtime"
  args = { EXTRA = "yes" }
  contexts = { shared = "./shared" }
}

target "worker" {
  inherits = ["api"]
  target = "worker"
  tags = ["example/worker:\${TAG}"]
}

target "computed" {
  dockerfile = notequal("", TAG) ? "Dockerfile.a" : "Dockerfile.b"
}
`;

test('bake HCL: variables, inherits (maps merged, parents first), groups, bases left out, functions not evaluated', () => {
  const root = makeTree({ 'docker-bake.hcl': HCL });
  try {
    const { builds, notes } = bakeBuilds([join(root, 'docker-bake.hcl')]);
    assert.deepEqual(
      builds.map((b) => [b.source.name, b.dockerfile, b.context, b.target, b.args, b.additionalContexts]),
      [
        ['api', join(root, 'services/api/Dockerfile'), root, 'runtime', { GO_VERSION: '1.22', TAG: '1.0', EXTRA: 'yes' }, { shared: './shared' }],
        ['worker', join(root, 'services/api/Dockerfile'), root, 'worker', { GO_VERSION: '1.22', TAG: '1.0', EXTRA: 'yes' }, { shared: './shared' }],
      ],
    );
    assert.equal(builds[0]!.source.line, 22);
    assert.deepEqual(notes.map((n) => n.message), [
      'target computed: Dockerfile notequal("", TAG) ? "Dockerfile.a" : "Dockerfile.b" is not resolved (functions and operators are not evaluated)',
    ]);
  } finally {
    removeTree(root);
  }
});

test('bake JSON with an HCL override beside it: one definition, the override last', () => {
  const root = makeTree({
    'docker-bake.json': JSON.stringify({
      variable: { VERSION: { default: '2' } },
      target: { app: { context: 'app', dockerfile: 'Containerfile', args: { VERSION: '${VERSION}' } } },
    }),
    'docker-bake.override.hcl': 'target "app" {\n  target = "prod"\n  args = { DEBUG = "0" }\n}\n',
  });
  try {
    const { builds } = bakeBuilds([join(root, 'docker-bake.override.hcl'), join(root, 'docker-bake.json')]);
    assert.deepEqual(
      builds.map((b) => [b.dockerfile, b.context, b.target, b.args]),
      [[join(root, 'app/Containerfile'), join(root, 'app'), 'prod', { VERSION: '2', DEBUG: '0' }]],
    );
  } finally {
    removeTree(root);
  }
});

test('bake: a file that does not parse is a note with its line', () => {
  const root = makeTree({ 'docker-bake.hcl': 'target "a" {\n  context = "unclosed\n}\n' });
  try {
    const { builds, notes } = bakeBuilds([join(root, 'docker-bake.hcl')]);
    assert.equal(builds.length, 0);
    assert.match(notes[0]!.message, /^line 2: cannot parse \(unclosed string\)/);
  } finally {
    removeTree(root);
  }
});

test('HCL: heredocs, escapes, $${ literal, numbers, bools, null, lists and objects with either separator', () => {
  const body = parseHcl('a = <<-EOT\n    FROM x\n      RUN y\n    EOT\nb = "q\\"\\n$${X}"\nc = [1, 2.5, true, null,]\nd = { "k": "v", m = false }\ne = a.b\n/* block\ncomment */ f = -3\n');
  const value = (name: string) => body.attributes.get(name);
  assert.deepEqual(value('a'), { type: 'literal', value: 'FROM x\n  RUN y\n', text: '<<-EOT\n    FROM x\n      RUN y\n    EOT' });
  assert.equal((value('b') as { value: string }).value, 'q"\n${X}');
  assert.deepEqual((value('c') as { items: Array<{ value: unknown }> }).items.map((item) => item.value), [1, 2.5, true, null]);
  assert.deepEqual((value('d') as { entries: Array<[string, { value: unknown }]> }).entries.map(([k, v]) => [k, v.value]), [['k', 'v'], ['m', false]]);
  assert.deepEqual(value('e'), { type: 'expression', text: 'a.b' });
  assert.equal((value('f') as { value: number }).value, -3);
});
