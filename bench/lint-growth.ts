// How lint grows with the Dockerfile's size: the built CLI (a whole process, cold start included) lints
// generated files of 10 KB, 100 KB, 1 MB and 10 MB (under the 16 MiB limit), each a run of
// single-command RUNs (the shape that once cost n²) and, with --all-shapes, every shape of
// bench/dockerfile-shapes.ts. For each: wall time, time per MB (less the CLI's start-up on a one-line file),
// peak RSS (from the kernel's accounting of the child), next to a bare `node -e 0` and `wc -l` over the
// same file, measured in the same run.
// Targets: time per MB within 1.5x from 100 KB to 10 MB; peak RSS under 10x the input + 100 MB.
// Run: npm run build && node --import tsx bench/lint-growth.ts [--all-shapes]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manyRuns, shapes } from './dockerfile-shapes.js';
import { environmentWithoutShellcheck } from './without-shellcheck.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/shipshape.js');
const SIZES = [10_000, 100_000, 1_000_000, 10_000_000];
const MB = 1_000_000;

interface Run {
  ms: number;
  /** Peak resident set of the child, bytes. */
  peak: number;
  status: number | null;
}

/** A whole process under /usr/bin/time -v: its wall time and the peak RSS the kernel reports. */
function measure(command: string, args: string[]): Run {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, env: withoutShellcheck });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const peakKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1];
  if (!peakKb) throw new Error(`no resource usage for ${command}: ${result.error ?? result.stderr.slice(-300)}`);
  const exit = /Exit status: (\d+)/.exec(result.stderr)?.[1];
  return { ms, peak: Number(peakKb) * 1024, status: exit === undefined ? result.status : Number(exit) };
}

const best = (runs: Run[]): Run => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(0)} MiB`;

const dir = mkdtempSync(join(tmpdir(), 'lint-growth-'));
// ShellCheck is a process of its own with its own growth (bench/lint.ts measures its share, and lint bounds it
// with a time limit): the runs here have a PATH with node and nothing else.
const noShellcheck = environmentWithoutShellcheck();
const withoutShellcheck = noShellcheck.env;
const bare = best([0, 1, 2].map(() => measure(process.execPath, ['-e', '0'])));
console.log(`node -e 0: ${bare.ms.toFixed(0)} ms, peak ${mib(bare.peak)}`);
// The CLI's own start-up (loading its modules), subtracted from each lint before dividing by the size.
const tiny = join(dir, 'Dockerfile.tiny');
writeFileSync(tiny, 'FROM alpine:3.20\n');
const startUp = best([0, 1, 2].map(() => measure(process.execPath, [bin, 'lint', '--format', 'json', '-o', join(dir, 'report.json'), tiny])));
console.log(`shipshape lint of a one-line Dockerfile (start-up): ${startUp.ms.toFixed(0)} ms, peak ${mib(startUp.peak)}`);

function growth(name: string, generate: (bytes: number) => string): boolean {
  console.log(`\n${name}`);
  console.log('size       lint ms   per MB ms  (minus start-up)  peak RSS   limit      wc -l ms');
  const perMb: number[] = [];
  let withinMemory = true;
  for (const size of SIZES) {
    const file = join(dir, `Dockerfile.${size}`);
    const text = generate(size);
    writeFileSync(file, text);
    const bytes = Buffer.byteLength(text);
    const rounds = bytes > MB ? 1 : 3;
    const lint = best(Array.from({ length: rounds }, () => measure(process.execPath, [bin, 'lint', '--format', 'json', '-o', join(dir, 'report.json'), file])));
    const wc = best(Array.from({ length: 3 }, () => measure('/usr/bin/wc', ['-l', file])));
    if (lint.status !== 0 && lint.status !== 1) throw new Error(`lint exited ${lint.status} on ${file}`);
    const net = lint.ms - startUp.ms;
    const limit = 10 * bytes + 100 * 1024 * 1024;
    withinMemory &&= lint.peak < limit;
    perMb.push(net / (bytes / MB));
    console.log(
      `${(bytes / 1000).toFixed(0).padStart(6)} KB ${lint.ms.toFixed(0).padStart(9)} ${(lint.ms / (bytes / MB)).toFixed(0).padStart(10)}  ${(net / (bytes / MB)).toFixed(0).padStart(16)}  ${mib(lint.peak).padStart(8)}  ${mib(limit).padStart(8)}  ${wc.ms.toFixed(1).padStart(10)}`,
    );
  }
  // From 100 KB up: the 10 KB run is all start-up.
  const measured = perMb.slice(1);
  const spread = Math.max(...measured) / Math.min(...measured);
  const linear = spread <= 1.5;
  console.log(`time per MB (start-up subtracted), 100 KB to 10 MB: max/min ${spread.toFixed(2)} (target <= 1.5): ${linear ? 'ok' : 'OVER'}`);
  console.log(`peak RSS under 10x input + 100 MiB: ${withinMemory ? 'ok' : 'OVER'}`);
  return linear && withinMemory;
}

let ok = growth('many single-command RUNs', manyRuns);
if (process.argv.includes('--all-shapes')) for (const shape of shapes.slice(1)) ok = growth(shape.name, shape.generate) && ok;
rmSync(dir, { recursive: true, force: true });
noShellcheck.remove();
console.log(`\nnode ${process.version}; ${ok ? 'all targets met' : 'a target was missed'}`);
process.exitCode = ok ? 0 : 1;
