// Real Dockerfiles from official images and applications: every one must lint without an exception, and the
// per-rule counts and the slowest file are printed so that false positives and slow rules show (speed is
// gated by bench/lint.ts, which times whole processes, not here on a machine others share). Every fix, safe
// and unsafe, is applied too: the result must parse as well as the original and be stable (a second fix
// run changes nothing).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fix, lint } from '../../src/dockerfile/lint.js';
import { parseDockerfile } from '../../src/dockerfile/parse/index.js';
import { requireConformanceDir, type SuiteResult } from './conformance-dir.js';

const FOLDERS = ['dockerfiles-official', 'dockerfiles-apps'];
const BUDGET_MS = 50;
/** Each file is linted this many times and its fastest run kept, so a GC pause on a shared machine is no finding. */
const RUNS = 3;

export function realWorldDockerfiles(): { name: string; text: string }[] {
  const root = requireConformanceDir();
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((name) => name !== 'manifest.json')
      .sort()
      .map((name) => ({ name: `${folder}/${name}`, text: readFileSync(join(root, folder, name), 'utf8') })),
  );
}

export function runRealWorldSuite(): SuiteResult[] {
  const files = realWorldDockerfiles();
  const result: SuiteResult = { suite: 'real-world Dockerfiles: lint without crash', passed: 0, total: 0, bar: 1, failures: [], details: {} };
  const perRule = new Map<string, number>();
  const crashed = new Set<string>();
  // One untimed pass so the first file does not pay for module loading and JIT warm-up.
  for (const file of files) {
    try {
      lint(file.text, { file: file.name });
    } catch (error) {
      crashed.add(file.name);
      result.failures.push(`${file.name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
  let slowest = { name: '', ms: 0 };
  let totalMs = 0;
  let findingCount = 0;
  let overBudget = 0;
  for (const file of files) {
    result.total++;
    if (crashed.has(file.name)) continue;
    let best = Infinity;
    let findings: ReturnType<typeof lint>['findings'] = [];
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      findings = lint(file.text, { file: file.name }).findings;
      best = Math.min(best, performance.now() - start);
    }
    totalMs += best;
    if (best > slowest.ms) slowest = { name: file.name, ms: best };
    findingCount += findings.length;
    for (const finding of findings) perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
    if (best >= BUDGET_MS) overBudget++;
    result.passed++;
  }
  const details = result.details!;
  details.files = files.length;
  details['slowest file'] = `${slowest.ms.toFixed(2)} ms (${slowest.name})`;
  details[`files over ${BUDGET_MS} ms in-process`] = overBudget;
  details['all files'] = `${totalMs.toFixed(1)} ms`;
  details.findings = findingCount;
  for (const [rule, count] of [...perRule].sort(([a], [b]) => a.localeCompare(b))) details[rule] = count;
  return [result, runFixes(files)];
}

function errorCount(text: string): number {
  return parseDockerfile(text).problems.filter((problem) => problem.level === 'error').length;
}

function runFixes(files: { name: string; text: string }[]): SuiteResult {
  const result: SuiteResult = { suite: 'real-world Dockerfiles: fixes parse and are stable', passed: 0, total: 0, bar: 1, failures: [], details: {} };
  let applied = 0;
  for (const file of files) {
    result.total++;
    try {
      const fixed = fix(file.text, { file: file.name, unsafe: true });
      const again = fix(fixed.text, { file: file.name, unsafe: true });
      applied += fixed.applied.length;
      if (errorCount(fixed.text) > errorCount(file.text)) result.failures.push(`${file.name}: the fixed file has new parse errors`);
      else if (again.applied.length > 0) result.failures.push(`${file.name}: a second fix run still changes it (${again.applied.map((f) => f.description).join('; ')})`);
      else result.passed++;
    } catch (error) {
      result.failures.push(`${file.name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
  result.details!['fixes applied (with --unsafe)'] = applied;
  return result;
}
