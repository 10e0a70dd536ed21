// `shipshape scan REF`: the image's packages against the local vulnerability database, and the end of life of
// its OS release and runtimes.
import { loadConfig } from '../../config-files.js';
import { InputError } from '../../core/errors.js';
import { renderScanTerminal } from '../../report/scan-terminal.js';
import { chosenDbDir, storedEcosystems } from '../../vuln/db.js';
import type { VulnSeverityLevel } from '../../vuln/match.js';
import { defaultIgnoreFile, scanImage, VULN_LEVELS } from '../../vuln/scan.js';
import { ConfigCache, reportOptions, type CommonFlags } from '../common.js';
import { noteInput, writeReport } from '../io.js';
import { emit, exitCodeFor } from '../output.js';
import { readImage, type ImageSourceFlags } from './image.js';

export interface ScanFlags extends CommonFlags, ImageSourceFlags {
  severity?: string;
  ignoreUnfixed?: boolean;
  ignoreFile?: string;
  vex?: string[];
  dbDir?: string;
}

export function parseSeverities(value: string | undefined): VulnSeverityLevel[] | undefined {
  if (value === undefined) return undefined;
  const levels = value.split(',').map((level) => level.trim().toLowerCase()).filter(Boolean);
  for (const level of levels) {
    if (!(VULN_LEVELS as readonly string[]).includes(level)) throw new InputError(`--severity: unknown level "${level}" (expected ${VULN_LEVELS.join(', ')})`);
  }
  return levels as VulnSeverityLevel[];
}

export async function scanCommand(ref: string, flags: ScanFlags): Promise<number> {
  const severities = parseSeverities(flags.severity);
  const dbDir = chosenDbDir(flags.dbDir, loadConfig(process.cwd(), flags.config).db?.dir);
  const ignoreFile = flags.ignoreFile ?? defaultIgnoreFile(process.cwd());
  if (ignoreFile) noteInput(ignoreFile);
  for (const file of flags.vex ?? []) noteInput(file);
  const configs = new ConfigCache(flags.config).forFile('Dockerfile');
  // The database is checked before the image is read: a missing one should not cost a pull.
  if (storedEcosystems(dbDir).length === 0) {
    throw new InputError(`no vulnerability database in ${dbDir}: run \`shipshape db update\` or \`shipshape db import FILE\` first`);
  }
  const image = await readImage(ref, flags, configs.rules);
  const report = await scanImage(image, {
    dbDir,
    ...(severities ? { severities } : {}),
    ...(flags.ignoreUnfixed ? { ignoreUnfixed: true } : {}),
    ...(ignoreFile ? { ignoreFile } : {}),
    ...(flags.vex?.length ? { vex: flags.vex } : {}),
  });
  const options = reportOptions(flags, [configs]);
  if (options.format === 'terminal') {
    const text = renderScanTerminal(report, { color: options.output ? false : options.color });
    if (options.output) writeReport(options.output, text);
    else process.stdout.write(text);
  } else {
    emit(report, options);
  }
  return exitCodeFor(report, options.failOn);
}
