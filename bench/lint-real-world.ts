// Lint speed on real Dockerfiles: shipshape (every registered rule, one pass per file) against dockerfilelint
// on the same texts, measured in the same run. The corpus is the 60 real-world conformance Dockerfiles,
// linted 17 times over (1,020 lints), after one warm-up round for each tool.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lint } from '../src/dockerfile/lint.js';
import { realWorldDockerfiles } from '../test/conformance/real-world.js';

const ROUNDS = 17;
const require = createRequire(import.meta.url);
const dockerfilelint = require('dockerfilelint') as { run(configDir: string, content: string): unknown[] };
// An empty directory: dockerfilelint looks for a .dockerfilelintrc there and uses its defaults without one.
const configDir = mkdtempSync(join(tmpdir(), 'dockerfilelint-'));

const files = realWorldDockerfiles();

function measure(name: string, lintOne: (text: string, file: string) => void): number {
  for (const file of files) lintOne(file.text, file.name);
  const start = performance.now();
  for (let round = 0; round < ROUNDS; round++) for (const file of files) lintOne(file.text, file.name);
  const ms = performance.now() - start;
  console.log(`${name.padEnd(16)} ${String(files.length * ROUNDS).padStart(5)} lints  ${ms.toFixed(1).padStart(7)} ms  ${(ms / (files.length * ROUNDS)).toFixed(3)} ms/file`);
  return ms;
}

const ours = measure('shipshape', (text, file) => void lint(text, { file }));
const baseline = measure('dockerfilelint', (text) => void dockerfilelint.run(configDir, text));
console.log(`shipshape takes ${((100 * ours) / baseline).toFixed(0)}% of dockerfilelint's time`);
