// Token soup never crashes the parser, the shell parser or the linter: every input either lints or is
// refused with an InputError. A seeded generator keeps failures reproducible.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { lint, fix } from '../../src/dockerfile/lint.js';

const TOKENS = [
  'FROM', 'RUN', 'COPY', 'ADD', 'ENV', 'ARG', 'LABEL', 'CMD', 'ENTRYPOINT', 'ONBUILD', 'HEALTHCHECK', 'SHELL', 'USER',
  'WORKDIR', 'EXPOSE', 'VOLUME', 'MAINTAINER', 'STOPSIGNAL', 'FRM', ' ', '  ', '\t', '\n', '\r\n', '\\\n', '`\n', '#',
  '# escape=`\n', '# syntax=x\n', '$', '${', '}', '$(', ')', '`', '"', "'", '[', ']', ',', '=', '--from=', '--mount=type=cache,target=/x',
  '<<EOF', '<<-EOF', 'EOF', '\tEOF', 'apt-get', 'install', '-y', '&&', '||', '|', ';', '&', '>', '2>&1', '<(', 'sh -c', 'if', 'then',
  'fi', 'for', 'do', 'done', 'case', 'esac', 'in', '((', '))', '[[', ']]', 'x', 'debian:12', 'AS', 'build', '8080', '\u00e9', '\ufeff',
];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('5,000 random inputs lint or are refused cleanly; fixes keep them parseable', () => {
  const random = seeded(20261126);
  let linted = 0;
  for (let i = 0; i < 5_000; i++) {
    const length = 1 + Math.floor(random() * 40);
    let text = '';
    for (let j = 0; j < length; j++) text += TOKENS[Math.floor(random() * TOKENS.length)];
    try {
      lint(text);
      linted++;
      if (i % 10 === 0) fix(text, { unsafe: true });
    } catch (error) {
      assert.ok(error instanceof InputError, `input #${i} ${JSON.stringify(text)} threw ${String(error)}`);
    }
  }
  assert.ok(linted > 2_500, `most inputs have instructions (${linted})`);
});
