// Lints the 60 real-world Dockerfiles of the conformance corpus 17 times each (1,020 files) in one process,
// with shipshape (full parse, every RUN's shell parsed, every rule) and with dockerfilelint on the same files
// in the same run; then the CLI's cold start for one file next to a bare `node -e 0`.
// Run: npm run build && node --import tsx bench/lint.ts   (times the compiled code in dist/)
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conformanceDir } from '../test/conformance/conformance-dir.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { lint } = (await import(join(root, 'dist/dockerfile/lint.js'))) as typeof import('../src/dockerfile/lint.js');
const dockerfilelint = require('dockerfilelint') as { run(context: string, content: string): unknown[] };

const ROUNDS = 17;
const files: { name: string; text: string }[] = [];
for (const dir of ['dockerfiles-official', 'dockerfiles-apps']) {
  const path = join(conformanceDir(), dir);
  for (const name of readdirSync(path).sort()) {
    if (name !== 'manifest.json') files.push({ name, text: readFileSync(join(path, name), 'utf8') });
  }
}

function time(run: () => number): { ms: number; count: number } {
  const start = process.hrtime.bigint();
  const count = run();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, count };
}

const lintAll = () => {
  let findings = 0;
  for (let round = 0; round < ROUNDS; round++) for (const file of files) findings += lint(file.text, { file: file.name }).findings.length;
  return findings;
};
const dockerfilelintAll = () => {
  let findings = 0;
  for (let round = 0; round < ROUNDS; round++) for (const file of files) findings += dockerfilelint.run(root, file.text).length;
  return findings;
};

// One warm-up pass each, then the best of five, alternating so both see the same machine state.
lintAll();
dockerfilelintAll();
const ours: number[] = [];
const theirs: number[] = [];
let ourFindings = 0;
let theirFindings = 0;
for (let i = 0; i < 5; i++) {
  const a = time(lintAll);
  const b = time(dockerfilelintAll);
  ours.push(a.ms);
  theirs.push(b.ms);
  ourFindings = a.count;
  theirFindings = b.count;
}
const best = (xs: number[]) => Math.min(...xs);
console.log(`corpus: ${files.length} Dockerfiles x ${ROUNDS} = ${files.length * ROUNDS} lints`);
console.log(`shipshape      best ${best(ours).toFixed(0)} ms (runs: ${ours.map((m) => m.toFixed(0)).join(', ')}), ${ourFindings} findings`);
console.log(`dockerfilelint best ${best(theirs).toFixed(0)} ms (runs: ${theirs.map((m) => m.toFixed(0)).join(', ')}), ${theirFindings} findings`);
console.log(`ratio shipshape/dockerfilelint: ${(best(ours) / best(theirs)).toFixed(2)}`);

let slowest = { name: '', ms: 0 };
for (const file of files) {
  const { ms } = time(() => lint(file.text, { file: file.name }).findings.length);
  if (ms > slowest.ms) slowest = { name: file.name, ms };
}
console.log(`slowest single lint (warm): ${slowest.ms.toFixed(2)} ms (${slowest.name})`);

// Cold start: a new process per run, as a pre-commit hook would start it.
const sample = join(conformanceDir(), 'dockerfiles-apps', 'example-voting-app__vote_Dockerfile');
const bin = join(root, 'bin/shipshape.js');
const wall = (args: string[]) => {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const cold: number[] = [];
const bare: number[] = [];
for (let i = 0; i < 10; i++) {
  cold.push(wall([bin, 'lint', sample, '--no-color']));
  bare.push(wall(['-e', '0']));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`CLI cold start, one file: median ${median(cold).toFixed(0)} ms (node -e 0: median ${median(bare).toFixed(0)} ms)`);
console.log(`node ${process.version}, ${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores`);
