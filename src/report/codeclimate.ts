// Code Climate issues (https://github.com/codeclimate/platform/blob/master/spec/analyzers/SPEC.md), in the two
// forms CI reads: `codeclimate`, the engine stream hadolint writes (each issue a JSON object followed by a NUL
// byte), and `gitlab`, the JSON array GitLab's Code Quality widget reads. Severities as hadolint maps them:
// error → blocker, warning → major, info → info.
import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import { placeOf, type Place } from './place.js';

export type CodeClimateSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITY: Record<Severity, CodeClimateSeverity> = { error: 'blocker', warning: 'major', info: 'info' };

export interface CodeClimateIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  location: { path: string; lines: { begin: number; end: number } } | { path: string; positions: { begin: { line: number; column: number }; end: { line: number; column: number } } };
  severity: CodeClimateSeverity;
  fingerprint: string;
}

/**
 * The same problem keeps its fingerprint when lines above it move: it hashes the rule, the path, the text of
 * the lines the finding covers and how many identical ones came before it, never the line number.
 */
function fingerprints(report: Report): string[] {
  const seen = new Map<string, number>();
  return report.findings.map((finding) => {
    const place = placeOf(finding);
    const lines = report.sources?.get(place.path)?.split('\n');
    const quoted =
      lines && place.line !== undefined
        ? lines.slice(place.line - 1, place.endLine ?? place.line).map((line) => line.trim()).join('\n')
        : finding.message;
    const key = [finding.ruleId, place.path, quoted].join('\0');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\0${occurrence}`).digest('hex');
  });
}

function location(place: Place, precise: boolean): CodeClimateIssue['location'] {
  const begin = place.line ?? 1;
  const end = Math.max(begin, place.endLine ?? begin);
  if (precise && place.column !== undefined) {
    const endColumn = place.endColumn ?? place.column;
    return { path: place.path, positions: { begin: { line: begin, column: place.column }, end: { line: end, column: endColumn } } };
  }
  return { path: place.path, lines: { begin, end } };
}

function issue(finding: Finding, fingerprint: string, precise: boolean): CodeClimateIssue {
  return {
    type: 'issue',
    check_name: finding.ruleId,
    description: finding.message,
    categories: ['Bug Risk'],
    location: location(placeOf(finding), precise),
    severity: SEVERITY[finding.severity],
    fingerprint,
  };
}

/** The Code Climate engine stream: each issue as one JSON object terminated by a NUL byte. */
export function renderCodeClimate(report: Report): string {
  const prints = fingerprints(report);
  return report.findings.map((finding, i) => `${JSON.stringify(issue(finding, prints[i]!, true))}\0`).join('');
}

/** GitLab Code Quality: one JSON array, an issue a line; locations by lines, which the merge-request widget reads. */
export function renderGitlab(report: Report): string {
  const prints = fingerprints(report);
  const issues = report.findings.map((finding, i) => JSON.stringify(issue(finding, prints[i]!, false)));
  return issues.length === 0 ? '[]\n' : `[\n${issues.join(',\n')}\n]\n`;
}
