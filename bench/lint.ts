// Lint as a user's shell sees it: whole processes, cold start included, each paired with its yardstick and
// alternated (A B A B …) so that both see the same machine; the figure is the median of the per-pair ratios.
//  1. The 60 real-world Dockerfiles of the conformance corpus in one process: `shipshape lint` next to
//     `dockerfilelint` on the same files. ShellCheck is kept off PATH for this pair (shipshape then says in one
//     line that it skipped it), and ShellCheck's own share is measured apart: shipshape with ShellCheck on PATH
//     next to shipshape without it.
//  2. One file, cold: `shipshape lint FILE` next to a bare `node -e 0`.
// Wall time from a monotonic clock around each child; CPU time (user + system) from the kernel's accounting of
// the child, read through /usr/bin/time.
// Targets: (1) ratio <= 1.0; (2) ratio <= 1.6.
// Run: npm run build && node --import tsx bench/lint.ts [--pairs N]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProgram } from '../src/core/program-path.js';
import { conformanceDir } from '../test/conformance/conformance-dir.js';
import { environmentWithoutShellcheck } from './without-shellcheck.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/shipshape.js');
const dockerfilelint = join(root, 'node_modules/.bin/dockerfilelint');
const pairsFlag = process.argv.indexOf('--pairs');
const PAIRS = pairsFlag > 0 ? Number(process.argv[pairsFlag + 1]) : 15;

const files: string[] = [];
for (const dir of ['dockerfiles-official', 'dockerfiles-apps']) {
  const path = join(conformanceDir(), dir);
  for (const name of readdirSync(path).sort()) if (name !== 'manifest.json') files.push(join(path, name));
}

// A PATH with node and nothing else, so that ShellCheck is absent for the runs that must not count it.
const noShellcheck = environmentWithoutShellcheck();
const withoutShellcheck = noShellcheck.env;
const shellcheck = findProgram('shellcheck');

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Sample {
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S %x', command, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const accounting = /(\d+\.\d+) (\d+\.\d+) (\d+)\s*$/.exec(result.stderr);
  if (!accounting) throw new Error(`no accounting for ${command}: ${result.error ?? result.stderr.slice(-300)}`);
  // dockerfilelint exits with its count of problems; 126 and up is a command that could not run.
  if (Number(accounting[3]) >= 126) throw new Error(`${command} exited ${accounting[3]}: ${result.stderr.slice(-300)}`);
  return { wallMs, cpuMs: (Number(accounting[1]) + Number(accounting[2])) * 1000 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Side {
  label: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** A and B in turn, one warm-up pair first; medians of each side and of the pair-by-pair ratios. */
function paired(title: string, a: Side, b: Side, target?: number): boolean {
  run(a.command, a.args, a.env);
  run(b.command, b.args, b.env);
  const as: Sample[] = [];
  const bs: Sample[] = [];
  for (let i = 0; i < PAIRS; i++) {
    as.push(run(a.command, a.args, a.env));
    bs.push(run(b.command, b.args, b.env));
  }
  const wallRatio = median(as.map((sample, i) => sample.wallMs / bs[i]!.wallMs));
  const cpuRatio = median(as.map((sample, i) => sample.cpuMs / bs[i]!.cpuMs));
  const met = target === undefined || wallRatio <= target;
  console.log(`\n${title}`);
  for (const [side, samples] of [[a, as], [b, bs]] as const) {
    console.log(
      `  ${side.label.padEnd(34)} wall median ${median(samples.map((s) => s.wallMs)).toFixed(0).padStart(6)} ms   cpu median ${median(samples.map((s) => s.cpuMs)).toFixed(0).padStart(6)} ms`,
    );
  }
  console.log(
    `  ratio A/B (median of ${PAIRS} pairs): wall ${wallRatio.toFixed(2)}, cpu ${cpuRatio.toFixed(2)}` +
      (target === undefined ? '' : `   target wall <= ${target}: ${met ? 'ok' : 'OVER'}`),
  );
  return met;
}

const node = process.execPath;
console.log(`node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
let ok = paired(
  `1. ${files.length} real-world Dockerfiles in one process`,
  { label: 'A shipshape lint (no ShellCheck)', command: node, args: [bin, 'lint', '--no-color', ...files], env: withoutShellcheck },
  { label: 'B dockerfilelint', command: node, args: [dockerfilelint, ...files], env: withoutShellcheck },
  1.0,
);
if (shellcheck) {
  paired(
    `   ShellCheck's share (${shellcheck})`,
    { label: 'A shipshape lint with ShellCheck', command: node, args: [bin, 'lint', '--no-color', ...files], env: process.env },
    { label: 'B shipshape lint without', command: node, args: [bin, 'lint', '--no-color', ...files], env: withoutShellcheck },
  );
} else {
  console.log('   (no shellcheck on PATH: its share is not measured)');
}
const sample = join(conformanceDir(), 'dockerfiles-apps', 'example-voting-app__vote_Dockerfile');
ok =
  paired(
    '2. cold start, one file',
    { label: 'A shipshape lint FILE', command: node, args: [bin, 'lint', '--no-color', sample], env: withoutShellcheck },
    { label: 'B node -e 0', command: node, args: ['-e', '0'], env: withoutShellcheck },
    1.6,
  ) && ok;
noShellcheck.remove();
console.log(`\n${ok ? 'all targets met' : 'a target was missed'}`);
process.exitCode = ok ? 0 : 1;
