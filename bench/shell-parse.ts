// Parse speed of src/shell against mvdan-sh (the parser it replaces), measured in the same run on the
// same input: every shell-form RUN script of the real-world Dockerfile corpus, 17 times over.
// Run: npx tsx bench/shell-parse.ts [--rounds N]
import { performance } from 'node:perf_hooks';
import { realWorldRunScripts } from '../test/support/run-scripts.js';

const REPEAT = 17;
const roundsFlag = process.argv.indexOf('--rounds');
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 5;

const scripts: string[] = [];
const corpus = realWorldRunScripts().map((r) => r.script);
for (let i = 0; i < REPEAT; i++) scripts.push(...corpus);

let t = performance.now();
const { parseShell } = await import('../src/shell/parse.js');
const oursLoadMs = performance.now() - t;

t = performance.now();
const { loadMvdan, newBashParser } = await import('../test/support/mvdan.js');
const syntax = loadMvdan();
const mvdanLoadMs = performance.now() - t;
const parser = newBashParser(syntax);

/** Times one pass over all scripts; returns ms. */
function pass(parse: (script: string) => unknown): number {
  const start = performance.now();
  for (const script of scripts) parse(script);
  return performance.now() - start;
}

const ours = (script: string) => parseShell(script);
const mvdan = (script: string) => parser.Parse(script, '');

// First pass: cold, as in a one-shot CLI run. Then the best of several passes: the steady state.
const oursFirst = pass(ours);
const mvdanFirst = pass(mvdan);
let oursBest = oursFirst;
let mvdanBest = mvdanFirst;
for (let i = 1; i < rounds; i++) {
  oursBest = Math.min(oursBest, pass(ours));
  mvdanBest = Math.min(mvdanBest, pass(mvdan));
}

const chars = scripts.reduce((sum, s) => sum + s.length, 0);
const rate = (ms: number) => Math.round((scripts.length / ms) * 1000).toLocaleString('en-US');
const row = (label: string, ms: number) => `${label.padEnd(34)} ${ms.toFixed(1).padStart(8)} ms  ${rate(ms).padStart(10)} scripts/s`;
console.log(`corpus: ${corpus.length} RUN scripts x ${REPEAT} = ${scripts.length} scripts, ${(chars / 1024).toFixed(0)} KiB`);
console.log(`load   src/shell (tsx import)         ${oursLoadMs.toFixed(1).padStart(8)} ms`);
console.log(`load   mvdan-sh                       ${mvdanLoadMs.toFixed(1).padStart(8)} ms`);
console.log(row('first pass  src/shell parseShell', oursFirst));
console.log(row('first pass  mvdan-sh Parse', mvdanFirst));
console.log(row(`best of ${rounds}   src/shell parseShell`, oursBest));
console.log(row(`best of ${rounds}   mvdan-sh Parse`, mvdanBest));
console.log(`ratio (mvdan-sh / src/shell): first pass ${(mvdanFirst / oursFirst).toFixed(1)}x, best ${(mvdanBest / oursBest).toFixed(1)}x`);
