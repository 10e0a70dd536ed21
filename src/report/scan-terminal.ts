// `shipshape scan` on a terminal: the overview first (counts by level, the OS release and its end of life, the
// upgrades that remove the most), then every vulnerability grouped by package. Every name, version and summary
// comes from the image or the database, so each goes through escapeForTerminal.
import { createColors } from 'picocolors';
import { escapeForTerminal as esc } from '../core/terminal-text.js';
import type { VulnSeverityLevel } from '../vuln/match.js';
import { VULN_LEVELS, type ScanEol, type ScanReport, type ScanVulnerability } from '../vuln/scan.js';

type Colors = ReturnType<typeof createColors>;

const TOP_UPGRADES = 5;

function paint(level: VulnSeverityLevel, text: string, colors: Colors): string {
  switch (level) {
    case 'critical':
      return colors.bold(colors.red(text));
    case 'high':
      return colors.red(text);
    case 'medium':
      return colors.yellow(text);
    default:
      return colors.dim(text);
  }
}

function eolText(eol: ScanEol | undefined): string {
  if (!eol) return 'end of life unknown';
  if (eol.eol === undefined) return `no end-of-life data for ${esc(eol.product)} ${esc(eol.version)}`;
  if (eol.eol === false) return 'no end of life set';
  if (eol.eol === true) return 'end of life reached';
  return `end of life ${esc(eol.eol)}`;
}

export function renderScanTerminal(report: ScanReport, options: { color: boolean }): string {
  const colors = createColors(options.color);
  const { scan } = report;
  const lines: string[] = [];
  const counts = Object.fromEntries(VULN_LEVELS.map((level) => [level, 0])) as Record<VulnSeverityLevel, number>;
  for (const vulnerability of scan.vulnerabilities) counts[vulnerability.severity.level]++;
  const platform = report.image.platform ? `  ${esc(report.image.platform)}` : '';
  lines.push(`${colors.bold('Target')}     ${esc(report.image.ref)}${platform}  ${scan.packages} packages`);
  lines.push(
    `${colors.bold('Vulnerabilities')}  ${VULN_LEVELS.map((level) => paint(level, `${counts[level]} ${level}`, colors)).join('  ')}` +
      (scan.suppressed.length ? colors.dim(`  (${scan.suppressed.length} suppressed)`) : ''),
  );
  const os = scan.os;
  lines.push(`${colors.bold('Base OS')}    ${os ? esc(os.prettyName ?? `${os.id ?? '?'} ${os.versionId ?? ''}`) : 'none found'}${os ? `  ${eolText(scan.eol.base)}` : ''}`);
  for (const runtime of scan.eol.runtimes) lines.push(`${colors.bold('Runtime')}    ${esc(runtime.product)} ${esc(runtime.version)}  ${eolText(runtime)}`);
  if (scan.upgrades.length > 0) {
    lines.push('', colors.bold('Upgrades that remove the most'));
    for (const upgrade of scan.upgrades.slice(0, TOP_UPGRADES)) {
      lines.push(`  ${esc(upgrade.package)} ${esc(upgrade.from)} → ${esc(upgrade.to)}  removes ${upgrade.removes} of ${upgrade.of}`);
    }
  }
  const byPackage = new Map<string, ScanVulnerability[]>();
  for (const vulnerability of scan.vulnerabilities) {
    const { name, version, layerIndex, path } = vulnerability.package;
    const key = `${name}\0${version}\0${layerIndex}\0${path}`;
    byPackage.set(key, [...(byPackage.get(key) ?? []), vulnerability]);
  }
  for (const group of byPackage.values()) {
    const first = group[0]!;
    const layer = report.findings.find((finding) => finding.ruleId === `vuln/${first.id}` && 'image' in finding.location && finding.location.layerIndex === first.package.layerIndex);
    const location = layer && 'image' in layer.location ? layer.location : undefined;
    const instruction = location?.instruction ? `  ${colors.dim(esc(location.instruction.slice(0, 60)))}` : '';
    const line = location?.dockerfile ? `  ${esc(location.dockerfile.file)}:${location.dockerfile.line}` : '';
    const where = first.package.layerIndex !== undefined ? `  layer ${first.package.layerIndex}` : '';
    lines.push('', `${colors.bold(`${esc(first.package.name)} ${esc(first.package.version)}`)}  ${esc(first.package.purl)}${where}${line}${instruction}`);
    for (const vulnerability of group) {
      const level = paint(vulnerability.severity.level, vulnerability.severity.level.padEnd(8), colors);
      const fix = vulnerability.fixed.length ? `fixed in ${vulnerability.fixed.map(esc).join(', ')}` : colors.dim('no fix');
      const aliases = vulnerability.aliases.length ? colors.dim(` (${vulnerability.aliases.map(esc).join(', ')})`) : '';
      lines.push(`  ${level} ${esc(vulnerability.id).padEnd(20)} ${fix}${aliases}${vulnerability.summary ? `  ${esc(vulnerability.summary).slice(0, 80)}` : ''}`);
    }
  }
  const other = report.findings.filter((finding) => !finding.ruleId.startsWith('vuln/'));
  if (other.length > 0) lines.push('');
  for (const finding of other) lines.push(`${finding.severity.padEnd(7)} ${esc(finding.message)}  ${colors.dim(finding.ruleId)}`);
  if (scan.suppressed.length > 0) {
    lines.push('', colors.bold('Suppressed'));
    for (const entry of scan.suppressed) lines.push(`  ${esc(entry.id)} ${esc(entry.package)}  ${entry.by}: ${esc(entry.reason)}`);
  }
  for (const note of scan.notes) lines.push(colors.dim(`note: ${esc(note)}`));
  return `${lines.join('\n')}\n`;
}
