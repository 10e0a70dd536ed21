// Finds and reads the configuration that applies to a file: the nearest `.shipshape.yaml` walking up from
// it, or failing that the nearest `.hadolint.yaml` (then hadolint's own places in the home directory), or an
// explicit `--config` file; hadolint's `HADOLINT_*` environment variables apply under any of them.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  applyHadolintSettings,
  catalogOf,
  parseConfig,
  parseHadolintConfig,
  readHadolintEnvironment,
  type Config,
  type RuleCatalog,
} from './core/config-parse.js';
import { InputError } from './core/errors.js';
import { readProjectFile } from './core/project-file.js';
import { shellcheckRuleMeta } from './dockerfile/shellcheck/codes.js';
import { allRuleMetas } from './rules.js';

const OWN_NAMES = ['.shipshape.yaml', '.shipshape.yml'];
const HADOLINT_NAMES = ['.hadolint.yaml', '.hadolint.yml'];

type Environment = Readonly<Record<string, string | undefined>>;

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

/** hadolint's per-user config files, in the order it looks for them. */
function hadolintUserConfig(env: Environment): string | undefined {
  const home = env.HOME ?? homedir();
  const xdg = env.XDG_CONFIG_HOME ?? join(home, '.config');
  const candidates = [
    ...['hadolint.yaml', 'hadolint.yml'].map((name) => join(xdg, name)),
    ...['hadolint.yaml', 'hadolint.yml', 'config.yaml', 'config.yml'].map((name) => join(home, '.hadolint', name)),
    ...HADOLINT_NAMES.map((name) => join(home, name)),
  ];
  return candidates.find((candidate) => existsSync(candidate));
}

/** Rules by id or alias, and ShellCheck's codes (`SC2086`) as the rules of its findings. */
function ruleCatalog(): RuleCatalog {
  const rules = catalogOf(allRuleMetas());
  return { resolve: (code) => rules.resolve(code) ?? shellcheckRuleMeta(code) };
}

function isHadolintFile(file: string): boolean {
  const name = basename(file);
  return HADOLINT_NAMES.includes(name) || (/^(hadolint|config)\.ya?ml$/.test(name) && /hadolint/.test(file));
}

/**
 * Reads and parses a config file: a regular file of at most 1 MB. `within` is the directory a symbolic link must
 * stay inside (a config found in the project); a file the user named may be a link to anywhere.
 */
export function readConfigFile(file: string, within?: string, env: Environment = process.env): Config {
  const bytes = readProjectFile(file, within === undefined ? {} : { within });
  if (bytes === undefined) throw new InputError(`${file}: no such config file`);
  const text = bytes.toString('utf8');
  const catalog = ruleCatalog();
  const fromEnvironment = readHadolintEnvironment(env);
  return isHadolintFile(file)
    ? parseHadolintConfig(text, file, catalog, fromEnvironment)
    : applyHadolintSettings(parseConfig(text, file, catalog), fromEnvironment, catalog);
}

/**
 * The config for files under `startDir`: `explicit` if given, else the nearest own config, else hadolint's;
 * the `HADOLINT_*` variables of `env` fill in what the file does not say (hadolint's order: a file's
 * settings over the environment's, lists added up).
 */
export function loadConfig(startDir: string, explicit?: string, env: Environment = process.env): Config {
  if (explicit) return readConfigFile(explicit, undefined, env);
  const found = findUp(startDir, OWN_NAMES) ?? findUp(startDir, HADOLINT_NAMES);
  if (found) return readConfigFile(found, dirname(found), env);
  const user = hadolintUserConfig(env);
  if (user) return readConfigFile(user, undefined, env);
  return applyHadolintSettings({ rules: {} }, readHadolintEnvironment(env), ruleCatalog());
}
