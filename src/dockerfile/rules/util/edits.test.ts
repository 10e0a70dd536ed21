import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../core/fix.js';
import type { Edit } from '../../../core/finding.js';
import { parseDockerfile, type Dockerfile, type RunInstruction, type RunShell } from '../../parse/index.js';
import { appendCommandEdit, removeCommandEdit } from './edits.js';

function lastRun(text: string): { dockerfile: Dockerfile; run: RunInstruction; shell: RunShell } {
  const dockerfile = parseDockerfile(text);
  const run = dockerfile.instructions.filter((instruction) => instruction.keyword === 'RUN').at(-1)!;
  return { dockerfile, run, shell: run.shell! };
}

function apply(text: string, edit: Edit | undefined): string | undefined {
  return edit && applyFixes(text, [{ kind: 'safe', description: 'test', edits: [edit] }]).text;
}

function appended(text: string): string | undefined {
  const { dockerfile, run, shell } = lastRun(text);
  return apply(text, appendCommandEdit(dockerfile, run, shell, 'cleanup'));
}

test('a one-line RUN gets `&& cmd`', () => {
  assert.equal(appended('FROM x\nRUN a && b\n'), 'FROM x\nRUN a && b && cleanup\n');
  assert.equal(appended('FROM x\nRUN a; b\n'), 'FROM x\nRUN a; b && cleanup\n');
});

test('leading `&&` continuation style, indentation of the last command', () => {
  assert.equal(appended('FROM x\nRUN a \\\n  && b \\\n     c\n'), 'FROM x\nRUN a \\\n  && b \\\n     c \\\n  && cleanup\n');
});

test('trailing `&&` and `;` styles', () => {
  assert.equal(appended('FROM x\nRUN a && \\\n\tb\n'), 'FROM x\nRUN a && \\\n\tb && \\\n\tcleanup\n');
  assert.equal(appended('FROM x\nRUN set -e; \\\n    a; \\\n    b\n'), 'FROM x\nRUN set -e; \\\n    a; \\\n    b; \\\n    cleanup\n');
});

test('the escape character of the file', () => {
  const before = '# escape=`\nFROM x\nSHELL ["/bin/sh", "-c"]\nRUN a `\n  && b\n';
  assert.equal(appended(before), '# escape=`\nFROM x\nSHELL ["/bin/sh", "-c"]\nRUN a `\n  && b `\n  && cleanup\n');
});

test('a trailing comment or comment line stays after the command', () => {
  assert.equal(appended('FROM x\nRUN a && b # why\n'), 'FROM x\nRUN a && b && cleanup # why\n');
  assert.equal(appended('FROM x\nRUN a \\\n  && b \\\n  # done\n'), 'FROM x\nRUN a \\\n  && b \\\n  && cleanup \\\n  # done\n');
});

test('heredoc scripts: a new line after set -e, else chained to the last command', () => {
  assert.equal(appended('FROM x\nRUN <<EOF\nset -eu\n  a\nEOF\n'), 'FROM x\nRUN <<EOF\nset -eu\n  a\n  cleanup\nEOF\n');
  assert.equal(appended('FROM x\nRUN <<EOF\na\nb\nEOF\n'), 'FROM x\nRUN <<EOF\na\nb && cleanup\nEOF\n');
});

test('no place to append safely: background job, heredoc at the end, mixed heredoc', () => {
  assert.equal(appended('FROM x\nRUN a &\n'), undefined);
  assert.equal(appended('FROM x\nRUN <<EOF\ncat <<X > f\nhi\nX\nEOF\n'), undefined);
  assert.equal(appended('FROM x\nRUN a && cat <<EOF > f\nhi\nEOF\n'), undefined);
});

function removed(text: string, name: string): string | undefined {
  const { shell } = lastRun(text);
  const info = shell.script.commands.find((candidate) => candidate.command.name?.value === name)!;
  return apply(text, removeCommandEdit(shell, info));
}

test('a command removed with the operator that chains it', () => {
  assert.equal(removed('FROM x\nRUN a && b && c\n', 'a'), 'FROM x\nRUN b && c\n');
  assert.equal(removed('FROM x\nRUN a && b && c\n', 'b'), 'FROM x\nRUN a && c\n');
  assert.equal(removed('FROM x\nRUN a && b && c\n', 'c'), 'FROM x\nRUN a && b\n');
  assert.equal(removed('FROM x\nRUN a; \\\n    b\n', 'a'), 'FROM x\nRUN b\n');
  assert.equal(removed('FROM x\nRUN a; b\n', 'b'), 'FROM x\nRUN a\n');
});

test('commands that cannot be removed alone', () => {
  assert.equal(removed('FROM x\nRUN a || b\n', 'b'), undefined);
  assert.equal(removed('FROM x\nRUN a | b\n', 'a'), undefined);
  assert.equal(removed('FROM x\nRUN (a && b)\n', 'a'), undefined);
  assert.equal(removed('FROM x\nRUN a\n', 'a'), undefined);
});
