import pc from 'picocolors';
import type { ImageLayerRow, ImageReport } from '../image/report-types.js';
import { formatBytesSI } from '../core/format.js';
import { escapeForTerminal as safe } from '../core/terminal-text.js';

export interface ImageTerminalOptions {
  color?: boolean;
  /** Columns to fit the layer table's CREATED BY column into; the full text is in the JSON report. */
  width?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

/** `text` on one line of at most `width` columns, escaped for the terminal. */
function cut(text: string, width: number): string {
  const flat = safe(text.replace(/\s+/g, ' ').trim());
  return flat.length > width ? `${flat.slice(0, Math.max(0, width - 1))}…` : flat;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

function layerLine(row: ImageLayerRow, width: number, colors: Colors, lines: boolean): string {
  const index = row.index === undefined ? '  -' : String(row.index).padStart(3);
  const size = (row.empty ? '' : formatBytesSI(row.size)).padStart(9);
  const line = lines ? `${(row.dockerfile ? String(row.dockerfile.line) : '').padStart(4)}  ` : '';
  const wasted = row.wastedBytes ? colors.yellow(` (${formatBytesSI(row.wastedBytes)} hidden later)`) : '';
  const text = cut(row.instruction || row.createdBy || '(no history)', width);
  return `  ${index}  ${size}  ${line}${row.empty ? colors.dim(text) : text}${wasted}`;
}

/**
 * The image sections for a terminal, printed above the findings: what the image is, its layers as
 * `docker history --no-trunc` shows them (with the instruction each came from, and its Dockerfile line when the
 * layers were mapped to a Dockerfile), its config, and with `--files` each layer's changes.
 */
export function imagePreamble(report: ImageReport, options: ImageTerminalOptions = {}): string[] {
  const colors = pc.createColors(options.color ?? false);
  const image = report.image;
  const width = Math.max(40, (options.width ?? 100) - 18);
  const lines: string[] = [];
  lines.push(`${colors.bold(safe(image.ref))}  ${safe(image.platform)}${image.created ? `  created ${safe(image.created)}` : ''}`);
  if (image.base || image.os) {
    const base = image.base ? `base ${image.base.name ?? '?'}${image.base.source === 'label' ? '' : ` (from ${image.base.source})`}` : '';
    const os = image.os ? `os ${image.os.prettyName ?? [image.os.id, image.os.versionId].filter(Boolean).join(' ')}` : '';
    lines.push(`  ${safe([base, os].filter(Boolean).join('   '))}`);
  }
  lines.push(
    `  size ${formatBytesSI(image.size.layers)} in ${image.layers.filter((l) => !l.empty).length} layers, ` +
      `${formatBytesSI(image.size.compressed)} to pull; final filesystem ${formatBytesSI(image.size.final)} in ${image.size.finalEntries} entries`,
  );
  const efficiency = image.efficiency;
  lines.push(
    `  waste ${formatBytesSI(efficiency.recoverableBytes)} recoverable` +
      colors.dim(` (dive: efficiency ${percent(efficiency.diveScore)}, wasted ${formatBytesSI(efficiency.diveWastedBytes)}, ${percent(efficiency.diveWastedUserPercent)} of user layers)`),
  );
  // with the Dockerfile (`check --image`), each layer's instruction line
  const mapping = image.mapping;
  lines.push('', colors.bold('Layers'), colors.dim(`    #       SIZE  ${mapping ? 'LINE  ' : ''}CREATED BY`));
  for (const row of image.layers) lines.push(layerLine(row, mapping ? width - 6 : width, colors, mapping !== undefined));
  if (mapping) {
    const layers = image.layers.filter((row) => !row.empty).length;
    const mark = mapping.stopped === 'complete' ? colors.green('✔') : colors.yellow('⚠');
    const stage = mapping.stage === undefined ? '' : ` (stage ${mapping.stage})`;
    lines.push(`  ${mark} ${mapping.mapped} of ${layers} layers mapped to ${safe(mapping.dockerfile)}${stage}: ${safe(mapping.reason)}`);
  }

  const config = image.config;
  lines.push('', colors.bold('Config'));
  const field = (name: string, value: string | undefined): void => {
    if (value) lines.push(`  ${name.padEnd(12)}${safe(value)}`);
  };
  field('user', config.user || 'root (no USER)');
  field('entrypoint', config.entrypoint ? JSON.stringify(config.entrypoint) : undefined);
  field('cmd', config.cmd ? JSON.stringify(config.cmd) : undefined);
  field('workdir', config.workingDir);
  field('ports', config.exposedPorts.join(', '));
  field('volumes', config.volumes.join(', '));
  field('healthcheck', config.healthcheck ? JSON.stringify(config.healthcheck.test) : 'none');
  for (const env of config.env) field('env', env);
  for (const [key, value] of Object.entries(config.labels)) field('label', `${key}=${value}`);
  if (image.packages.length > 0) {
    const counts = new Map<string, number>();
    for (const pkg of image.packages) counts.set(pkg.ecosystem, (counts.get(pkg.ecosystem) ?? 0) + 1);
    field('packages', [...counts].map(([ecosystem, count]) => `${count} ${ecosystem}`).join(', '));
  }
  field('runtimes', image.runtimes.map((runtime) => `${runtime.name} ${runtime.version}`).join(', '));

  for (const row of image.layers) {
    if (!row.files || row.files.length === 0) continue;
    lines.push('', colors.bold(`Files of layer ${row.index}`) + colors.dim(`  ${cut(row.instruction, width)}`));
    for (const file of row.files) {
      const mark = file.change === 'added' ? colors.green('+') : file.change === 'deleted' ? colors.red('-') : colors.yellow('~');
      const link = file.linkTarget !== undefined ? ` -> ${file.linkTarget}` : '';
      lines.push(`  ${mark} ${file.mode} ${`${file.uid}:${file.gid}`.padEnd(9)} ${formatBytesSI(file.size).padStart(9)}  ${safe(file.path + link)}`);
    }
  }

  for (const note of image.notes) lines.push(colors.dim(`  note: ${safe(note)}`));
  return [...lines, ''];
}
