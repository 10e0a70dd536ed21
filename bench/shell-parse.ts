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

interface Timing {
  /** Wall-clock ms. */
  wall: number;
  /** CPU ms of the process (all threads, so the JIT compiler's too): steadier on a busy machine. */
  cpu: number;
}

/** Times one pass over the given scripts. */
function pass(parse: (script: string) => unknown, input: string[] = scripts): Timing {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (const script of input) parse(script);
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

const best = (a: Timing, b: Timing): Timing => ({ wall: Math.min(a.wall, b.wall), cpu: Math.min(a.cpu, b.cpu) });

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
  oursBest = best(oursBest, pass(ours));
  mvdanBest = best(mvdanBest, pass(mvdan));
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
const row = (label: string, t: Timing, count = scripts.length) =>
  `${label.padEnd(30)} ${t.wall.toFixed(1).padStart(8)} ms ${t.cpu.toFixed(1).padStart(8)} ms CPU ` +
  `${Math.round((count / t.wall) * 1000).toLocaleString('en-US').padStart(9)} scripts/s`;
const ratio = (label: string, a: Timing, b: Timing) =>
  `${label} ${(a.wall / b.wall).toFixed(1)}x (CPU ${(a.cpu / b.cpu).toFixed(1)}x)`;
console.log(`corpus: ${corpus.length} RUN scripts x ${REPEAT} = ${scripts.length} scripts, ${(chars / 1024).toFixed(0)} KiB`);
console.log(`load (median of ${LOAD_SAMPLES} fresh processes): src/shell ${oursLoad.toFixed(1)} ms, mvdan-sh ${mvdanLoad.toFixed(1)} ms`);
console.log(row(`cold x1      src/shell`, oursCold, corpus.length));
console.log(row(`cold x1      mvdan-sh`, mvdanCold, corpus.length));
console.log(row(`first x${REPEAT}    src/shell`, oursFirst));
console.log(row(`first x${REPEAT}    mvdan-sh`, mvdanFirst));
console.log(row(`best of ${rounds} x${REPEAT} src/shell`, oursBest));
console.log(row(`best of ${rounds} x${REPEAT} mvdan-sh`, mvdanBest));
console.log(
  `mvdan-sh / src/shell: ${ratio('cold x1', mvdanCold, oursCold)}, ${ratio(`first x${REPEAT}`, mvdanFirst, oursFirst)}, ` +
    `${ratio('best', mvdanBest, oursBest)}`,
);
console.log('(src/shell also builds the command list; mvdan-sh only parses)');
