// The main job: each Dockerfile of a project linted, its build context analysed against the same parse,
// and — given the image built from it — its layers mapped and its findings priced; one set of findings.
import { dirname } from 'node:path';
import { joinImage } from './check-image.js';
import { analyzeContext } from './context/analyze.js';
import { copySpecsFromDockerfile } from './context/copy/spec.js';
import type { ContextReport } from './context/types.js';
import type { Finding } from './core/finding.js';
import type { RuleSetting } from './core/rule-meta.js';
import type { FixKind } from './core/finding.js';
import { fix as fixDockerfileText, lint, shippedStage, type FixResult } from './dockerfile/lint.js';
import type { Dockerfile } from './dockerfile/parse/index.js';
import type { ImageReport } from './image/report-types.js';
import { linksOf } from './rules.js';
import type { DiscoverOptions } from './project/discover.js';
import { readProject } from './project/index.js';

export { isDockerfileName } from './project/discover.js';

/**
 * The Dockerfiles under a directory, in path order: found by name (templates, documents and binary files left out,
 * `.gitignore`, dependency trees and build output honoured) and named by the project's compose files, bake files,
 * workflows and scripts.
 */
export function findDockerfiles(root: string, options: DiscoverOptions = {}): string[] {
  return readProject(root, options).dockerfiles;
}

export interface CheckedDockerfile {
  file: string;
  dockerfile: Dockerfile;
  context: ContextReport;
  /**
   * With `options.image`: the image report with each layer's Dockerfile line, the mapping, and the image findings
   * that priced no Dockerfile finding.
   */
  image?: ImageReport;
  /** Dockerfile, context and (with an image) image findings, each problem once. */
  findings: Finding[];
}

export interface CheckOptions {
  /** The build context directory (default: the Dockerfile's directory). */
  context?: string;
  /** The analysed image built from this Dockerfile (`analyzeImage`): its layers are mapped and its costs attached. */
  image?: ImageReport;
  /**
   * The stage the build targets (`docker build --target`, compose/bake `target`): the image that ships, which the
   * Dockerfile rules judge and whose COPYs read the context; the last stage by default. With an image, the stage
   * its layers are matched to (by default the one whose instructions match them).
   */
  target?: string;
}

const lineKey = (finding: Finding): string | undefined =>
  'line' in finding.location && finding.location.line !== undefined ? `${finding.location.file}:${finding.location.line}` : undefined;

/**
 * Drops the Dockerfile findings a context rule declares it duplicates (`links: [{ duplicates }]`) where both stand
 * on one line: a COPY that takes a secret file is seen by the Dockerfile rule from the file's name and by the
 * context rule from the real file, its content and its bytes, and the context's finding is kept.
 */
function withoutDuplicates(lintFindings: readonly Finding[], contextFindings: readonly Finding[]): Finding[] {
  const duplicatedLines = new Map<string, Set<string>>();
  for (const finding of contextFindings) {
    const key = lineKey(finding);
    if (key === undefined) continue;
    for (const link of linksOf(finding.ruleId)) {
      if (!('duplicates' in link)) continue;
      const lines = duplicatedLines.get(link.duplicates) ?? new Set<string>();
      duplicatedLines.set(link.duplicates, lines.add(key));
    }
  }
  const kept = lintFindings.filter((f) => !duplicatedLines.get(f.ruleId)?.has(lineKey(f) ?? ''));
  return [...kept, ...contextFindings];
}

const allowed = (kind: FixKind, unsafe: boolean) => kind === 'safe' || unsafe;

/** What a fix of one checked Dockerfile resolves, without writing anything. */
export interface FixPlan {
  result: FixResult;
  /** Whether the context's .dockerignore change is applied (it exists and its kind is allowed). */
  ignoreApplied: boolean;
  /** The findings of the check the fix resolves. */
  fixed: Finding[];
}

/**
 * The findings among `before` that the fix resolves: those carrying an allowed Dockerfile fix whose rule reports
 * fewer findings after the fix than before (a fix can make another finding moot: a RUN that became two commands
 * is no longer a combine-run candidate).
 */
export function resolvedFindings(before: readonly Finding[], after: readonly Finding[], unsafe: boolean): Finding[] {
  const remaining = new Map<string, number>();
  for (const finding of after) remaining.set(finding.ruleId, (remaining.get(finding.ruleId) ?? 0) + 1);
  const total = new Map<string, number>();
  for (const finding of before) total.set(finding.ruleId, (total.get(finding.ruleId) ?? 0) + 1);
  const gone = new Map([...total].map(([ruleId, count]) => [ruleId, Math.max(0, count - (remaining.get(ruleId) ?? 0))]));
  return before.filter((finding) => {
    if (!finding.fix || finding.fix.file || !allowed(finding.fix.kind, unsafe)) return false;
    const left = gone.get(finding.ruleId) ?? 0;
    if (left === 0) return false;
    gone.set(finding.ruleId, left - 1);
    return true;
  });
}

/**
 * Plans the fix of a checked Dockerfile: its text fixed until stable, and its context's .dockerignore change taken
 * when its kind is allowed; the findings of the check that this resolves. `check` counts these as fixable.
 */
export function planFix(checked: Pick<CheckedDockerfile, 'file' | 'findings' | 'context'>, text: string, settings: Readonly<Record<string, RuleSetting>>, unsafe: boolean, target?: string): FixPlan {
  const result = fixDockerfileText(text, { file: checked.file, settings, unsafe, ...(target !== undefined && { target }) });
  const dockerfileFindings = checked.findings.filter((finding) => !finding.fix?.file);
  const fixed = resolvedFindings(dockerfileFindings, result.remaining, unsafe);
  const advice = checked.context.advice;
  const ignoreApplied = !!advice && allowed(advice.fix.kind, unsafe);
  if (ignoreApplied) fixed.push(...checked.findings.filter((finding) => finding.fix?.file === advice.fix.file));
  return { result, ignoreApplied, fixed };
}

/**
 * The findings with the fixes that `fix` would make good on: a finding whose fix would not resolve it (a fix dropped
 * because it broke the file, or one another fix overlaps for good) is shown without it, so that the count of fixable
 * findings is what `fix` and `fix --unsafe` resolve.
 */
function withFixesThatResolve(
  checked: Pick<CheckedDockerfile, 'file' | 'findings' | 'context'>,
  text: string,
  settings: Readonly<Record<string, RuleSetting>>,
  target: string | undefined,
): Finding[] {
  if (!checked.findings.some((finding) => finding.fix)) return checked.findings;
  const bySafeFix = new Set(planFix(checked, text, settings, false, target).fixed);
  const byUnsafeFix = new Set(planFix(checked, text, settings, true, target).fixed);
  return checked.findings.map((finding) => {
    if (!finding.fix || (finding.fix.kind === 'safe' ? bySafeFix : byUnsafeFix).has(finding)) return finding;
    const { fix: _unkept, ...rest } = finding;
    return rest;
  });
}

/**
 * Lints a Dockerfile and analyses its build context — `options.context`, else the Dockerfile's directory, as
 * `docker build -f DIR/Dockerfile DIR` — resolving the COPYs from the one parse; with the image built from it,
 * maps the image's layers to the instructions and prices the findings with what the image measured.
 */
export function checkDockerfile(
  file: string,
  text: string,
  settings: Readonly<Record<string, RuleSetting>>,
  options: CheckOptions = {},
): CheckedDockerfile {
  const { dockerfile, findings } = lint(text, { file, settings, ...(options.target !== undefined && { target: options.target }) });
  const context = analyzeContext(options.context ?? dirname(file), {
    dockerfile: file,
    copies: copySpecsFromDockerfile(dockerfile, shippedStage(dockerfile, options.target)),
    rules: { ...settings },
  });
  const own = withFixesThatResolve({ file, findings: withoutDuplicates(findings, context.findings), context }, text, settings, options.target);
  if (!options.image) return { file, dockerfile, context, findings: own };
  const joined = joinImage(dockerfile, own, options.image, options.target);
  return { file, dockerfile, context, image: joined.image, findings: [...joined.findings, ...joined.image.findings] };
}
