// hadolint's own rule specs (test/Hadolint/Rule/*Spec.hs, as JSON facts): for every case whose DL code is an
// alias of a shipshape rule, lint the case's Dockerfile with all rules and compare how many findings carry
// that code with what hadolint expects. Cases where shipshape disagrees on purpose are listed below with the
// reason, and every such reason is also in the rule's `differences` documentation.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { RuleSetting } from '../../src/core/rule-meta.js';
import { lintParsed } from '../../src/dockerfile/lint.js';
import { parseDockerfile } from '../../src/dockerfile/parse/index.js';
import { dockerfileRules } from '../../src/dockerfile/rules/index.js';
import { requireConformanceDir, type SuiteResult } from './conformance-dir.js';

interface HadolintCase {
  rule: string;
  dockerfile: string;
  expect: 'catches' | 'passes';
  onbuild: boolean;
  description: string;
  specFile: string;
  line: number;
  config?: string;
  expectedCount?: number;
  minCount?: number;
}

/** Cases shipshape answers differently on purpose, by `<spec file>:<line>`. */
export const INTENTIONAL_DEVIATIONS: Readonly<Record<string, string>> = {
  'DL3002Spec.hs:77':
    'dockerfile/no-root-user looks only at the final stage: a builder stage that ends as root never runs (hadolint reports every stage)',
  'DL3002Spec.hs:88':
    'dockerfile/no-root-user reports a final stage without USER: `FROM scratch` with no USER runs as UID 0 (hadolint only looks at USER lines)',
  'DL3008Spec.hs:15':
    'dockerfile/pin-package-versions reports unpinned apt packages only in a file that pins some (or uses a snapshot archive): Debian archives drop old versions, so a lone pin breaks the build (systemPackages: always gives hadolint\'s behaviour)',
  'DL3008Spec.hs:16':
    'dockerfile/pin-package-versions reports unpinned apt packages only in a file that pins some (or uses a snapshot archive): Debian archives drop old versions, so a lone pin breaks the build (systemPackages: always gives hadolint\'s behaviour)',
  'DL3018Spec.hs:14':
    'dockerfile/pin-package-versions reports unpinned apk packages only in a file that pins some: Alpine repositories drop old versions, so a lone pin breaks the build (systemPackages: always gives hadolint\'s behaviour)',
  'DL3018Spec.hs:15':
    'dockerfile/pin-package-versions reports unpinned apk packages only in a file that pins some: Alpine repositories drop old versions, so a lone pin breaks the build (systemPackages: always gives hadolint\'s behaviour)',
  'DL3025Spec.hs:46':
    'dockerfile/use-json-cmd does not report `HEALTHCHECK CMD` in shell form: a health check is a short-lived child, signals do not matter to it',
  'DL4006Spec.hs:84':
    'dockerfile/use-pipefail accepts SHELL ["/bin/sh", "-o", "pipefail", "-c"]: where /bin/sh lacks the option every RUN fails, so the setting cannot go unnoticed',
};

/** hadolint's `def { allowedRegistries = [...] }` as the options of dockerfile/use-trusted-registry. */
function settingsFor(config: string | undefined): Record<string, RuleSetting> | undefined | null {
  if (config === undefined) return undefined;
  const registries = /allowedRegistries\s*=\s*\[([^\]]*)\]/.exec(config);
  if (!registries) return null;
  const list = [...registries[1]!.matchAll(/"([^"]*)"/g)].map((match) => match[1]!);
  return { 'dockerfile/use-trusted-registry': { options: { registries: list } } };
}

/** As upstream's onBuildRuleCatches: every RUN instruction wrapped in ONBUILD. */
function wrapRunsInOnbuild(text: string): string {
  return text.replace(/^RUN\b/gm, 'ONBUILD RUN');
}

function countFor(testCase: HadolintCase, settings: Record<string, RuleSetting> | undefined): number {
  const text = `${testCase.onbuild ? wrapRunsInOnbuild(testCase.dockerfile) : testCase.dockerfile}\n`;
  // Parsed directly: an empty case is a Dockerfile without findings here, not an input error as for the CLI.
  const findings = lintParsed(parseDockerfile(text), settings ? { settings } : {});
  return findings.filter((finding) => finding.aliases?.includes(testCase.rule)).length;
}

function agrees(testCase: HadolintCase, count: number): boolean {
  if (testCase.expectedCount !== undefined) return count === testCase.expectedCount;
  if (testCase.minCount !== undefined) return count >= testCase.minCount;
  return testCase.expect === 'passes' ? count === 0 : count > 0;
}

export function runHadolintSuite(): SuiteResult[] {
  const file = join(requireConformanceDir(), 'hadolint-cases', 'hadolint-rule-cases.json');
  const cases = JSON.parse(readFileSync(file, 'utf8')) as HadolintCase[];
  const aliased = new Set(dockerfileRules.flatMap((rule) => rule.meta.aliases ?? []));

  // The bars are the levels reached with the structural rules; the goal once every aliased rule exists is
  // 90% of all cases and 85% of the catches cases (and the ratcheted floors keep what was reached).
  const all: SuiteResult = { suite: 'hadolint rule specs: all cases', passed: 0, total: 0, bar: 0.976, failures: [], details: {} };
  const catches: SuiteResult = { suite: 'hadolint rule specs: catches cases', passed: 0, total: 0, bar: 0.961, failures: [] };
  const perRule = new Map<string, { passed: number; total: number }>();
  const deviations: { line: string; catches: boolean }[] = [];
  const stale: string[] = [];

  for (const testCase of cases) {
    if (!aliased.has(testCase.rule)) continue;
    const settings = settingsFor(testCase.config);
    if (settings === null) continue;
    const key = `${basename(testCase.specFile)}:${testCase.line}`;
    let count: number;
    let crash: string | undefined;
    try {
      count = countFor(testCase, settings);
    } catch (error) {
      count = -1;
      crash = error instanceof Error ? error.message : String(error);
    }
    const ok = crash === undefined && agrees(testCase, count);
    const tally = perRule.get(testCase.rule) ?? { passed: 0, total: 0 };
    perRule.set(testCase.rule, tally);
    for (const result of testCase.expect === 'catches' ? [all, catches] : [all]) {
      result.total++;
      if (ok) result.passed++;
    }
    tally.total++;
    if (ok) tally.passed++;
    const reason = INTENTIONAL_DEVIATIONS[key];
    if (ok && reason) stale.push(`${key}: listed as a deviation but now agrees`);
    if (ok) continue;
    const expected = testCase.expectedCount ?? (testCase.minCount !== undefined ? `≥${testCase.minCount}` : testCase.expect === 'passes' ? 0 : '≥1');
    const line = `${key} ${testCase.rule} "${testCase.description}"${testCase.onbuild ? ' (onbuild)' : ''}: expected ${expected}, got ${crash ?? count}`;
    if (reason) deviations.push({ line: `intentional — ${line} — ${reason}`, catches: testCase.expect === 'catches' });
    else {
      all.failures.push(`UNEXPECTED — ${line}`);
      if (testCase.expect === 'catches') catches.failures.push(`UNEXPECTED — ${line}`);
    }
  }
  all.failures.push(...stale, ...deviations.map((deviation) => deviation.line));
  catches.failures.push(...deviations.filter((deviation) => deviation.catches).map((deviation) => deviation.line));
  const details = all.details!;
  details['unexpected disagreements'] = all.failures.filter((entry) => entry.startsWith('UNEXPECTED')).length;
  details['intentional deviations'] = deviations.length;
  for (const [rule, tally] of [...perRule].sort(([a], [b]) => a.localeCompare(b))) {
    details[rule] = `${tally.passed}/${tally.total}`;
  }
  return [all, catches];
}
