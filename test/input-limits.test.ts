// A Dockerfile over the size limit is refused in one line before any work, and the diff stays correct past its
// step budget. How lint and fix grow with the input is measured by bench/lint-growth.ts, not timed here.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { unifiedDiff } from '../src/core/diff.js';
import { InputError } from '../src/core/errors.js';
import { lint, MAX_DOCKERFILE_BYTES } from '../src/dockerfile/lint.js';
import { runCli } from './support/cli.js';

test('the diff of two unrelated large texts, past the Myers step budget, is still a correct diff', () => {
  const before = Array.from({ length: 40_000 }, (_, i) => `RUN echo ${i % 7}\n`).join('');
  const after = Array.from({ length: 40_000 }, (_, i) => `RUN echo ${i % 5}\n`).join('');
  const diff = unifiedDiff(before, after, 'a', 'b');
  const removed = diff.split('\n').filter((line) => line.startsWith('-') && !line.startsWith('---')).length;
  const added = diff.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++')).length;
  // Every line of `before` not kept is removed, every line of `after` not kept is added.
  assert.equal(40_000 - removed, 40_000 - added);
});

test('a Dockerfile over the limit is an InputError from the library', () => {
  const text = `FROM alpine:3.20\n${'#'.repeat(MAX_DOCKERFILE_BYTES)}\n`;
  assert.throws(() => lint(text, { file: 'big.Dockerfile' }), (error: unknown) => error instanceof InputError && /^big\.Dockerfile: larger than 16 MiB/.test(error.message));
  // Multi-byte text counts in bytes: 6 million 3-byte characters are 18 MB.
  assert.throws(() => lint(`FROM alpine:3.20\nLABEL a="${'\u20ac'.repeat(6_000_000)}"\n`), InputError);
  assert.doesNotThrow(() => lint(`FROM alpine:3.20\nLABEL a="${'x'.repeat(MAX_DOCKERFILE_BYTES - 40)}"\n`));
});

const scratch = mkdtempSync(join(tmpdir(), 'size-limit-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('lint, fix and check refuse a Dockerfile over the limit, from a file or stdin, with one line and exit 2', async () => {
  const big = Buffer.alloc(MAX_DOCKERFILE_BYTES + 1, 'a');
  big.write('FROM alpine:3.20\n');
  const file = join(scratch, 'Dockerfile');
  writeFileSync(file, big);
  for (const args of [['lint', file], ['fix', file], ['check', scratch]]) {
    const result = await runCli(args);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, /Dockerfile: larger than 16 MiB, the limit for this input\n$/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  }
  const piped = await runCli(['lint', '-'], { stdin: big });
  assert.equal(piped.code, 2);
  assert.match(piped.stderr, /larger than 16 MiB/);
});
