// Structured Dockerfiles (instruction keywords, flags, continuations, heredocs, quotes, variables, escapes,
// parser directives, ONBUILD, comments) through the parser, the linter, fix and the shell parser: every input
// lints or is refused with an InputError, fix keeps it parseable, and no case takes long.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors.js';
import { fix, lint } from '../../src/dockerfile/lint.js';
import { parseDockerfile } from '../../src/dockerfile/parse/index.js';
import { parseShell } from '../../src/shell/parse.js';
import { FUZZ_SEED, withinBudget } from './budget.js';

const KEYWORDS = ['FROM', 'RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'CMD', 'ENTRYPOINT', 'ONBUILD', 'HEALTHCHECK', 'SHELL', 'USER', 'WORKDIR', 'EXPOSE', 'VOLUME', 'MAINTAINER', 'STOPSIGNAL', 'from', 'run', 'Frm'];
const WORDS = [
  'alpine:3.20', 'debian:12', 'scratch', 'AS', 'build', 'base', 'apt-get', 'update', 'install', '-y', 'apk', 'add', '--no-cache', 'npm', 'ci',
  'pip', 'curl', '-fsSL', 'https://example.com/x', '|', 'sh', '&&', '||', ';', '&', '>', '2>&1', 'cd', '/app', '.', './', 'rm', '-rf',
  '/var/lib/apt/lists/*', 'set', '-eux', 'export', 'X=1', 'if', 'then', 'else', 'fi', 'for', 'in', 'do', 'done', 'case', 'esac', 'while',
  '{', '}', '(', ')', '$(', '`', '$X', '${X}', '${X:-d}', '${X#p}', '$1', '"', "'", '"a b"', "'c d'", '\\"', '\\$', '[', ']', '["sh", "-c"]',
  '=', 'KEY=value', 'KEY="v w"', '8080/tcp', 'root', '1000:1000', '*.txt', '<<EOF', '<<-EOF', '<<"EOF"', "<<'EOF'", '<(x)', '((1+1))', '[[', ']]',
  '--from=build', '--mount=type=cache,target=/root/.cache', '--chown=1:1', '--chmod=755', '--platform=$BUILDPLATFORM', '--network=none',
  '--link', '--interval=5s', 'NONE', 'é', '\u200b', '\u001b[2J',
];
const SEPARATORS = [' ', ' ', ' ', '\t', ' \\\n  ', ' \\\n', '\\\n', ' `\n ', ' \\\n# comment\n  ', ' \\\n\n  '];

const word = fc.oneof(fc.constantFrom(...WORDS), fc.stringMatching(/^[a-zA-Z0-9_$./{}:=-]{1,8}$/));
const args = fc.array(fc.tuple(fc.constantFrom(...SEPARATORS), word), { maxLength: 8 }).map((parts) => parts.map(([s, w]) => s + w).join(''));
const heredoc = fc
  .tuple(fc.constantFrom('EOF', 'END', 'eof'), fc.array(fc.oneof(word, fc.constantFrom('EOF', '\tEOF', '', '#!/bin/bash')), { maxLength: 6 }), fc.boolean())
  .map(([name, body, closed]) => `${body.join('\n')}\n${closed ? name : ''}`);
const instruction = fc
  .tuple(fc.constantFrom('', '', '  ', 'ONBUILD '), fc.constantFrom(...KEYWORDS), args, fc.option(heredoc, { freq: 5 }))
  .map(([indent, keyword, rest, body]) => `${indent}${keyword}${rest}${body === null ? '' : ` <<EOF\n${body}`}`);
const line = fc.oneof(
  { weight: 8, arbitrary: instruction },
  { weight: 1, arbitrary: fc.constantFrom('# a comment', '# hadolint ignore=DL3008,DL3059', '# shipshape-ignore dockerfile/combine-run', '# hadolint shell=pwsh', '', '   ') },
  { weight: 1, arbitrary: fc.constantFrom('# escape=`', '# escape=\\', '# syntax=docker/dockerfile:1', '# check=skip=all', '# escape=x') },
);
const dockerfile = fc
  .tuple(fc.constantFrom('', 'FROM alpine:3.20\n', '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\n', 'ARG BASE=debian:12\nFROM $BASE AS build\n'), fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n', ''))
  .map(([head, lines, newline]) => head + lines.join(newline === '' ? '\n' : newline) + newline);

const isInputError = (error: unknown) => error instanceof InputError;

test('structured Dockerfiles lint or are refused with an InputError, and fixes keep them parseable', () => {
  let cases = 0;
  let linted = 0;
  fc.assert(
    fc.property(dockerfile, (text) => {
      cases++;
      withinBudget(`lint of ${JSON.stringify(text)}`, () => {
        lint(text);
        linted++;
        const fixed = fix(text, { unsafe: true });
        const errorsBefore = parseDockerfile(text).problems.filter((p) => p.level === 'error').length;
        const errorsAfter = fixed.dockerfile.problems.filter((p) => p.level === 'error').length;
        assert.ok(errorsAfter <= errorsBefore, `fix added parse errors to ${JSON.stringify(text)}`);
      }, isInputError);
    }),
    { seed: FUZZ_SEED, numRuns: 500 },
  );
  assert.equal(cases, 500);
  assert.ok(linted > 300, `most generated files have instructions (${linted})`);
});

const shellSource = fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', '\n', '; ', ' && ', ' | ', '\\\n', '')), { maxLength: 30 }).map((parts) => parts.map(([w, s]) => w + s).join(''));

test('the shell parser returns a script (with errors recorded) for any source and never throws', () => {
  fc.assert(
    fc.property(shellSource, (source) => {
      withinBudget(`parseShell(${JSON.stringify(source)})`, () => {
        const script = parseShell(source);
        assert.ok(Array.isArray(script.body) && Array.isArray(script.errors));
      }, () => false);
    }),
    { seed: FUZZ_SEED, numRuns: 1_500 },
  );
});

test('deep nesting is refused or parsed, never a stack overflow', () => {
  for (const depth of [100, 1_000, 10_000, 100_000]) {
    const nested = `${'$('.repeat(depth)}x${')'.repeat(depth)}`;
    withinBudget(`parseShell of depth ${depth}`, () => void parseShell(`echo ${nested}`), () => false);
    withinBudget(`lint of depth ${depth}`, () => void lint(`FROM alpine:3.20\nRUN echo ${nested}\nRUN echo "${'${X:-'.repeat(depth)}"\n`), isInputError);
  }
});
