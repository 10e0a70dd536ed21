#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ (or under the paths given) with node's test runner.
// Node 20's --test takes no globs, so the files are listed here. With SHIPSHAPE_COVERAGE=1 (CI), the run is
// measured by c8 and fails below the floors in .ci/coverage-floors.json, a ratchet raised as tests grow.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const roots = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('-'));

function collect(path, out) {
  const stat = statSync(path);
  if (stat.isFile()) {
    if (path.endsWith('.test.ts')) out.push(path);
    return;
  }
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    collect(join(path, entry.name), out);
  }
}

const files = [];
for (const start of roots.length ? roots : ['src', 'test']) collect(join(root, start), files);
files.sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

// Tests spend much of their time waiting on child processes, so run more files than there are cores.
const concurrency = Math.max(2, availableParallelism());
const testCommand = [
  process.execPath,
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${concurrency}`,
  ...passThrough,
  ...files.map((f) => relative(root, f)),
];
if (process.env.SHIPSHAPE_COVERAGE === '1') {
  const floors = JSON.parse(readFileSync(join(root, '.ci/coverage-floors.json'), 'utf8'));
  const gate = Object.entries(floors).map(([metric, floor]) => `--${metric}=${floor}`);
  testCommand.unshift(join(root, 'node_modules/.bin/c8'), '--check-coverage', ...gate);
}
const result = spawnSync(testCommand[0], testCommand.slice(1), { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
