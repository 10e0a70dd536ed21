// lint and fix grow linearly with the Dockerfile, and a Dockerfile over the size limit is refused in one
// line before any work. Each shape below once cost n² (a rescan of the file or the stage per instruction):
// four times the input must cost about four times the CPU time, not sixteen.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { shapes } from '../bench/dockerfile-shapes.js';
import { unifiedDiff } from '../src/core/diff.js';
import { InputError } from '../src/core/errors.js';
import { fix, lint, MAX_DOCKERFILE_BYTES } from '../src/dockerfile/lint.js';
import { runCli } from './support/cli.js';

function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The best of two runs of `run` on the small and the large input: their ratio. */
function growth(run: (text: string) => void, small: string, large: string): number {
  run(small);
  const smallMs = Math.min(cpuMs(() => run(small)), cpuMs(() => run(small)));
  const largeMs = Math.min(cpuMs(() => run(large)), cpuMs(() => run(large)));
  return largeMs / Math.max(smallMs, 1);
}

const QUADRATIC_SHAPES = ['many single-command RUNs', 'a chain of stages', 'ENV read by every RUN', 'many relative WORKDIR and ENTRYPOINT', 'many stages with COPY --from'];

for (const name of QUADRATIC_SHAPES) {
  test(`lint of "${name}": 4x the input costs under 8x the time`, () => {
    const shape = shapes.find((candidate) => candidate.name === name)!;
    const ratio = growth((text) => void lint(text), shape.generate(64 * 1024), shape.generate(256 * 1024));
    assert.ok(ratio < 8, `x${ratio.toFixed(1)}`);
  });
}

test('fix and the diff of "many single-command RUNs": 4x the input costs under 8x the time', () => {
  const shape = shapes[0]!;
  const run = (text: string) => void unifiedDiff(text, fix(text).text, 'Dockerfile');
  const ratio = growth(run, shape.generate(32 * 1024), shape.generate(128 * 1024));
  assert.ok(ratio < 8, `x${ratio.toFixed(1)}`);
});

test('the diff of two unrelated large texts stays linear and correct', () => {
  const before = Array.from({ length: 40_000 }, (_, i) => `RUN echo ${i % 7}\n`).join('');
  const after = Array.from({ length: 40_000 }, (_, i) => `RUN echo ${i % 5}\n`).join('');
  const ms = cpuMs(() => {
    const diff = unifiedDiff(before, after, 'a', 'b');
    const removed = diff.split('\n').filter((line) => line.startsWith('-') && !line.startsWith('---')).length;
    const added = diff.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++')).length;
    // Every line of `before` not kept is removed, every line of `after` not kept is added.
    assert.equal(40_000 - removed, 40_000 - added);
  });
  assert.ok(ms < 5_000, `${ms.toFixed(0)} ms`);
});

test('a Dockerfile over the limit is an InputError from the library', () => {
  const text = `FROM alpine:3.20\n${'#'.repeat(MAX_DOCKERFILE_BYTES)}\n`;
  assert.throws(() => lint(text, { file: 'big.Dockerfile' }), (error: unknown) => error instanceof InputError && /^big\.Dockerfile: larger than 8 MiB/.test(error.message));
  // Multi-byte text counts in bytes: 3 million 3-byte characters are 9 MB.
  assert.throws(() => lint(`FROM alpine:3.20\nLABEL a="${'\u20ac'.repeat(3_000_000)}"\n`), InputError);
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
    assert.match(result.stderr, /Dockerfile: larger than 8 MiB, the limit for this input\n$/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  }
  const piped = await runCli(['lint', '-'], { stdin: big });
  assert.equal(piped.code, 2);
  assert.match(piped.stderr, /larger than 8 MiB/);
});
