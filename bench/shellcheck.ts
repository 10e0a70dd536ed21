// ShellCheck on the RUN scripts of the 60 real-world Dockerfiles: one `shellcheck` process for all of them
// (what shellcheckDockerfiles does), next to one process per Dockerfile, and a bare `shellcheck --version`
// start as the baseline, alternated in the same run (median of 3 rounds, whole processes, cold start
// included). ShellCheck's time is its own, apart from linting.
// Run: node --import tsx bench/shellcheck.ts
import { spawnSync } from 'node:child_process';
import { parseDockerfile } from '../src/dockerfile/parse/index.js';
import { shellcheckDockerfiles } from '../src/dockerfile/shellcheck/index.js';
import { realWorldDockerfiles } from '../test/conformance/real-world.js';

const ROUNDS = 3;
const dockerfiles = realWorldDockerfiles().map((file) => parseDockerfile(file.text, file.name));
const runs = dockerfiles.reduce((sum, dockerfile) => sum + dockerfile.instructions.filter((instruction) => instruction.keyword === 'RUN' && instruction.shell).length, 0);

function ms(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const results: Record<string, number[]> = { 'shellcheck --version (one start)': [], 'one process, 60 files': [], 'a process per Dockerfile': [] };
let findings = 0;
for (let round = 0; round < ROUNDS; round++) {
  results['shellcheck --version (one start)']!.push(ms(() => spawnSync('shellcheck', ['--version'])));
  results['one process, 60 files']!.push(ms(() => (findings = shellcheckDockerfiles(dockerfiles).reduce((sum, result) => sum + result.findings.length, 0))));
  results['a process per Dockerfile']!.push(ms(() => dockerfiles.forEach((dockerfile) => shellcheckDockerfiles([dockerfile]))));
}
console.log(`${dockerfiles.length} Dockerfiles, ${runs} RUN scripts, ${findings} ShellCheck findings; median of ${ROUNDS} rounds:`);
for (const [name, times] of Object.entries(results)) console.log(`  ${name.padEnd(34)} ${median(times).toFixed(0).padStart(7)} ms`);
