// `shipshape scan REF`: the image's packages (or an SBOM's, `sbom:FILE`) against the local vulnerability
// database, and the end of life of its OS release and runtimes.
import { loadConfig } from '../../config-files.js';
import { InputError } from '../../core/errors.js';
import { renderScanTerminal } from '../../report/scan-terminal.js';
import { chosenDbDir } from '../../vuln/db.js';
import type { VulnSeverityLevel } from '../../vuln/match.js';
import { defaultIgnoreFile, requireDatabase, SBOM_PREFIX, scanImage, scanSbom, VULN_LEVELS, type ScanOptions } from '../../vuln/scan.js';
import { ConfigCache, reportOptions, type CommonFlags } from '../common.js';
import { noteInput, writeReport } from '../io.js';
import { emit, exitCodeFor } from '../output.js';
import { readImage, type ImageSourceFlags } from './image.js';

/** What to scan for and what to leave out: `scan`'s own flags, and `check --image --scan`'s. */
export interface ScanChoiceFlags {
  severity?: string;
  ignoreUnfixed?: boolean;
  ignoreFile?: string;
  vex?: string[];
  dbDir?: string;
  config?: string;
}

export interface ScanFlags extends CommonFlags, ImageSourceFlags, ScanChoiceFlags {}

export function parseSeverities(value: string | undefined): VulnSeverityLevel[] | undefined {
  if (value === undefined) return undefined;
  const levels = value.split(',').map((level) => level.trim().toLowerCase()).filter(Boolean);
  for (const level of levels) {
    if (!(VULN_LEVELS as readonly string[]).includes(level)) throw new InputError(`--severity: unknown level "${level}" (expected ${VULN_LEVELS.join(', ')})`);
  }
  return levels as VulnSeverityLevel[];
}

/** The scan options the flags choose, the database checked first: a missing one should not cost a pull. */
export function scanOptionsOf(flags: ScanChoiceFlags): ScanOptions {
  const severities = parseSeverities(flags.severity);
  const dbDir = chosenDbDir(flags.dbDir, loadConfig(process.cwd(), flags.config).db?.dir);
  const ignoreFile = flags.ignoreFile ?? defaultIgnoreFile(process.cwd());
  if (ignoreFile) noteInput(ignoreFile);
  for (const file of flags.vex ?? []) noteInput(file);
  requireDatabase(dbDir);
  return {
    dbDir,
    ...(severities ? { severities } : {}),
    ...(flags.ignoreUnfixed ? { ignoreUnfixed: true } : {}),
    ...(ignoreFile ? { ignoreFile } : {}),
    ...(flags.vex?.length ? { vex: flags.vex } : {}),
  };
}

export async function scanCommand(ref: string, flags: ScanFlags): Promise<number> {
  const scanOptions = scanOptionsOf(flags);
  const configs = new ConfigCache(flags.config).forFile('Dockerfile');
  let report;
  if (ref.startsWith(SBOM_PREFIX)) {
    const sbom = ref.slice(SBOM_PREFIX.length);
    noteInput(sbom);
    report = scanSbom(sbom, { ...scanOptions, rules: configs.rules });
  } else {
    report = await scanImage(await readImage(ref, flags, configs.rules), { ...scanOptions, rules: configs.rules });
  }
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
