import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';

function findingJson(finding: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    location: finding.location,
  };
  if (finding.messageId) out.messageId = finding.messageId;
  if (finding.aliases?.length) out.aliases = finding.aliases;
  if (finding.fix) {
    const { kind, description, edits, file } = finding.fix;
    out.fix = { kind, description, ...(file ? { file } : {}), edits: edits.map((e) => ({ range: [...e.range], text: e.text })) };
  }
  if (finding.cost) out.cost = finding.cost;
  if (finding.related?.length) out.related = finding.related;
  return out;
}

/** The JSON report contract of DESIGN.md: tool, target, findings, summary, then the sections a command adds. */
export function renderJson(report: Report): string {
  const { tool, target, findings, summary, sources: _sources, ...sections } = report;
  return `${JSON.stringify({ tool, target, findings: findings.map(findingJson), summary, ...sections }, null, 2)}\n`;
}
