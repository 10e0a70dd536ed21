// How a project's builds appear in a check report: each Dockerfile's context and target with where they come
// from, in the terminal and in the JSON report; and each build context once, however many Dockerfiles share it.

import { resolve } from 'node:path';
import type { ContextReport } from '../context/types.js';
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { ImageSummary } from '../image/report-types.js';
import type { ContextSection } from '../report/context.js';
import type { PlannedCheck } from './plan.js';
import { describeSource, isUnresolved, type Build, type ProjectNote } from './types.js';

function shown(value: string | { unresolved: string } | undefined): string | undefined {
  if (value === undefined) return undefined;
  return isUnresolved(value) ? `${value.unresolved} (not resolved)` : value;
}

function targetFrom(build: Build, root: string): string {
  return build.target === undefined ? 'the last stage' : describeSource(build.source, root);
}

/** A build the project declares for a Dockerfile, as the check report lists it. */
export interface DeclaredBuildSection extends Pick<Build, 'context' | 'target' | 'args' | 'additionalContexts' | 'source'> {
  /** The source, described (`compose.yaml service web`). */
  from: string;
}

/** The check report's entry for one checked Dockerfile: the build checked, where its parts come from, the others declared. */
export interface BuildSection extends Pick<Build, 'target' | 'args' | 'additionalContexts' | 'source'> {
  dockerfile: string;
  inline?: true;
  context: string;
  contextFrom: string;
  targetFrom: string;
  declared: DeclaredBuildSection[];
  note?: string;
}

/** The sections of `shipshape check`'s report, after the findings (the order the JSON report writes them in). */
export interface CheckReport extends Report {
  builds: BuildSection[];
  /** Each build context once, with the Dockerfiles checked against it. */
  contexts: Array<ContextSection & { dockerfiles: string[] }>;
  notes?: ProjectNote[];
  /** With `--image`: the image, its layers mapped to the Dockerfile. */
  image?: ImageSummary;
}

/** The JSON report's entry for one checked Dockerfile. */
export function buildSection(plan: PlannedCheck, root: string): BuildSection {
  const { build } = plan;
  return {
    dockerfile: plan.dockerfile,
    ...(plan.inline !== undefined && { inline: true }),
    context: build.context,
    contextFrom: plan.contextFrom,
    ...(build.target !== undefined && { target: build.target }),
    targetFrom: targetFrom(build, root),
    args: build.args,
    additionalContexts: build.additionalContexts,
    source: build.source,
    declared: plan.declared.map((declared) => ({
      context: declared.context,
      ...(declared.target !== undefined && { target: declared.target }),
      args: declared.args,
      additionalContexts: declared.additionalContexts,
      source: declared.source,
      from: describeSource(declared.source, root),
    })),
    ...(plan.note !== undefined && { note: plan.note }),
  };
}

/** The terminal lines naming each Dockerfile's context and target and where they come from. */
export function buildPreamble(plans: readonly PlannedCheck[], notes: readonly ProjectNote[], root: string): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    const { build } = plan;
    const target = build.target === undefined ? 'the last stage' : `${shown(build.target)} (${targetFrom(build, root)})`;
    lines.push(`Dockerfile ${plan.dockerfile}: context ${build.context} (${plan.contextFrom}), target ${target}`);
    if (plan.declared.length > 1) lines.push(`  also built ${plan.declared.length - 1} more way(s): ${plan.declared.slice(1).map((d) => `${describeSource(d.source, root)}${d.target ? ` target ${shown(d.target)}` : ''}`).join('; ')}`);
    if (plan.note) lines.push(`  note: ${plan.note}`);
  }
  for (const note of notes) lines.push(`note: ${note.file}: ${note.message}`);
  return lines.length > 0 ? [...lines, ''] : lines;
}

const contextKey = (context: ContextReport): string => `${resolve(context.root)}\0${context.ignoreFile.path ? resolve(context.ignoreFile.path) : ''}`;

const findingKey = (finding: Finding): string => JSON.stringify([finding.ruleId, finding.message, finding.location]);

/**
 * Each context once: the first report of a context directory (with its ignore file) stands for every Dockerfile
 * that shares it, and a finding reported again (the same context's, or one Dockerfile's checked with two contexts)
 * is dropped.
 */
export function oncePerContext(checked: ReadonlyArray<{ file: string; context: ContextReport; findings: Finding[] }>): {
  contexts: Array<{ context: ContextReport; dockerfiles: string[] }>;
  findings: Finding[];
} {
  const contexts = new Map<string, { context: ContextReport; dockerfiles: string[] }>();
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const result of checked) {
    const key = contextKey(result.context);
    const shared = contexts.get(key);
    if (shared) shared.dockerfiles.push(result.file);
    else contexts.set(key, { context: result.context, dockerfiles: [result.file] });
    // A Dockerfile checked with two contexts has its own findings twice: each problem is reported once.
    for (const finding of result.findings) {
      const id = findingKey(finding);
      if (seen.has(id)) continue;
      seen.add(id);
      findings.push(finding);
    }
  }
  return { contexts: [...contexts.values()], findings };
}
