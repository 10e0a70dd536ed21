// The build-context report's sections: the summary printed above the findings, and the JSON section.
import type { ContextReport, DockerignoreAdvice } from '../context/types.js';
import type { FixKind } from '../core/finding.js';
import { contextChange, formatBytesSI, plural } from '../core/format.js';
import { makeReport, type Report } from '../core/report.js';
import { escapeForTerminal as safe } from '../core/terminal-text.js';

/** The context report as the JSON output carries it after the findings (the advice's fix as its kind only). */
export type ContextSection = Omit<ContextReport, 'findings' | 'advice'> & { advice?: Omit<DockerignoreAdvice, 'fix'> & { fixKind: FixKind } };

/** `shipshape context`'s report: the findings, then the context. */
export interface ContextCommandReport extends Report {
  context: ContextSection;
}

export function contextSection(context: ContextReport): ContextSection {
  const { findings: _findings, advice, ...sections } = context;
  const section: ContextSection = { ...sections };
  if (advice) {
    const { fix, ...rest } = advice;
    section.advice = { ...rest, fixKind: fix.kind };
  }
  return section;
}

/** The terminal summary printed above the findings, escaped for the terminal (names come from the tree). */
export function contextPreamble(report: ContextReport): string[] {
  return contextSummary(report).map(safe);
}

function contextSummary(report: ContextReport): string[] {
  const lines = [
    `Build context ${report.root}: ${plural(report.totals.files, 'file')}, ${formatBytesSI(report.totals.bytes)}` +
      (report.ignoreFile.path ? ` (after ${report.ignoreFile.path})` : ' (no .dockerignore)'),
  ];
  if (report.largestDirectories.length > 0) {
    lines.push(`  largest directories: ${report.largestDirectories.slice(0, 5).map((d) => `${d.path} ${formatBytesSI(d.bytes)}`).join(', ')}`);
  }
  if (report.largestFiles.length > 0) {
    lines.push(`  largest files: ${report.largestFiles.slice(0, 5).map((f) => `${f.path} ${formatBytesSI(f.bytes)}`).join(', ')}`);
  }
  for (const copy of report.copies) {
    const sources = copy.sources.map((s) => (s.status === 'ok' ? s.source : `${s.source} [${s.status}]`)).join(' ');
    lines.push(`  ${copy.instruction} ${sources} (line ${copy.line}): ${plural(copy.files, 'file')}, ${formatBytesSI(copy.bytes)}`);
  }
  if (report.advice) {
    lines.push(
      `  a tailored .dockerignore leaves out ${plural(report.advice.before.files - report.advice.after.files, 'file')} (${contextChange(report.advice.before.bytes, report.advice.after.bytes)}): ` +
        `shipshape context ${report.root} --fix${report.advice.fix.kind === 'unsafe' ? ' --unsafe' : ''}`,
    );
  }
  return [...lines, ''];
}

/** The report with the context sections the JSON output carries after the findings. */
export function contextReport(context: ContextReport): ContextCommandReport {
  return { ...makeReport({ kind: 'context', ref: context.root }, context.findings), context: contextSection(context) };
}

