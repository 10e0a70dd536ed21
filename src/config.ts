// Finds and reads the configuration that applies to a file: the nearest `.shipshape.yaml` walking up from
// it, or failing that the nearest `.hadolint.yaml`, or an explicit `--config` file.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { catalogOf, parseConfig, parseHadolintConfig, type Config } from './core/config.js';
import { InputError } from './core/errors.js';
import { readProjectFile } from './core/project-file.js';
import { allRuleMetas } from './rules.js';

const OWN_NAMES = ['.shipshape.yaml', '.shipshape.yml'];
const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

function findUp(startDir: string, names: readonly string[]): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Reads and parses a config file: a regular file of at most 1 MB. `within` is the directory a symbolic link must
 * stay inside (a config found in the project); a file the user named may be a link to anywhere.
 */
export function readConfigFile(file: string, within?: string): Config {
  const bytes = readProjectFile(file, within === undefined ? {} : { within });
  if (bytes === undefined) throw new InputError(`${file}: no such config file`);
  const text = bytes.toString('utf8');
  const catalog = catalogOf(allRuleMetas());
  return HADOLINT_NAMES.includes(basename(file)) ? parseHadolintConfig(text, file, catalog) : parseConfig(text, file, catalog);
}

/** The config for files under `startDir`: `explicit` if given, else the nearest own config, else hadolint's. */
export function loadConfig(startDir: string, explicit?: string): Config {
  if (explicit) return readConfigFile(explicit);
  const found = findUp(startDir, OWN_NAMES) ?? findUp(startDir, HADOLINT_NAMES);
  return found ? readConfigFile(found, dirname(found)) : { rules: {} };
}
