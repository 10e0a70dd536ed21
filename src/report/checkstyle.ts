// Checkstyle XML, as hadolint writes it and CI tools read it (Jenkins warnings-ng, reviewdog, GitLab and
// Azure plugins): one <file> per file read, one <error> per finding with line, column, severity, message and
// the rule id as source.
import type { Report } from '../core/report.js';
import { findingsByPath, placeOf } from './place.js';
import { XML_DECLARATION, xmlTag } from './xml.js';

export function renderCheckstyle(report: Report): string {
  const out = [XML_DECLARATION, xmlTag('checkstyle', { version: '4.3' })];
  for (const [path, findings] of findingsByPath(report)) {
    if (findings.length === 0) {
      out.push(`  ${xmlTag('file', { name: path }, true)}`);
      continue;
    }
    out.push(`  ${xmlTag('file', { name: path })}`);
    for (const finding of findings) {
      const place = placeOf(finding);
      const attributes = { line: place.line, column: place.column, severity: finding.severity, message: finding.message, source: finding.ruleId };
      out.push(`    ${xmlTag('error', attributes, true)}`);
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
}
