// Agreement with Docker on .dockerignore: moby/patternmatcher's match, compile and ReadAll cases and
// BuildKit's build-context scenarios, read from the conformance material (never copied into the repo).
// Run: node --import tsx test/conformance/dockerignore.conformance.ts   (exits 1 below 100%)

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/errors.js';
import { compilePattern, dockerignore, goClean } from '../../src/context/dockerignore/index.js';
import { loadIgnoreFile } from '../../src/context/ignore-file-choice.js';
import { walkContext } from '../../src/context/walk.js';
import { conformanceDir, type SuiteResult } from './conformance-dir.js';


interface MatchCase {
  patterns: string[];
  path: string;
  expectedMatch: boolean | null;
  mode: 'Matches' | 'MatchesOrParentMatches';
  source: string;
  expectError?: boolean;
}

interface CompileCase {
  pattern: string;
  matchType: string;
  regexp: string | null;
}

interface ReadAllCase {
  input: string | null;
  expectedPatterns: string[];
}

interface ScenarioExpectation {
  expectedIncluded?: string[];
  expectedExcluded?: string[];
}

interface Scenario extends ScenarioExpectation {
  source: string;
  dockerfile?: string;
  dockerignore?: string;
  contextFiles: string[];
  expectError?: boolean;
  variants?: (ScenarioExpectation & { dockerfileName: string; ignoreFileUsed: string; ignoreContent: string })[];
}

export interface Section {
  name: string;
  total: number;
  agreed: number;
  failures: string[];
}

function section(name: string): Section {
  return { name, total: 0, agreed: 0, failures: [] };
}

function record(s: Section, ok: boolean, what: string): void {
  s.total++;
  if (ok) s.agreed++;
  else s.failures.push(what);
}

/** Outcome of one match case: the boolean, or 'error' where Docker reports a bad pattern. */
function runMatchCase(c: MatchCase): boolean | 'error' {
  try {
    const matcher = dockerignore.fromPatterns(c.patterns);
    if (c.mode === 'Matches') {
      // The deprecated Matches(file, patterns) cleans the path and never excludes ".".
      const file = goClean(c.path);
      if (file === '.') return false;
      return matcher.matches(file);
    }
    const first = matcher.matches(c.path);
    // Upstream also checks that a repeated call behaves the same (it once panicked).
    const second = matcher.matches(c.path);
    return first === second ? first : 'error';
  } catch (error) {
    if (error instanceof InputError) return 'error';
    throw error;
  }
}

const MATCH_TYPE_NAMES: Record<string, string> = {
  exact: 'exactMatch',
  prefix: 'prefixMatch',
  suffix: 'suffixMatch',
  regexp: 'regexpMatch',
};

function includedSet(root: string, dockerfileName: string): Set<string> {
  const { matcher } = loadIgnoreFile(root, join(root, dockerfileName));
  return new Set(walkContext(root, { matcher }).entries.map((e) => e.path));
}

function checkExpectation(s: Section, label: string, included: Set<string>, e: ScenarioExpectation): void {
  for (const path of e.expectedIncluded ?? []) record(s, included.has(path), `${label}: ${path} should be included`);
  for (const path of e.expectedExcluded ?? []) record(s, !included.has(path), `${label}: ${path} should be excluded`);
}

function runScenario(s: Section, scenario: Scenario, index: number): void {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-conformance-'));
  try {
    for (const file of scenario.contextFiles) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), file === 'Dockerfile' && scenario.dockerfile ? scenario.dockerfile : `${file}\n`);
    }
    const label = `scenario ${index + 1} (${scenario.source.split(' ').pop()})`;
    if (scenario.dockerignore !== undefined) writeFileSync(join(root, '.dockerignore'), scenario.dockerignore);
    if (scenario.expectError) {
      let failed = false;
      try {
        includedSet(root, 'Dockerfile');
      } catch (error) {
        failed = error instanceof InputError && /\.dockerignore:1:/.test(error.message);
      }
      record(s, failed, `${label}: the build must fail naming .dockerignore:1`);
      return;
    }
    if (scenario.variants) {
      for (const variant of scenario.variants) writeFileSync(join(root, variant.ignoreFileUsed), variant.ignoreContent);
      for (const variant of scenario.variants) {
        const vlabel = `${label} with ${variant.dockerfileName}`;
        const chosen = loadIgnoreFile(root, join(root, variant.dockerfileName)).choice.path;
        record(s, chosen === join(root, variant.ignoreFileUsed), `${vlabel}: should use ${variant.ignoreFileUsed}, used ${chosen}`);
        checkExpectation(s, vlabel, includedSet(root, variant.dockerfileName), variant);
      }
      return;
    }
    checkExpectation(s, label, includedSet(root, 'Dockerfile'), scenario);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function runConformance(dir = conformanceDir()): Section[] {
  const base = join(dir, 'dockerignore');
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(base, name), 'utf8')) as T;

  const matches = section('patternmatcher match cases');
  for (const c of read<MatchCase[]>('patternmatcher-matches.json')) {
    const got = runMatchCase(c);
    const want = c.expectError ? 'error' : c.expectedMatch;
    record(matches, got === want, `${c.mode} ${JSON.stringify(c.patterns)} ${JSON.stringify(c.path)}: want ${want}, got ${got}`);
  }

  const compile = section('patternmatcher compile cases (informative)');
  for (const c of read<CompileCase[]>('patternmatcher-compile.json')) {
    const got = compilePattern(c.pattern);
    const ok = MATCH_TYPE_NAMES[got.matchType] === c.matchType && (got.goRegexp ?? null) === c.regexp;
    record(compile, ok, `${c.pattern}: want ${c.matchType} ${c.regexp}, got ${got.matchType} ${got.goRegexp}`);
  }

  const readAll = section('ignorefile ReadAll cases');
  for (const c of read<ReadAllCase[]>('ignorefile-readall.json')) {
    // A missing file (nil reader upstream) has no patterns.
    const got = c.input === null ? [] : dockerignore.read(c.input).map((p) => p.pattern);
    record(readAll, JSON.stringify(got) === JSON.stringify(c.expectedPatterns), `${JSON.stringify(c.input)}: got ${JSON.stringify(got)}`);
  }

  const scenarios = section('BuildKit build-context scenarios (checks)');
  read<Scenario[]>('buildkit-context-scenarios.json').forEach((scenario, i) => runScenario(scenarios, scenario, i));

  return [matches, compile, readAll, scenarios];
}

/** The same results in the shape scripts/conformance.ts gates on (every suite must agree fully). */
export function runDockerignoreSuites(dir = conformanceDir()): SuiteResult[] {
  return runConformance(dir).map((s) => ({
    suite: `dockerignore: ${s.name}`,
    passed: s.agreed,
    total: s.total,
    bar: 1,
    failures: s.failures,
  }));
}

function main(): void {
  const sections = runConformance();
  let allAgree = true;
  for (const s of sections) {
    const pct = s.total === 0 ? 0 : (100 * s.agreed) / s.total;
    console.log(`${s.name}: ${s.agreed}/${s.total} agree (${pct.toFixed(1)}%)`);
    for (const failure of s.failures) console.log(`  DISAGREE ${failure}`);
    if (s.total === 0 || s.agreed < s.total) allAgree = false;
  }
  process.exit(allAgree ? 0 : 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
