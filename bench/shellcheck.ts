// ShellCheck on the RUN scripts of the 60 real-world Dockerfiles: one `shellcheck` process for all of them
// (what shellcheckDockerfiles does), next to one process per Dockerfile and one per RUN script, and a bare
// `shellcheck --version` start as the baseline, alternated in the same run (median of 3 rounds, whole
// processes, cold start included). ShellCheck's time is its own, apart from linting.
// Run: node --import tsx bench/shellcheck.ts
import { spawnSync } from 'node:child_process';
import { parseDockerfile } from '../src/dockerfile/parse/index.js';
import { shellcheckDockerfiles } from '../src/dockerfile/shellcheck/index.js';
import { realWorldDockerfiles } from '../test/conformance/real-world.js';

const ROUNDS = 3;
const dockerfiles = realWorldDockerfiles().map((file) => parseDockerfile(file.text, file.name));
const runs = dockerfiles.flatMap((dockerfile) =>
  dockerfile.instructions.filter((instruction) => instruction.keyword === 'RUN' && dockerfile.shellOf(instruction)).map((instruction) => ({ dockerfile, instruction })),
);

function ms(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const results: Record<string, number[]> = { 'shellcheck --version (one start)': [], 'one process, 60 files': [], 'a process per Dockerfile': [], 'a process per RUN': [] };
let findings = 0;
for (let round = 0; round < ROUNDS; round++) {
  results['shellcheck --version (one start)']!.push(ms(() => spawnSync('shellcheck', ['--version'])));
  results['one process, 60 files']!.push(ms(() => (findings = shellcheckDockerfiles(dockerfiles).reduce((sum, result) => sum + result.findings.length, 0))));
  results['a process per Dockerfile']!.push(ms(() => dockerfiles.forEach((dockerfile) => shellcheckDockerfiles([dockerfile]))));
  // A Dockerfile holding only that RUN's stage: the same script, checked alone.
  results['a process per RUN']!.push(ms(() => runs.forEach(({ dockerfile, instruction }) => shellcheckDockerfiles([parseDockerfile(dockerfile.text.slice(0, instruction.span.end), dockerfile.file)].map((d) => ({ ...d, instructions: d.instructions.slice(-1) }))))));
}
console.log(`${dockerfiles.length} Dockerfiles, ${runs.length} RUN scripts, ${findings} ShellCheck findings; median of ${ROUNDS} rounds:`);
for (const [name, times] of Object.entries(results)) console.log(`  ${name.padEnd(34)} ${median(times).toFixed(0).padStart(7)} ms`);
