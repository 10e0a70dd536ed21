// `shipshape db update|import|status`: the local vulnerability database (OSV records and end-of-life dates).
import { SingleBar } from 'cli-progress';
import { createColors } from 'picocolors';
import { loadConfig } from '../../config-files.js';
import type { DbSettings } from '../../core/config-parse.js';
import { formatBytesSI } from '../../core/format.js';
import { escapeForTerminal } from '../../core/terminal-text.js';
import { STALE_AFTER_DAYS, chosenDbDir, dbStatus, importOsv, storedEcosystems } from '../../vuln/db.js';
import { EOL_PRODUCTS, eolProduct } from '../../vuln/eol.js';
import { DEFAULT_EOL_URL, DEFAULT_OSV_URL, updateDb, type DownloadProgress } from '../../vuln/update.js';
import { wantsColor } from '../output.js';

export interface DbFlags {
  format: 'terminal' | 'json';
  color: boolean;
  config?: string;
  dbDir?: string;
}

export interface DbUpdateFlags extends DbFlags {
  ecosystem?: string[];
  osvUrl?: string;
  eolUrl?: string;
  eol: boolean;
}

function settings(flags: DbFlags): DbSettings {
  return loadConfig(process.cwd(), flags.config).db ?? {};
}

function dbDir(flags: DbFlags, config: DbSettings): string {
  return chosenDbDir(flags.dbDir, config.dir);
}

function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function downloadBar(): { onProgress: (progress: DownloadProgress) => void; stop: () => void } {
  const stream = process.stderr;
  if (!stream.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bar = new SingleBar({ stream, format: 'downloading {target} {bar} {got} of {size}', hideCursor: true, clearOnComplete: true, barsize: 24, fps: 10 });
  let current: string | undefined;
  return {
    onProgress(progress) {
      const payload = { target: escapeForTerminal(progress.target), got: formatBytesSI(progress.received), size: progress.total ? formatBytesSI(progress.total) : '?' };
      if (current !== progress.target) {
        if (current !== undefined) bar.stop();
        bar.start(progress.total ?? 0, 0, payload);
        current = progress.target;
      }
      bar.update(progress.received, payload);
    },
    stop() {
      if (current !== undefined) bar.stop();
    },
  };
}

export async function dbUpdateCommand(flags: DbUpdateFlags): Promise<number> {
  const config = settings(flags);
  const dir = dbDir(flags, config);
  const osvUrl = flags.osvUrl ?? process.env.SHIPSHAPE_OSV_URL ?? config.osvUrl ?? DEFAULT_OSV_URL;
  const eolUrl = flags.eolUrl ?? process.env.SHIPSHAPE_EOL_URL ?? config.eolUrl ?? DEFAULT_EOL_URL;
  const ecosystems = flags.ecosystem?.length ? [...new Set(flags.ecosystem)] : storedEcosystems(dir);
  const bar = downloadBar();
  let results;
  try {
    results = await updateDb({ dir, osvUrl, eolUrl, ecosystems, eol: flags.eol, onProgress: bar.onProgress });
  } finally {
    bar.stop();
  }
  const failed = results.filter((result) => result.status === 'failed');
  if (flags.format === 'json') {
    writeJson({ dir, results });
  } else {
    const colors = createColors(wantsColor(flags.color));
    for (const result of results) {
      const what = result.kind === 'osv' ? `${escapeForTerminal(result.target)} (OSV)` : `${escapeForTerminal(result.target)} (end of life)`;
      if (result.status === 'failed') {
        process.stdout.write(`${colors.red('failed')}     ${what}: ${escapeForTerminal(result.url)}: ${escapeForTerminal(result.error ?? '')}\n`);
      } else {
        const size = result.bytes !== undefined ? `, ${formatBytesSI(result.bytes)} downloaded` : '';
        const count = result.kind === 'osv' ? `${result.records ?? 0} records` : `${result.records ?? 0} cycles`;
        process.stdout.write(`${result.status === 'updated' ? colors.green('updated') : 'unchanged'}  ${what}: ${count}${size}\n`);
      }
    }
    if (failed.length > 0) process.stdout.write(`${failed.length} failed; what was stored before is unchanged and still used\n`);
  }
  return failed.length > 0 ? 2 : 0;
}

export function dbImportCommand(inputs: string[], flags: DbFlags): number {
  const dir = dbDir(flags, settings(flags));
  const result = importOsv(dir, inputs);
  if (flags.format === 'json') {
    writeJson({ dir, read: result.read, ecosystems: result.ecosystems.map(({ ecosystem, records, packages, skipped }) => ({ ecosystem, records, packages, skipped })) });
    return 0;
  }
  process.stdout.write(`read ${result.read} records into ${escapeForTerminal(dir)}\n`);
  for (const header of result.ecosystems) {
    const skipped = header.skipped ? ` (${header.skipped} withdrawn or without a package here, left out)` : '';
    process.stdout.write(`  ${escapeForTerminal(header.ecosystem)}: ${header.records} records, ${header.packages} packages${skipped}\n`);
  }
  return 0;
}

export function dbStatusCommand(flags: DbFlags): number {
  const dir = dbDir(flags, settings(flags));
  const ecosystems = dbStatus(dir);
  const eol = EOL_PRODUCTS.map((product) => {
    const data = eolProduct(dir, product)!;
    return { product, cycles: data.cycles.length, source: data.source, asOf: data.asOf };
  });
  if (flags.format === 'json') {
    writeJson({ dir, staleAfterDays: STALE_AFTER_DAYS, ecosystems, eol });
    return 0;
  }
  const colors = createColors(wantsColor(flags.color));
  process.stdout.write(`vulnerability database: ${escapeForTerminal(dir)}\n`);
  if (ecosystems.length === 0) {
    process.stdout.write('no OSV data yet: run `shipshape db update --ecosystem NAME` or `shipshape db import FILE`\n');
  }
  for (const status of ecosystems) {
    const releases = Object.keys(status.perEcosystem).filter((name) => name !== status.ecosystem).length;
    const perRelease = releases > 0 ? `, ${releases} releases` : '';
    const age = `${status.ageDays} days old`;
    process.stdout.write(
      `  ${escapeForTerminal(status.ecosystem).padEnd(12)} ${String(status.records).padStart(8)} records ${String(status.packages).padStart(8)} packages${perRelease}  updated ${status.updatedAt.slice(0, 16).replace('T', ' ')} (${status.stale ? colors.yellow(age) : age})\n`,
    );
  }
  for (const status of ecosystems.filter((s) => s.stale)) {
    process.stdout.write(`${colors.yellow('warning')}: ${escapeForTerminal(status.ecosystem)} data is ${status.ageDays} days old (over ${STALE_AFTER_DAYS}): run \`shipshape db update\`\n`);
  }
  const snapshot = eol.filter((product) => product.source === 'snapshot');
  process.stdout.write(
    `end of life: ${eol.length - snapshot.length} products updated, ${snapshot.length} from the snapshot shipped with shipshape${snapshot[0] ? ` (${snapshot[0].asOf})` : ''}\n`,
  );
  return 0;
}
