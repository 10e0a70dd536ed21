import type { FileLocation, Finding } from './finding.js';
import { isImageLocation } from './finding.js';
import { SEVERITIES, type Severity } from './severity.js';
import { TOOL_VERSION } from './version.js';

export type TargetKind = 'dockerfile' | 'context' | 'image' | 'check';

export interface Report {
  tool: { name: 'shipshape'; version: string };
  target: { kind: TargetKind; ref: string };
  findings: Finding[];
  summary: Record<Severity, number>;
  /**
   * Texts of the files the findings point into, for code frames. Renderers read it;
   * it is never serialized.
   */
  sources?: ReadonlyMap<string, string>;
}

export function summarize(findings: readonly Finding[]): Record<Severity, number> {
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) summary[finding.severity]++;
  return summary;
}

function fileKey(finding: Finding): FileLocation | undefined {
  return isImageLocation(finding.location) ? undefined : finding.location;
}

/** Findings in reading order: by file, then position, then rule id. */
export function compareFindings(a: Finding, b: Finding): number {
  const la = fileKey(a);
  const lb = fileKey(b);
  if (la && lb) {
    if (la.file !== lb.file) return la.file < lb.file ? -1 : 1;
    const byLine = (la.line ?? 0) - (lb.line ?? 0) || (la.column ?? 0) - (lb.column ?? 0);
    if (byLine !== 0) return byLine;
  } else if (la || lb) {
    return la ? -1 : 1;
  } else if (isImageLocation(a.location) && isImageLocation(b.location)) {
    const byLayer = (a.location.layerIndex ?? 0) - (b.location.layerIndex ?? 0);
    if (byLayer !== 0) return byLayer;
  }
  return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}

export function makeReport(
  target: Report['target'],
  findings: readonly Finding[],
  sources?: ReadonlyMap<string, string>,
): Report {
  const sorted = [...findings].sort(compareFindings);
  const report: Report = {
    tool: { name: 'shipshape', version: TOOL_VERSION },
    target,
    findings: sorted,
    summary: summarize(sorted),
  };
  if (sources) report.sources = sources;
  return report;
}
