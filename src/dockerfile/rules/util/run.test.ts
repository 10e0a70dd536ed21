import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from '../../parse/index.js';
import { mountKeepsOut, reachesFinalImage, resolvePath, variableAt, workdirAt } from './run.js';

test('paths resolve like WORKDIR', () => {
  assert.equal(resolvePath('/app', 'src'), '/app/src');
  assert.equal(resolvePath('/app', './src/'), '/app/src');
  assert.equal(resolvePath('/app/x', '../y//z/.'), '/app/y/z');
  assert.equal(resolvePath('/', '/opt/'), '/opt');
  assert.equal(resolvePath('/app', '/'), '/');
});

test('working directories follow WORKDIR, variables and the stage built on', () => {
  const dockerfile = parseDockerfile('FROM a AS base\nENV ROOT=/srv\nWORKDIR $ROOT\nWORKDIR app\nFROM base\nRUN x\nFROM b\nRUN y\n');
  const [, , , , , inherited, , fresh] = dockerfile.instructions;
  assert.equal(workdirAt(dockerfile, inherited!), '/srv/app');
  assert.equal(workdirAt(dockerfile, fresh!), '/');
});

test('the stages the final image is built on, and ONBUILD triggers', () => {
  const dockerfile = parseDockerfile('FROM a AS build\nRUN b\nONBUILD RUN c\nFROM a AS base\nRUN d\nFROM base\nRUN e\n');
  const runs = dockerfile.instructions.filter((instruction) => instruction.keyword === 'RUN');
  const trigger = dockerfile.instructions.find((instruction) => instruction.trigger)!.trigger!;
  assert.deepEqual(runs.map((run) => reachesFinalImage(dockerfile, run)), [false, true, true]);
  assert.ok(reachesFinalImage(dockerfile, trigger));
  assert.deepEqual(runs.map((run) => reachesFinalImage(dockerfile, run, dockerfile.stages[0])), [true, false, false], 'a build targeting the first stage');
});

test('cache and tmpfs mounts keep a directory out of the layer; bind mounts do not', () => {
  const dockerfile = parseDockerfile(
    'FROM a\nRUN --mount=type=cache,target=/var/lib/apt/ --mount=type=tmpfs,dst=/tmp/x --mount=target=/root/.cache x\n',
  );
  const run = dockerfile.instructions[1]!;
  assert(run.keyword === 'RUN');
  assert.ok(mountKeepsOut(run, '/var/lib/apt/lists'));
  assert.ok(mountKeepsOut(run, '/tmp/x'));
  assert.ok(!mountKeepsOut(run, '/var/lib/aptitude'));
  assert.ok(!mountKeepsOut(run, '/root/.cache/pip'));
});

test('variables in scope, and ENV above a missing FROM', () => {
  const dockerfile = parseDockerfile('ENV A=1\nRUN x\nFROM b\nARG B=2\nRUN y\n');
  const [, before, , , after] = dockerfile.instructions;
  assert.equal(variableAt(dockerfile, 'A', before!), '1');
  assert.equal(variableAt(dockerfile, 'B', after!), '2');
  assert.equal(variableAt(dockerfile, 'C', after!), undefined);
});
