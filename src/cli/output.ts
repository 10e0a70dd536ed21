// Renders a finished report in the chosen format to stdout or `--output`, and turns it into an exit code.
import { InputError } from '../core/errors.js';
import { makeReport, type Report } from '../core/report.js';
import { meetsThreshold, type FailOn } from '../core/severity.js';
import { renderCheckstyle } from '../report/checkstyle.js';
import { renderCodeClimate, renderGitlab } from '../report/codeclimate.js';
import { renderGnu } from '../report/gnu.js';
import { renderJson } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { renderSarif } from '../report/sarif.js';
import { renderTerminal } from '../report/terminal.js';
import { allRuleMetas } from '../rules.js';
import { vulnerabilityMetas } from '../vuln/rules/index.js';
import { FORMATS, type Format } from './formats.js';
import { writeReport } from './io.js';

export interface ReportOptions {
  format: Format;
  output?: string;
  failOn: FailOn;
  quiet: boolean;
  color: boolean;
}

/** Whether to colour: on a TTY, unless NO_COLOR is set or --no-color given; FORCE_COLOR forces it. */
export function wantsColor(flag: boolean): boolean {
  if (!flag || 'NO_COLOR' in process.env) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return process.stdout.isTTY === true;
}

export function render(report: Report, options: ReportOptions, preamble: string[] = []): string {
  const shown = options.quiet
    ? makeReport(
        report.target,
        report.findings.filter((f) => meetsThreshold(f.severity, options.failOn === 'none' ? 'error' : options.failOn)),
        report.sources,
      )
    : report;
  const sections = { ...report, findings: shown.findings, summary: shown.summary };
  switch (options.format) {
    case 'json':
      return renderJson(sections);
    case 'sarif':
      return renderSarif(sections, [...allRuleMetas(), ...vulnerabilityMetas(sections.findings)]);
    case 'checkstyle':
      return renderCheckstyle(sections);
    case 'codeclimate':
      return renderCodeClimate(sections);
    case 'gitlab':
      return renderGitlab(sections);
    case 'gnu':
      return renderGnu(sections);
    case 'junit':
      return renderJunit(sections);
    case 'terminal':
      return renderTerminal(sections, { color: options.output ? false : options.color, preamble: options.quiet ? [] : preamble });
  }
}

export function emit(report: Report, options: ReportOptions, preamble?: string[]): void {
  const text = render(report, options, preamble);
  if (options.output) writeReport(options.output, text);
  else process.stdout.write(text);
}

export function exitCodeFor(report: Report, failOn: FailOn): number {
  return report.findings.some((finding) => meetsThreshold(finding.severity, failOn)) ? 1 : 0;
}

export function parseFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new InputError(`--format: unknown format "${value}" (expected ${FORMATS.join(', ')})`);
}
