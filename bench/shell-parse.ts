// Parse speed of src/shell against mvdan-sh (the parser it replaces), measured in the same run on the
// same input: every shell-form RUN script of the real-world Dockerfile corpus, 17 times over.
// Also the cost of loading each parser, in fresh processes (src/shell compiled to JavaScript first, so
// that the TypeScript transform of the dev loader is not counted).
// Run: npx tsx bench/shell-parse.ts [--rounds N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { parseShell } from '../src/shell/parse.js';
import { loadMvdan, newBashParser } from '../test/support/mvdan.js';
import { realWorldRunScripts } from '../test/support/run-scripts.js';

const REPEAT = 17;
const LOAD_SAMPLES = 5;
const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 5;
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const corpus = realWorldRunScripts().map((r) => r.script);
const scripts: string[] = [];
for (let i = 0; i < REPEAT; i++) scripts.push(...corpus);

const syntax = loadMvdan();
const parser = newBashParser(syntax);

/** Times one pass over the given scripts; returns ms. */
function pass(parse: (script: string) => unknown, input: string[] = scripts): number {
  const start = performance.now();
  for (const script of input) parse(script);
  return performance.now() - start;
}

const ours = (script: string) => parseShell(script);
const mvdan = (script: string) => parser.Parse(script, '');

// Cold: the corpus once, as one CLI run over these Dockerfiles does. Then the corpus x17: the first run,
// and the best of several (the steady state).
const oursCold = pass(ours, corpus);
const mvdanCold = pass(mvdan, corpus);
const oursFirst = pass(ours);
const mvdanFirst = pass(mvdan);
let oursBest = oursFirst;
let mvdanBest = mvdanFirst;
for (let i = 1; i < rounds; i++) {
  oursBest = Math.min(oursBest, pass(ours));
  mvdanBest = Math.min(mvdanBest, pass(mvdan));
}

/** Median time of `code` (an ES module body printing its own measurement) over fresh processes. */
function loadTime(code: string, cwd: string): number {
  const samples: number[] = [];
  for (let i = 0; i < LOAD_SAMPLES; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`load measurement failed: ${run.stderr}`);
    samples.push(Number(run.stdout.trim()));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** src/shell as plain JavaScript modules, in a temporary directory. */
function compileShellModule(): string {
  const out = mkdtempSync(join(tmpdir(), 'shell-bench-'));
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  const dir = join(repoRoot, 'src', 'shell');
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const { outputText } = ts.transpileModule(readFileSync(join(dir, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(out, file.replace(/\.ts$/, '.js')), outputText);
  }
  return out;
}

const compiled = compileShellModule();
const measure = (body: string) => `const t = performance.now(); ${body}; console.log(performance.now() - t);`;
const oursLoad = loadTime(measure(`await import(${JSON.stringify(pathToFileURL(join(compiled, 'index.js')).href)})`), compiled);
const mvdanLoad = loadTime(
  measure(`(await import('node:module')).createRequire(${JSON.stringify(join(repoRoot, 'package.json'))})('mvdan-sh')`),
  repoRoot,
);
rmSync(compiled, { recursive: true, force: true });

const chars = scripts.reduce((sum, s) => sum + s.length, 0);
const rate = (ms: number) => Math.round((scripts.length / ms) * 1000).toLocaleString('en-US');
const row = (label: string, ms: number) => `${label.padEnd(36)} ${ms.toFixed(1).padStart(8)} ms  ${rate(ms).padStart(10)} scripts/s`;
console.log(`corpus: ${corpus.length} RUN scripts x ${REPEAT} = ${scripts.length} scripts, ${(chars / 1024).toFixed(0)} KiB`);
console.log(`load (median of ${LOAD_SAMPLES} fresh processes)  src/shell ${oursLoad.toFixed(1)} ms, mvdan-sh ${mvdanLoad.toFixed(1)} ms`);
const coldRow = (label: string, ms: number) =>
  `${label.padEnd(36)} ${ms.toFixed(1).padStart(8)} ms  ${Math.round((corpus.length / ms) * 1000).toLocaleString('en-US').padStart(10)} scripts/s`;
console.log(coldRow(`cold, ${corpus.length} scripts  src/shell`, oursCold));
console.log(coldRow(`cold, ${corpus.length} scripts  mvdan-sh`, mvdanCold));
console.log(row('first pass   src/shell parseShell', oursFirst));
console.log(row('first pass   mvdan-sh Parse', mvdanFirst));
console.log(row(`best of ${rounds}    src/shell parseShell`, oursBest));
console.log(row(`best of ${rounds}    mvdan-sh Parse`, mvdanBest));
console.log(
  `mvdan-sh / src/shell: cold ${(mvdanCold / oursCold).toFixed(1)}x, first pass x${REPEAT} ${(mvdanFirst / oursFirst).toFixed(1)}x, ` +
    `best ${(mvdanBest / oursBest).toFixed(1)}x` +
    ' (src/shell also builds the command list; mvdan-sh only parses)',
);
