// What the commands share: reading Dockerfiles (files or stdin) with their config, and the common options.
import { dirname, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { Config } from '../core/config-parse.js';
import type { FailOn } from '../core/severity.js';
import { loadConfig } from '../config-files.js';
import { MAX_DOCKERFILE_BYTES } from '../dockerfile/lint.js';
import { decodeText, noteInput, readStdin, readTextFile } from './io.js';
import type { Format } from './formats.js';
import type { ReportOptions } from './output.js';
import { wantsColor } from './output.js';

export interface CommonFlags {
  /** Unset when not given: the config's format, else terminal. */
  format?: Format;
  output?: string;
  failOn?: FailOn;
  config?: string;
  quiet?: boolean;
  color: boolean;
}

export interface DockerfileInput {
  /** The name findings use: the path as given, or the stdin filename. */
  file: string;
  text: string;
  config: Config;
}

export const STDIN_NAME = '<stdin>';

/** Configs by directory, so many files in one directory read their config once. */
export class ConfigCache {
  private readonly byDir = new Map<string, Config>();
  constructor(private readonly explicit: string | undefined) {}

  forFile(file: string): Config {
    const dir = resolve(dirname(file));
    let config = this.byDir.get(dir);
    if (!config) {
      config = loadConfig(dir, this.explicit);
      if (config.file) noteInput(config.file);
      this.byDir.set(dir, config);
    }
    return config;
  }
}

export async function readDockerfileInputs(files: readonly string[], configs: ConfigCache, stdinName?: string): Promise<DockerfileInput[]> {
  const inputs: DockerfileInput[] = [];
  for (const file of files) {
    if (file === '-') {
      const name = stdinName ?? STDIN_NAME;
      inputs.push({ file: name, text: decodeText(await readStdin(name, MAX_DOCKERFILE_BYTES), name), config: configs.forFile(resolve('Dockerfile')) });
    } else {
      inputs.push({ file, text: readTextFile(file, MAX_DOCKERFILE_BYTES), config: configs.forFile(file) });
    }
  }
  return inputs;
}

/**
 * The options of the report: the command line's, else the first config's that says (a config's `noFail`
 * means `--fail-on none`), else the defaults. With `verbose` in a config, says on stderr which files apply.
 */
export function reportOptions(flags: CommonFlags, configs: readonly Config[]): ReportOptions {
  const said = <K extends keyof Config>(key: K): Config[K] | undefined => configs.find((config) => config[key] !== undefined)?.[key];
  const failOn = flags.failOn ?? (said('noFail') ? 'none' : said('failOn')) ?? 'error';
  const format = flags.format ?? said('format') ?? 'terminal';
  const options: ReportOptions = { format, failOn, quiet: !!flags.quiet, color: wantsColor(flags.color && said('color') !== false) };
  if (said('verbose')) {
    const files = [...new Set(configs.map((config) => config.file ?? 'none (defaults and environment)'))];
    process.stderr.write(`shipshape: configuration: ${files.join(', ')}\n`);
  }
  if (flags.output) options.output = flags.output;
  return options;
}

/** `--timeout SECONDS` as the library's `timeoutMs`; nothing when not given. */
export function timeoutOption(seconds: string | undefined): { timeoutMs?: number } {
  if (seconds === undefined) return {};
  const value = Number(seconds);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(seconds) || !(value > 0) || value > 86_400) {
    throw new InputError(`--timeout: "${seconds}" is not a number of seconds between 0 and 86400`);
  }
  return { timeoutMs: Math.round(value * 1000) };
}
