// JUnit XML, as CI systems show test results (GitLab, Jenkins, Azure, GitHub test reporters): one <testsuite>
// per file read, one failing <testcase> per finding (its <failure> says file, line, rule and message, as
// hadolint's does), and one passing testcase for a file without findings, so that it counts as checked.
import type { Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { findingsByPath, placeOf } from './place.js';
import { XML_DECLARATION, xmlTag, xmlText } from './xml.js';

function testcase(path: string, finding: Finding): string[] {
  const place = placeOf(finding);
  const at = place.line === undefined ? path : `${path}:${place.line}${place.column === undefined ? '' : `:${place.column}`}`;
  const body = [
    `File: ${path}`,
    ...(place.line === undefined ? [] : [`Line: ${place.line}`]),
    ...(place.column === undefined ? [] : [`Column: ${place.column}`]),
    `Rule: ${finding.ruleId}${finding.aliases?.length ? ` (${finding.aliases.join(', ')})` : ''}`,
    `${finding.severity}: ${finding.message}`,
  ];
  return [
    `    ${xmlTag('testcase', { id: `shipshape.rule.${finding.ruleId}`, classname: path, name: `${finding.ruleId} at ${at}`, time: '0' })}`,
    `      ${xmlTag('failure', { id: finding.ruleId, type: finding.severity, message: finding.message })}${xmlText(`${body.join('\n')}\n`)}</failure>`,
    '    </testcase>',
  ];
}

export function renderJunit(report: Report): string {
  const byPath = findingsByPath(report);
  const tests = [...byPath.values()].reduce((sum, findings) => sum + Math.max(1, findings.length), 0);
  const name = `shipshape ${report.tool.version}`;
  const out = [XML_DECLARATION, xmlTag('testsuites', { id: 'shipshape', name, tests, failures: report.findings.length, time: '0' })];
  for (const [path, findings] of byPath) {
    out.push(`  ${xmlTag('testsuite', { id: 'shipshape', name: path, tests: Math.max(1, findings.length), failures: findings.length, errors: 0, time: '0' })}`);
    if (findings.length === 0) out.push(`    ${xmlTag('testcase', { id: 'shipshape.lint', classname: path, name: `${path}: no findings`, time: '0' }, true)}`);
    for (const finding of findings) out.push(...testcase(path, finding));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
