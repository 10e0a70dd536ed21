// BuildKit's own lint cases (test/conformance/buildkit-lint-cases.json, extracted from moby/buildkit): per
// BuildKit check, in how many cases shipshape reports the same lines. Not yet in the conformance gate: it
// measures how far the BuildKit checks have come. Run `tsx test/conformance/buildkit-lint.ts` for the table.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/core/finding.js';
import { lint } from '../../src/dockerfile/lint.js';

export interface BuildkitLintCase {
  name: string;
  dockerfile: string;
  dockerignore?: string;
  frontendAttrs?: Record<string, string>;
  warnings: { ruleName: string; description: string; detail: string; url: string; line: number; level: number }[];
  buildError?: string;
}

export interface BuildkitLintData {
  source: { repository: string; path: string; commit: string; license: string };
  cases: BuildkitLintCase[];
  skipped: { name: string; reason: string }[];
}

/** The checks of BuildKit's linter (frontend/dockerfile/linter/ruleset.go). */
export const BUILDKIT_CHECKS = [
  'StageNameCasing',
  'FromAsCasing',
  'NoEmptyContinuation',
  'ConsistentInstructionCasing',
  'DuplicateStageName',
  'ReservedStageName',
  'JSONArgsRecommended',
  'MaintainerDeprecated',
  'UndefinedArgInFrom',
  'WorkdirRelativePath',
  'UndefinedVar',
  'MultipleInstructionsDisallowed',
  'LegacyKeyValueFormat',
  'InvalidBaseImagePlatform',
  'RedundantTargetPlatform',
  'SecretsUsedInArgOrEnv',
  'InvalidDefaultArgInFrom',
  'FromPlatformFlagConstDisallowed',
  'CopyIgnoredFile',
  'InvalidDefinitionDescription',
  'ExposeProtoCasing',
  'ExposeInvalidFormat',
] as const;

/**
 * shipshape rules that are a BuildKit check without naming it yet. Once rules carry BuildKit's names as
 * aliases, the alias is enough and this table goes.
 */
const EQUIVALENT_CHECKS: Readonly<Record<string, string>> = {
  'dockerfile/no-maintainer': 'MaintainerDeprecated',
  'dockerfile/no-duplicate-stage-name': 'DuplicateStageName',
  'dockerfile/use-absolute-workdir': 'WorkdirRelativePath',
  'dockerfile/use-json-cmd': 'JSONArgsRecommended',
  'dockerfile/no-multiple-cmd': 'MultipleInstructionsDisallowed',
  'dockerfile/no-multiple-entrypoint': 'MultipleInstructionsDisallowed',
  'dockerfile/no-secrets-in-arg-env': 'SecretsUsedInArgOrEnv',
  'dockerfile/no-empty-continuation': 'NoEmptyContinuation',
};

const checkNames: ReadonlySet<string> = new Set(BUILDKIT_CHECKS);

function checkOf(finding: Finding): string | undefined {
  return finding.aliases?.find((alias) => checkNames.has(alias)) ?? EQUIVALENT_CHECKS[finding.ruleId];
}

export function readBuildkitLintCases(): BuildkitLintData {
  return JSON.parse(readFileSync(new URL('buildkit-lint-cases.json', import.meta.url), 'utf8')) as BuildkitLintData;
}

export interface CheckAgreement {
  check: string;
  /** Cases that expect the check, or in which shipshape reports it, or whose test is named after it. */
  cases: number;
  agreed: number;
  /** Names of the cases that disagree. */
  disagreements: string[];
}

function lineList(lines: number[]): string {
  return lines.sort((a, b) => a - b).join(',') || 'none';
}

/** Per BuildKit check: the cases that concern it, and in how many shipshape reports exactly BuildKit's lines. */
export function runBuildkitLintCases(data: BuildkitLintData = readBuildkitLintCases()): CheckAgreement[] {
  const byCheck = new Map<string, CheckAgreement>(BUILDKIT_CHECKS.map((check) => [check, { check, cases: 0, agreed: 0, disagreements: [] }]));
  for (const lintCase of data.cases) {
    let findings: Finding[];
    try {
      findings = lint(lintCase.dockerfile, { file: 'Dockerfile' }).findings;
    } catch {
      findings = [];
    }
    const reported = new Map<string, number[]>();
    for (const finding of findings) {
      const check = checkOf(finding);
      if (!check || !('line' in finding.location) || finding.location.line === undefined) continue;
      reported.set(check, [...(reported.get(check) ?? []), finding.location.line]);
    }
    const testName = lintCase.name.split('#')[0]!;
    for (const agreement of byCheck.values()) {
      const expected = lintCase.warnings.filter((warning) => warning.ruleName === agreement.check).map((warning) => warning.line);
      const actual = reported.get(agreement.check) ?? [];
      if (expected.length === 0 && actual.length === 0 && testName !== `test${agreement.check}`) continue;
      agreement.cases++;
      if (lineList(expected) === lineList(actual)) agreement.agreed++;
      else agreement.disagreements.push(`${lintCase.name}: BuildKit ${lineList(expected)}, shipshape ${lineList(actual)}`);
    }
  }
  return [...byCheck.values()];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const data = readBuildkitLintCases();
  let cases = 0;
  let agreed = 0;
  console.log(`BuildKit lint cases (${data.source.repository} ${data.source.commit.slice(0, 12)}): ${data.cases.length} cases`);
  for (const row of runBuildkitLintCases(data)) {
    cases += row.cases;
    agreed += row.agreed;
    console.log(`${row.check.padEnd(32)} ${String(row.agreed).padStart(3)}/${row.cases}`);
    if (process.argv.includes('--verbose')) for (const line of row.disagreements) console.log(`    - ${line}`);
  }
  console.log(`${'all checks'.padEnd(32)} ${String(agreed).padStart(3)}/${cases}`);
}
