import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CommandInfo } from './ast.js';
import { parseShell } from './parse.js';
import { commandName, flagValue, flagValues, hasFlag, isStatic, positionalArgs, subcommand, wordLiteral } from './query.js';

function only(src: string): CommandInfo {
  const script = parseShell(src);
  assert.deepEqual(script.errors, []);
  return script.commands[0]!;
}

test('commandName: the base name of the command run, wrappers set aside', () => {
  assert.equal(commandName(only('/usr/bin/apt-get install x')), 'apt-get');
  assert.equal(commandName(only('sudo -E /sbin/apk add x')), 'apk');
  assert.equal(commandName(only('"pip3" install x')), 'pip3');
  assert.equal(commandName(only('$PIP install x')), undefined);
  assert.equal(commandName(only('A=1')), undefined);
});

test('hasFlag: short flags alone or in clusters, long flags with or without a value, nothing after --', () => {
  const cmd = only('apt-get -qy install --no-install-recommends --option=x curl -- -z');
  assert.equal(hasFlag(cmd, 'y'), true);
  assert.equal(hasFlag(cmd, 'q'), true);
  assert.equal(hasFlag(cmd, 'yes', 'y'), true);
  assert.equal(hasFlag(cmd, 'no-install-recommends'), true);
  assert.equal(hasFlag(cmd, 'option'), true);
  assert.equal(hasFlag(cmd, 'z'), false, 'after --');
  assert.equal(hasFlag(cmd, 'n'), false, 'a letter of a long flag is not a short flag');
  assert.equal(hasFlag(cmd, 'install'), false);
  assert.equal(hasFlag(only('apt-get install --yes x'), 'yes'), true);
  assert.equal(hasFlag(only('apt-get install "-y" x'), 'y'), true, 'quoted flags count');
  assert.equal(hasFlag(only('sudo -E apt-get install x'), 'E'), false, "the wrapper's flags are not the command's");
});

test('flagValue / flagValues: --name=value, and --name value / -n value when the flag takes a value', () => {
  const cmd = only('apt-get -o Dpkg::Options::=--force-confold -oAPT::x=1 --target-release=bookworm --opt val install x');
  assert.deepEqual(flagValues(cmd, 'o', { takesValue: true }), ['Dpkg::Options::=--force-confold', 'APT::x=1']);
  assert.equal(flagValue(cmd, 'o', { takesValue: true }), 'Dpkg::Options::=--force-confold');
  assert.equal(flagValue(cmd, 'o'), undefined, 'a short flag has no value unless it takes one');
  assert.equal(flagValue(cmd, 'target-release'), 'bookworm');
  assert.equal(flagValue(cmd, 'opt'), undefined);
  assert.equal(flagValue(cmd, 'opt', { takesValue: true }), 'val');
  assert.equal(flagValue(only('pip install --index-url "$URL" x'), 'index-url', { takesValue: true }), '$URL');
  assert.equal(flagValue(only('x -- --name=v'), 'name'), undefined);
  // `set -euxo pipefail`: the value of a flag at the end of a cluster is the next argument.
  assert.deepEqual(flagValues(only('set -euxo pipefail'), 'o', { takesValue: true }), ['pipefail']);
  assert.deepEqual(flagValues(only('set -o errexit -o pipefail'), 'o', { takesValue: true }), ['errexit', 'pipefail']);
});

test('positionalArgs / subcommand: flags and their values skipped, -- respected', () => {
  const cmd = only('apt-get -o Dpkg::x=1 -y install --no-install-recommends curl "$PKGS" -- -weird');
  const positional = positionalArgs(cmd, { flagsWithValue: ['o'] });
  assert.deepEqual(
    positional.map((w) => [w.text, w.start]),
    [
      ['install', 24],
      ['curl', 56],
      ['"$PKGS"', 61],
      ['-weird', 72],
    ],
  );
  assert.equal(subcommand(cmd, { flagsWithValue: ['o'] }), 'install');
  assert.equal(subcommand(cmd), 'Dpkg::x=1', 'without knowing that -o takes a value');
  assert.equal(subcommand(only('npm --prefix /app ci'), { flagsWithValue: ['prefix'] }), 'ci');
  assert.deepEqual(
    positionalArgs(only('tar -xzf - -C /opt')).map((w) => w.text),
    ['-', '/opt'],
  );
  assert.equal(subcommand(only('ls')), undefined);
});

test('isStatic and wordLiteral: values of static words, raw text kept for expansions', () => {
  const cmd = only(`apt-get install -y $PKGS "lib-$V" 'a b' "x"'y' $(cat list) \${A:-b}`);
  const args = cmd.command.args;
  assert.deepEqual(
    args.map((w) => [isStatic(w), wordLiteral(w)]),
    [
      [true, 'install'],
      [true, '-y'],
      [false, '$PKGS'],
      [false, 'lib-$V'],
      [true, 'a b'],
      [true, 'xy'],
      [false, '$(cat list)'],
      [false, '${A:-b}'],
    ],
  );
});
