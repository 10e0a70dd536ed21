// lint(text) and fix(text): every Dockerfile rule in one pass over the parsed file.
import { InputError } from '../core/errors.js';
import type { Finding, Fix } from '../core/finding.js';
import { applyFixes } from '../core/fix.js';
import { catalogOf, type RuleCatalog } from '../core/config-parse.js';
import { runRules, type Domain } from '../core/engine.js';
import type { RuleSetting } from '../core/rule-meta.js';
import { allRuleMetas } from '../rules.js';
import { withCheckDirective } from './check-directive.js';
import { parseDockerfile, type Dockerfile, type Instruction, type Stage } from './parse/index.js';
import type { DockerfileDomain, DockerfileRule, InstructionVisitors } from './rule-domain.js';
import { dockerfileRules } from './rules/index.js';
import { shellcheckRuleId } from './shellcheck/codes.js';
import { stageNamed } from './rules/util/stages.js';
import { runScriptOf } from './rules/util/tools.js';
import { applySuppressions, parseSuppressions, unusedSuppressionFindings } from './suppressions.js';

export interface LintOptions {
  /** The file name findings point to. */
  file?: string;
  /** Rule settings from config, by rule id: off, another severity, options. */
  settings?: Readonly<Record<string, RuleSetting>>;
  /** The rules to run; all registered rules by default. Internal: the rule contract is not public (yet). @internal */
  rules?: readonly DockerfileRule[];
  /**
   * ShellCheck's findings for this Dockerfile (`shellcheckDockerfiles` checks many files in one process): they
   * take the config's severities and the file's suppressions like the rules' findings.
   */
  shellcheck?: readonly Finding[];
  /** hadolint's `disable-ignore-pragma`: no inline suppression comment is honoured. */
  disableIgnorePragma?: boolean;
  /** The stage the build targets (`--target`, compose/bake `target`): the image that ships; the last stage by default. */
  target?: string;
}

export interface LintResult {
  dockerfile: Dockerfile;
  findings: Finding[];
}

let aliasCatalog: RuleCatalog | undefined;

/**
 * The rule id a suppression code names: a rule id itself, one of its aliases (hadolint's DL codes, dockle's
 * ids), or a ShellCheck code (`SC2086`, as hadolint's pragmas write it).
 */
export function ruleIdForCode(code: string): string | undefined {
  aliasCatalog ??= catalogOf(allRuleMetas());
  return aliasCatalog.resolve(code)?.id ?? shellcheckRuleId(code);
}

/**
 * Findings from outside the rules (ShellCheck's) under the config: a rule turned off drops them, a severity
 * replaces theirs. Their fixes are left out: `fix` does not run ShellCheck, so it could not keep the promise.
 */
function configured(findings: readonly Finding[], settings: Readonly<Record<string, RuleSetting>>): Finding[] {
  return findings.flatMap(({ fix: _fix, ...finding }) => {
    const severity = settings[finding.ruleId]?.severity;
    if (severity === 'off') return [];
    return [severity ? { ...finding, severity } : finding];
  });
}

/** The largest Dockerfile lint, fix and check accept: a larger one is refused, not attempted. */
export const MAX_DOCKERFILE_BYTES = 16 * 1024 * 1024;

/** Parses a Dockerfile, refusing what is no Dockerfile at all (empty, comments only) and what is over the size limit. */
export function parseForLint(text: string, file: string): Dockerfile {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only a text past a third of the limit needs counting.
  if (text.length > MAX_DOCKERFILE_BYTES / 3 && Buffer.byteLength(text) > MAX_DOCKERFILE_BYTES) {
    throw new InputError(`${file}: larger than ${MAX_DOCKERFILE_BYTES / (1024 * 1024)} MiB, the limit for a Dockerfile`);
  }
  const dockerfile = parseDockerfile(text, file);
  if (dockerfile.instructions.length === 0) {
    throw new InputError(`${file}: ${text.trim() === '' ? 'empty file' : 'no instructions, only comments'}`);
  }
  return dockerfile;
}

/** The Dockerfile domain of one lint: `external` findings join the rules' before suppressions apply. */
const dockerfileDomain = (external: readonly Finding[], disableIgnorePragma: boolean): Domain<DockerfileDomain> => ({
  place({ span }, { dockerfile }) {
    const start = dockerfile.position(span.start);
    const end = dockerfile.position(span.end);
    return { location: { file: dockerfile.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column } };
  },
  traverse({ dockerfile }, visitors) {
    const byKeyword = new Map<string, ((instruction: Instruction) => void)[]>();
    const onInstruction: ((instruction: Instruction) => void)[] = [];
    for (const visitor of visitors) {
      for (const key in visitor) {
        if (key === 'end') continue;
        // Dispatched by keyword below: a handler only ever receives the instruction type of its key.
        const handler = visitor[key as keyof InstructionVisitors] as (instruction: Instruction) => void;
        if (key === 'instruction') onInstruction.push(handler);
        else {
          const list = byKeyword.get(key);
          if (list) list.push(handler);
          else byKeyword.set(key, [handler]);
        }
      }
    }
    for (const instruction of dockerfile.instructions) {
      for (const handler of onInstruction) handler(instruction);
      const handlers = byKeyword.get(instruction.keyword);
      if (handlers) for (const handler of handlers) handler(instruction);
      const trigger = instruction.trigger;
      if (trigger) {
        const triggerHandlers = byKeyword.get(trigger.keyword);
        if (triggerHandlers) for (const handler of triggerHandlers) handler(trigger);
      }
    }
  },
  suppress(ruleFindings, { dockerfile }, { ran, settings }) {
    const findings = external.length > 0 ? [...ruleFindings, ...configured(external, settings)] : ruleFindings;
    const suppressions = parseSuppressions(dockerfile, ruleIdForCode, { disabled: disableIgnorePragma });
    if (suppressions.length === 0) return findings;
    const kept = applySuppressions(findings, suppressions);
    if (settings['suppressions/unused']?.severity === 'off') return kept;
    // ShellCheck codes are never "unused": ShellCheck may not have run, and hadolint reads the pragma too.
    return [...kept, ...unusedSuppressionFindings(dockerfile, suppressions, ran)];
  },
});

/** The stage a build of the Dockerfile ships: the named target when the file has it, else the last stage. */
export function shippedStage(dockerfile: Dockerfile, target: string | undefined): Stage | undefined {
  return (target !== undefined ? stageNamed(dockerfile, target.toLowerCase()) : undefined) ?? dockerfile.stages.at(-1);
}

export function lintParsed(dockerfile: Dockerfile, options: LintOptions = {}): Finding[] {
  const facts = { dockerfile, finalStage: shippedStage(dockerfile, options.target), script: runScriptOf };
  const domain = dockerfileDomain(options.shellcheck ?? [], options.disableIgnorePragma ?? false);
  const rules = options.rules ?? dockerfileRules;
  const settings = withCheckDirective(dockerfile.buildChecks, options.settings, rules.map((rule) => rule.meta));
  return runRules(domain, facts, { rules, settings });
}

/** Lints a Dockerfile's text with every enabled rule in one pass. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  const dockerfile = parseForLint(text, options.file ?? 'Dockerfile');
  return { dockerfile, findings: lintParsed(dockerfile, options) };
}

export interface FixOptions extends LintOptions {
  /** Also apply fixes marked unsafe. */
  unsafe?: boolean;
}

export interface FixResult {
  text: string;
  /** The parse of the fixed text. */
  dockerfile: Dockerfile;
  /** The fixes applied, over all passes. */
  applied: Fix[];
  passes: number;
  /** Findings that remain in the fixed text. */
  remaining: Finding[];
}

const MAX_FIX_PASSES = 10;

function errorCount(dockerfile: Dockerfile): number {
  return dockerfile.problems.filter((problem) => problem.level === 'error').length;
}

/**
 * Applies the fixes of the findings (safe ones, and unsafe ones when asked), re-linting after each pass
 * until nothing changes (at most 10 passes). A pass whose result would not parse as well as its input is
 * retried one fix at a time, dropping the fixes that break the file.
 */
export function fix(text: string, options: FixOptions = {}): FixResult {
  const file = options.file ?? 'Dockerfile';
  let current = text;
  let dockerfile = parseForLint(current, file);
  let findings = lintParsed(dockerfile, options);
  const applied: Fix[] = [];
  const seen = new Set([text]);
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const fixes = findings
      .map((finding) => finding.fix)
      .filter((candidate): candidate is Fix => !!candidate && !candidate.file && (candidate.kind === 'safe' || !!options.unsafe));
    if (fixes.length === 0) break;
    const baseline = errorCount(dockerfile);
    let result = applyFixes(current, fixes);
    let next = parseDockerfile(result.text, file);
    if (errorCount(next) > baseline || next.instructions.length === 0) {
      let text = current;
      const kept: Fix[] = [];
      for (const candidate of fixes) {
        const attempt = applyFixes(text, [candidate]);
        const parsed = parseDockerfile(attempt.text, file);
        if (attempt.applied.length === 1 && errorCount(parsed) <= baseline && parsed.instructions.length > 0) {
          text = attempt.text;
          kept.push(candidate);
        }
        // Offsets of later fixes refer to the original text; continue from a fresh lint instead.
        if (kept.length > 0) break;
      }
      result = { text, applied: kept, skipped: [] };
      next = parseDockerfile(text, file);
    }
    if (result.applied.length === 0 || seen.has(result.text)) break;
    passes++;
    seen.add(result.text);
    applied.push(...result.applied);
    current = result.text;
    dockerfile = next;
    findings = lintParsed(dockerfile, options);
  }
  return { text: current, dockerfile, applied, passes, remaining: findings };
}
