import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseShell } from '../../../shell/parse.js';
import { hasOption, optionValue, parseArgs, type ArgSyntax } from './args.js';

function read(line: string, syntax?: ArgSyntax) {
  const args = parseShell(line).commands[0]!.command.args;
  const parsed = parseArgs(args, syntax);
  return {
    parsed,
    options: parsed.options.map((option) => `${option.name}${option.value === undefined ? '' : `=${option.value}`}`),
    operands: parsed.operands.map((word) => word.value ?? word.text),
  };
}

test('short options cluster, long options take = values', () => {
  const { options, operands } = read('apt-get -yq --no-install-recommends --option=a=b install curl');
  assert.deepEqual(options, ['y', 'q', 'no-install-recommends', 'option=a=b']);
  assert.deepEqual(operands, ['install', 'curl']);
});

test('value options take the attached rest or the next word', () => {
  const syntax = { valueOptions: new Set(['o', 't', 'virtual']) };
  const { options, operands } = read('x -oAPT::Y=1 -t bookworm --virtual .deps gcc -qt sid', syntax);
  assert.deepEqual(options, ['o=APT::Y=1', 't=bookworm', 'virtual=.deps', 'q', 't=sid']);
  assert.deepEqual(operands, ['gcc']);
});

test("apt's -q=2", () => {
  assert.deepEqual(read('apt-get install -q=2 curl').options, ['q=2']);
});

test('-- ends options; operands after it are counted', () => {
  const { parsed, operands } = read('gem install bundler:2 -- --use-system-libraries');
  assert.deepEqual(operands, ['install', 'bundler:2', '--use-system-libraries']);
  assert.equal(parsed.afterDoubleDash, 2);
});

test('words with expansions are operands of unknown value', () => {
  const { operands } = read('apk add --no-cache $DEPS "${MORE}"');
  assert.deepEqual(operands, ['add', '$DEPS', '"${MORE}"']);
});

test("Go's single-dash long options", () => {
  const { options, operands } = read('go build -tags netgo -o /app -trimpath ./cmd/app', { singleDashLong: true, valueOptions: new Set(['tags', 'o']) });
  assert.deepEqual(options, ['tags=netgo', 'o=/app', 'trimpath']);
  assert.deepEqual(operands, ['build', './cmd/app']);
});

test('queries', () => {
  const { parsed } = read('pip install -r a.txt --requirement=b.txt --no-cache-dir', { valueOptions: new Set(['r', 'requirement']) });
  assert.ok(hasOption(parsed, ['no-cache-dir']));
  assert.ok(!hasOption(parsed, ['U', 'upgrade']));
  assert.equal(optionValue(parsed, ['r', 'requirement']), 'b.txt');
});
