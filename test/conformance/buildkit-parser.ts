// BuildKit's own parser test material: every positive case must parse to BuildKit's golden dump, and every
// negative case must be refused.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/parse/index.js';
import { dumpInstruction } from './buildkit-dump.js';
import { requireConformanceDir, type SuiteResult } from './conformance-dir.js';

export function runBuildkitParserSuite(): SuiteResult[] {
  const root = join(requireConformanceDir(), 'buildkit-parser');
  const positive: SuiteResult = { suite: 'buildkit parser: golden dumps', passed: 0, total: 0, bar: 1, failures: [] };
  for (const name of readdirSync(join(root, 'testfiles')).sort()) {
    const dir = join(root, 'testfiles', name);
    const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    const expected = readFileSync(join(dir, 'result'), 'utf8').trimEnd().split('\n');
    const parsed = parseDockerfile(text, `${name}/Dockerfile`);
    const actual = parsed.instructions.map((i) => `(${dumpInstruction(i)})`);
    // These cases test BuildKit's parser; unknown instructions and refused flags are errors of its instructions package.
    const errors = parsed.problems.filter((p) => p.level === 'error' && !/^unknown instruction|^unknown flag/.test(p.message));
    positive.total++;
    const mismatch = expected.findIndex((line, i) => line !== actual[i]);
    if (errors.length === 0 && mismatch === -1 && actual.length === expected.length) {
      positive.passed++;
    } else {
      const at = mismatch === -1 ? Math.min(actual.length, expected.length) : mismatch;
      positive.failures.push(
        `${name}: ${errors.map((e) => e.message).join('; ') || `line ${at + 1}: expected ${expected[at] ?? '(end)'} got ${actual[at] ?? '(end)'}`}`,
      );
    }
  }
  const negative: SuiteResult = { suite: 'buildkit parser: refused files', passed: 0, total: 0, bar: 1, failures: [] };
  for (const name of readdirSync(join(root, 'testfiles-negative')).sort()) {
    const text = readFileSync(join(root, 'testfiles-negative', name, 'Dockerfile'), 'utf8');
    const parsed = parseDockerfile(text, `${name}/Dockerfile`);
    negative.total++;
    if (parsed.problems.some((p) => p.level === 'error')) negative.passed++;
    else negative.failures.push(`${name}: parsed without error`);
  }
  return [positive, negative];
}
