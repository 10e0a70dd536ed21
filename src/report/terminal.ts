// The human report: findings grouped by file, each with a code frame of the offending lines, a one-line
// fix hint and its cost, then a summary. Colour only when asked (the CLI asks on a TTY).
import { createColors } from 'picocolors';
import { isImageLocation, type FileLocation, type Finding } from '../core/finding.js';
import { formatBytesSI, plural } from '../core/format.js';
import type { Report } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import { escapeForTerminal as safe } from '../core/terminal-text.js';

export interface TerminalOptions {
  color: boolean;
  /** Sections a command renders before the findings (context totals, layer table…). */
  preamble?: string[];
}

type Colors = ReturnType<typeof createColors>;

const MAX_FRAME_LINES = 3;

function severityLabel(colors: Colors, severity: Severity): string {
  const padded = severity.padEnd(7);
  if (severity === 'error') return colors.red(padded);
  if (severity === 'warning') return colors.yellow(padded);
  return colors.blue(padded);
}

function codeFrame(colors: Colors, source: string | undefined, location: FileLocation): string[] {
  if (source === undefined || location.line === undefined) return [];
  const lines = source.split('\n');
  const first = location.line;
  const last = Math.min(location.endLine ?? first, first + MAX_FRAME_LINES - 1, lines.length);
  const start = Math.max(1, first - 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = start; n <= last; n++) {
    const text = safe((lines[n - 1] ?? '').replace(/\r$/, '').replace(/\t/g, '  '));
    const marker = n >= first ? colors.red('>') : ' ';
    out.push(`    ${marker} ${colors.dim(`${String(n).padStart(width)} │`)} ${n >= first ? text : colors.dim(text)}`);
    if (n === first) {
      const column = location.column ?? 1;
      const raw = lines[n - 1] ?? '';
      const end = location.endLine === first && location.endColumn ? location.endColumn : raw.length + 1;
      // widths on the escaped text, as printed: a control character before the column takes four columns
      const prefix = safe(raw.slice(0, column - 1).replace(/\t/g, '  '));
      const underline = Math.max(1, safe(raw.slice(column - 1, end - 1).replace(/\r$/, '').replace(/\t/g, '  ')).length);
      out.push(`      ${' '.repeat(width)} ${colors.dim('│')} ${' '.repeat(prefix.length)}${colors.red('^'.repeat(underline))}`);
    }
  }
  if ((location.endLine ?? first) > last) out.push(`      ${' '.repeat(width)} ${colors.dim('┆')} ${colors.dim('…')}`);
  return out;
}

function costText(finding: Finding): string | undefined {
  const cost = finding.cost;
  if (!cost) return undefined;
  const parts: string[] = [];
  if (cost.bytes) {
    parts.push(`${formatBytesSI(cost.bytes)}${cost.layerIndex !== undefined ? ` in layer ${cost.layerIndex}` : ''}`);
  }
  if (cost.layers !== undefined) parts.push(`${plural(cost.layers, 'layer')} rebuilt on a source change`);
  return parts.length ? parts.join(', ') : undefined;
}

function renderFinding(colors: Colors, finding: Finding, source: string | undefined): string[] {
  const location = finding.location;
  const where = isImageLocation(location)
    ? [location.layerIndex !== undefined ? `layer ${location.layerIndex}` : undefined, location.path].filter(Boolean).join(' ')
    : `${location.line ?? ''}${location.column !== undefined ? `:${location.column}` : ''}`;
  const rule = colors.dim(`${finding.ruleId}${finding.aliases?.length ? ` (${finding.aliases.join(', ')})` : ''}`);
  const out = [`  ${colors.bold(safe(where) || '-')}  ${severityLabel(colors, finding.severity)} ${safe(finding.message)}  ${rule}`];
  if (isImageLocation(location)) {
    const line = location.dockerfile ? colors.dim(`${safe(location.dockerfile.file)}:${location.dockerfile.line}`) : '';
    if (location.instruction) out.push(`    ${colors.dim('made by')} ${safe(location.instruction)}${line ? `  ${line}` : ''}`);
    else if (line) out.push(`    ${colors.dim('made by')} ${line}`);
  } else {
    out.push(...codeFrame(colors, source, location));
  }
  if (finding.fix) {
    const how = finding.fix.kind === 'safe' ? '`shipshape fix`' : '`shipshape fix --unsafe`';
    out.push(`    ${colors.green('fix')}: ${safe(finding.fix.description)} ${colors.dim(`(${finding.fix.kind}: ${how})`)}`);
  }
  const cost = costText(finding);
  if (cost) out.push(`    ${colors.magenta('cost')}: ${cost}`);
  return out;
}

function groupKey(finding: Finding): string {
  return isImageLocation(finding.location) ? `image ${finding.location.image}` : finding.location.file;
}

export function summaryLine(report: Report, colors: Colors): string {
  const { error, warning, info } = report.summary;
  const total = error + warning + info;
  if (total === 0) return colors.green('✔ no problems');
  const safe = report.findings.filter((f) => f.fix?.kind === 'safe').length;
  const unsafe = report.findings.filter((f) => f.fix?.kind === 'unsafe').length;
  const counts = `${plural(total, 'problem')} (${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info)`;
  const fixable = [
    safe ? `${safe} fixable with \`shipshape fix\`` : '',
    unsafe ? `${unsafe} more with \`--unsafe\`` : '',
  ].filter(Boolean);
  const mark = error > 0 ? colors.red('✖') : warning > 0 ? colors.yellow('⚠') : colors.blue('ℹ');
  return `${mark} ${counts}${fixable.length ? ` · ${fixable.join(', ')}` : ''}`;
}

export function renderTerminal(report: Report, options: TerminalOptions): string {
  const colors = createColors(options.color);
  const out: string[] = [...(options.preamble ?? [])];
  let group: string | undefined;
  for (const finding of report.findings) {
    const key = groupKey(finding);
    if (key !== group) {
      if (out.length > 0 && out.at(-1) !== '') out.push('');
      out.push(colors.underline(safe(key)));
      group = key;
    }
    const source = isImageLocation(finding.location) ? undefined : report.sources?.get(finding.location.file);
    out.push(...renderFinding(colors, finding, source));
  }
  if (out.length > 0 && out.at(-1) !== '') out.push('');
  out.push(summaryLine(report, colors));
  return `${out.join('\n')}\n`;
}
