// The configuration shipshape reads: its own `.shipshape.yaml`, or hadolint's `.hadolint.yaml` where a
// project has only that. Parsing is pure (text in, settings out); finding the file is the caller's job.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';
import { InputError } from './errors.js';
import type { Format } from '../cli/formats.js';
import type { RuleMeta, RuleSetting } from './rule-meta.js';
import { isFailOn, isSeverity, type FailOn, type Severity } from './severity.js';

// Loading yaml takes some 35 ms of the CLI's start-up, and most runs have no config file to read.
let loadedYaml: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (loadedYaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml);

export interface Config {
  /** The file it came from, if any. */
  file?: string;
  /** Settings by rule id. */
  rules: Record<string, RuleSetting>;
  /** Default for `--fail-on`. */
  failOn?: FailOn;
  /** The vulnerability database: where it lives and where `db update` fetches from. */
  db?: DbSettings;
  /** Paths `check` leaves out of its search for Dockerfiles (gitignore patterns, relative to the project). */
  exclude?: string[];
  /** Exit 0 whatever is found (hadolint's `no-fail`), unless `--fail-on` is given. */
  noFail?: boolean;
  /** False to never colour (hadolint's `no-color`). */
  color?: boolean;
  /** Default for `--format`. */
  format?: Format;
  /** Say on stderr which configuration applies. */
  verbose?: boolean;
  /** Inline `# hadolint ignore=` / `# shipshape ignore=` comments are not honoured (hadolint's `disable-ignore-pragma`). */
  disableIgnorePragma?: boolean;
  /**
   * hadolint's `label-schema` and `strict-labels`: the labels every image must carry, the type of each
   * value, and whether other labels are refused. The label rules read it.
   */
  labels?: { schema: Record<string, LabelType>; strict: boolean };
}

export interface DbSettings {
  dir?: string;
  osvUrl?: string;
  eolUrl?: string;
}

const DB_KEYS = ['dir', 'osvUrl', 'eolUrl'] as const;

export interface RuleCatalog {
  /** The rule a written id or alias (e.g. `DL3008`) names. */
  resolve(idOrAlias: string): RuleMeta | undefined;
}

export function catalogOf(metas: readonly RuleMeta[]): RuleCatalog {
  const index = new Map<string, RuleMeta>();
  for (const meta of metas) {
    index.set(meta.id, meta);
    for (const alias of meta.aliases ?? []) index.set(alias, meta);
  }
  return { resolve: (idOrAlias) => index.get(idOrAlias) };
}

function parseYaml(text: string, file: string): { root: Node | null; where: (node: Node | null | undefined) => string } {
  const lineCounter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter, prettyErrors: false });
  const where = (node: Node | null | undefined): string => {
    const offset = node?.range?.[0];
    return offset === undefined ? file : `${file}:${lineCounter.linePos(offset).line}`;
  };
  const error = doc.errors[0];
  if (error) {
    const line = lineCounter.linePos(error.pos[0]).line;
    // the error's code, not its message: a message can quote the file, and a config file may be any file
    throw new InputError(`${file}:${line}: invalid YAML (${error.code.toLowerCase().replace(/_/g, ' ')})`);
  }
  return { root: doc.contents, where };
}

/**
 * A key or name as an error quotes it: a config file may be any file (a link to /etc/shadow), so what is not
 * shaped like a name is not shown, only its length.
 */
function quoted(name: unknown): string {
  const text = String(name);
  return /^[\w./@-]{1,64}$/.test(text) ? `"${text}"` : `(${text.length} characters, not a name: not shown)`;
}

function plainValue(node: Node | null | undefined): unknown {
  return node && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : undefined;
}

function severityOrOff(value: unknown): Severity | 'off' | undefined {
  if (value === 'off' || value === false) return 'off';
  return isSeverity(value) ? value : undefined;
}

/**
 * Parses `.shipshape.yaml`:
 *
 * ```yaml
 * failOn: warning
 * rules:
 *   dockerfile/pin-package-versions: off      # or DL3008: off
 *   dockerfile/use-slim-base: error
 *   dockerfile/use-trusted-registry:
 *     severity: error
 *     options: { registries: [docker.io, ghcr.io] }
 * ```
 */
export function parseConfig(text: string, file: string, catalog: RuleCatalog): Config {
  const { root, where } = parseYaml(text, file);
  const config: Config = { file, rules: {} };
  if (root === null || (yaml().isScalar(root) && root.value === null)) return config;
  if (!yaml().isMap(root)) throw new InputError(`${where(root)}: the config must be a mapping (failOn, rules)`);
  for (const item of root.items) {
    const key = plainValue(item.key as Node);
    const value = item.value as Node | null;
    if (key === 'failOn') {
      const failOn = plainValue(value);
      if (!isFailOn(failOn)) throw new InputError(`${where(value)}: failOn must be error, warning, info or none`);
      config.failOn = failOn;
    } else if (key === 'exclude') {
      const patterns = plainValue(value);
      const list = typeof patterns === 'string' ? [patterns] : patterns;
      if (!Array.isArray(list) || !list.every((pattern) => typeof pattern === 'string')) {
        throw new InputError(`${where(value)}: exclude must be a list of paths or patterns`);
      }
      config.exclude = list;
    } else if (key === 'rules') {
      if (value === null) continue;
      if (!yaml().isMap(value)) throw new InputError(`${where(value)}: rules must map rule ids to settings`);
      for (const ruleItem of value.items) {
        const written = String(plainValue(ruleItem.key as Node));
        const meta = catalog.resolve(written);
        if (!meta) throw new InputError(`${where(ruleItem.key as Node)}: unknown rule ${quoted(written)} (see \`shipshape rules\`)`);
        config.rules[meta.id] = parseRuleSetting(ruleItem.value as Node | null, meta, where);
      }
    } else if (key === 'db') {
      config.db = parseDbSettings(value, where);
    } else {
      throw new InputError(`${where(item.key as Node)}: unknown key ${quoted(key)} (expected failOn, exclude, rules or db)`);
    }
  }
  return config;
}

/** What kind of value an option takes, judged by its default; undefined where the default says nothing. */
function optionKind(value: unknown): string | undefined {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return `a ${typeof value}`;
  return typeof value === 'object' && value !== null ? 'a mapping' : undefined;
}

function parseDbSettings(node: Node | null, where: (node: Node | null | undefined) => string): DbSettings {
  if (!yaml().isMap(node)) throw new InputError(`${where(node)}: db must be a mapping (dir, osvUrl, eolUrl)`);
  const settings: DbSettings = {};
  for (const item of node.items) {
    const key = plainValue(item.key as Node);
    const value = plainValue(item.value as Node | null);
    if (!DB_KEYS.includes(key as (typeof DB_KEYS)[number])) {
      throw new InputError(`${where(item.key as Node)}: db: unknown key ${quoted(key)} (expected ${DB_KEYS.join(', ')})`);
    }
    if (typeof value !== 'string' || value === '') throw new InputError(`${where(item.value as Node)}: db.${String(key)} must be a string`);
    settings[key as (typeof DB_KEYS)[number]] = value;
  }
  return settings;
}

function parseRuleSetting(node: Node | null, meta: RuleMeta, where: (node: Node | null | undefined) => string): RuleSetting {
  const value = plainValue(node);
  const shorthand = severityOrOff(value);
  if (shorthand) return { severity: shorthand };
  if (!yaml().isMap(node)) {
    throw new InputError(`${where(node)}: ${meta.id}: expected off, error, warning, info, or {severity, options}`);
  }
  const setting: RuleSetting = {};
  for (const item of node.items) {
    const key = plainValue(item.key as Node);
    const itemValue = item.value as Node | null;
    if (key === 'severity') {
      const severity = severityOrOff(plainValue(itemValue));
      if (!severity) throw new InputError(`${where(itemValue)}: ${meta.id}: severity must be off, error, warning or info`);
      setting.severity = severity;
    } else if (key === 'options') {
      const options = plainValue(itemValue);
      if (!yaml().isMap(itemValue) || typeof options !== 'object' || options === null) {
        throw new InputError(`${where(itemValue)}: ${meta.id}: options must be a mapping`);
      }
      const known = Object.keys(meta.options ?? {});
      for (const optionItem of itemValue.items) {
        const name = String(plainValue(optionItem.key as Node));
        if (!known.includes(name)) {
          const expected = known.length ? `known options: ${known.join(', ')}` : 'it takes no options';
          throw new InputError(`${where(optionItem.key as Node)}: ${meta.id}: unknown option ${quoted(name)} (${expected})`);
        }
        const wanted = optionKind(meta.options?.[name]?.default);
        if (wanted && optionKind(plainValue(optionItem.value as Node)) !== wanted) {
          throw new InputError(`${where(optionItem.value as Node)}: ${meta.id}: option "${name}" must be ${wanted}`);
        }
      }
      setting.options = options as Record<string, unknown>;
    } else {
      throw new InputError(`${where(item.key as Node)}: ${meta.id}: unknown key ${quoted(key)} (expected severity, options)`);
    }
  }
  return setting;
}

/** The types hadolint's `label-schema` gives a label's value. */
export const LABEL_TYPES = ['email', 'hash', 'text', 'rfc3339', 'semver', 'spdx', 'url'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];

const HADOLINT_LEVELS = ['error', 'warning', 'info', 'style'] as const;
type HadolintLevel = (typeof HADOLINT_LEVELS)[number];

/** hadolint's severities in shipshape's: `style` has no level of its own and is `info`, the lowest. */
const HADOLINT_SEVERITIES: Record<HadolintLevel, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/** hadolint's output format names in shipshape's. */
const HADOLINT_FORMATS: Readonly<Record<string, Format>> = {
  tty: 'terminal',
  json: 'json',
  sarif: 'sarif',
  checkstyle: 'checkstyle',
  codeclimate: 'codeclimate',
  gitlab_codeclimate: 'gitlab',
  gnu: 'gnu',
  junit: 'junit',
};

/**
 * What one source of hadolint's configuration says (a `.hadolint.yaml`, or the `HADOLINT_*` environment), as
 * hadolint reads it: lists add up over sources, a later source's yes/no and threshold win.
 */
export interface HadolintSettings {
  noFail?: boolean;
  noColor?: boolean;
  verbose?: boolean;
  formats: Format[];
  override: Record<HadolintLevel, string[]>;
  ignored: string[];
  trustedRegistries: string[];
  labelSchema: Record<string, LabelType>;
  strictLabels?: boolean;
  disableIgnorePragma?: boolean;
  failureThreshold?: FailOn;
}

export function emptyHadolintSettings(): HadolintSettings {
  return { formats: [], override: { error: [], warning: [], info: [], style: [] }, ignored: [], trustedRegistries: [], labelSchema: {} };
}

/** `higher` over `lower`: hadolint's order is environment, then config file, then command line. */
export function mergeHadolintSettings(lower: HadolintSettings, higher: HadolintSettings): HadolintSettings {
  const merged: HadolintSettings = {
    formats: [...lower.formats, ...higher.formats],
    override: {
      error: [...lower.override.error, ...higher.override.error],
      warning: [...lower.override.warning, ...higher.override.warning],
      info: [...lower.override.info, ...higher.override.info],
      style: [...lower.override.style, ...higher.override.style],
    },
    ignored: [...lower.ignored, ...higher.ignored],
    trustedRegistries: [...lower.trustedRegistries, ...higher.trustedRegistries],
    labelSchema: { ...lower.labelSchema, ...higher.labelSchema },
  };
  for (const key of ['noFail', 'noColor', 'verbose', 'strictLabels', 'disableIgnorePragma', 'failureThreshold'] as const) {
    const value = higher[key] ?? lower[key];
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}

function hadolintThreshold(value: unknown): FailOn | undefined {
  if (value === 'none' || value === 'ignore') return 'none';
  return typeof value === 'string' && value in HADOLINT_SEVERITIES ? HADOLINT_SEVERITIES[value as HadolintLevel] : undefined;
}

function hadolintFormat(value: unknown, where: string): Format {
  const format = typeof value === 'string' ? HADOLINT_FORMATS[value] : undefined;
  if (!format) {
    throw new InputError(`${where}: format ${JSON.stringify(value)} is none shipshape writes (${Object.keys(HADOLINT_FORMATS).join(', ')})`);
  }
  return format;
}

function labelType(value: unknown, where: string): LabelType {
  // hadolint reads an empty type as text.
  if (value === '' || value === null) return 'text';
  if (typeof value === 'string' && (LABEL_TYPES as readonly string[]).includes(value)) return value as LabelType;
  throw new InputError(`${where}: label type ${JSON.stringify(value)} is not one of ${LABEL_TYPES.join(', ')}`);
}

/** Reads a `.hadolint.yaml` (every key of hadolint's schema), refusing values of the wrong type with their line. */
export function readHadolintYaml(text: string, file: string): HadolintSettings {
  const { root, where } = parseYaml(text, file);
  const settings = emptyHadolintSettings();
  if (root === null || (yaml().isScalar(root) && root.value === null)) return settings;
  if (!yaml().isMap(root)) throw new InputError(`${where(root)}: expected a mapping (ignored, override, trustedRegistries, …)`);
  const strings = (node: Node | null, key: string, single = false): string[] => {
    const value = plainValue(node);
    if (value === null || value === undefined) return [];
    if (single && typeof value === 'string') return [value];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
      throw new InputError(`${where(node)}: ${key} must be a list of ${single ? 'strings (or one string)' : 'strings'}`);
    }
    return value.map(String);
  };
  const flag = (node: Node | null, key: string): boolean => {
    const value = plainValue(node);
    if (typeof value !== 'boolean') throw new InputError(`${where(node)}: ${key} must be true or false`);
    return value;
  };
  for (const item of root.items) {
    const key = String(plainValue(item.key as Node));
    const node = item.value as Node | null;
    switch (key) {
      case 'ignored':
        settings.ignored.push(...strings(node, key));
        break;
      case 'trustedRegistries':
        settings.trustedRegistries.push(...strings(node, key, true));
        break;
      case 'override': {
        if (plainValue(node) === null) break;
        if (!yaml().isMap(node)) throw new InputError(`${where(node)}: override must map error, warning, info or style to lists of rules`);
        for (const levelItem of node.items) {
          const level = String(plainValue(levelItem.key as Node));
          if (!(HADOLINT_LEVELS as readonly string[]).includes(level)) {
            throw new InputError(`${where(levelItem.key as Node)}: override: unknown level "${level}" (expected error, warning, info or style)`);
          }
          settings.override[level as HadolintLevel].push(...strings(levelItem.value as Node | null, `override.${level}`));
        }
        break;
      }
      case 'failure-threshold': {
        const threshold = hadolintThreshold(plainValue(node));
        if (!threshold) throw new InputError(`${where(node)}: failure-threshold must be error, warning, info, style, ignore or none`);
        settings.failureThreshold = threshold;
        break;
      }
      case 'format':
        settings.formats.push(hadolintFormat(plainValue(node), where(node)));
        break;
      case 'formats':
        for (const name of strings(node, key)) settings.formats.push(hadolintFormat(name, where(node)));
        break;
      case 'label-schema': {
        const schema = plainValue(node);
        if (schema === null) break;
        if (!yaml().isMap(node)) throw new InputError(`${where(node)}: label-schema must map label names to types`);
        for (const labelItem of node.items) {
          const name = String(plainValue(labelItem.key as Node));
          settings.labelSchema[name] = labelType(plainValue(labelItem.value as Node), where(labelItem.value as Node));
        }
        break;
      }
      case 'no-fail':
        settings.noFail = flag(node, key);
        break;
      case 'no-color':
        settings.noColor = flag(node, key);
        break;
      case 'verbose':
        settings.verbose = flag(node, key);
        break;
      case 'strict-labels':
        settings.strictLabels = flag(node, key);
        break;
      case 'disable-ignore-pragma':
        settings.disableIgnorePragma = flag(node, key);
        break;
      default:
      // Like hadolint, keys it does not know are left alone: the file may be shared with newer versions.
    }
  }
  return settings;
}

/** hadolint's yes: 1, y, yes, on, true in any case; anything else set is a no. */
function truthy(value: string): boolean {
  return ['1', 'y', 'yes', 'on', 'true'].includes(value.toLowerCase());
}

function commaList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

/** Reads hadolint's `HADOLINT_*` variables (and `NO_COLOR`) from an environment. */
export function readHadolintEnvironment(env: Readonly<Record<string, string | undefined>>): HadolintSettings {
  const settings = emptyHadolintSettings();
  const yesNo = (name: string): boolean | undefined => (env[name] === undefined ? undefined : truthy(env[name]));
  const noFail = yesNo('HADOLINT_NOFAIL');
  if (noFail !== undefined) settings.noFail = noFail;
  if (env.NO_COLOR !== undefined) settings.noColor = true;
  const verbose = yesNo('HADOLINT_VERBOSE');
  if (verbose !== undefined) settings.verbose = verbose;
  settings.formats = commaList(env.HADOLINT_FORMAT).map((name) => hadolintFormat(name, 'HADOLINT_FORMAT'));
  settings.override = {
    error: commaList(env.HADOLINT_OVERRIDE_ERROR),
    warning: commaList(env.HADOLINT_OVERRIDE_WARNING),
    info: commaList(env.HADOLINT_OVERRIDE_INFO),
    style: commaList(env.HADOLINT_OVERRIDE_STYLE),
  };
  settings.ignored = commaList(env.HADOLINT_IGNORE);
  settings.trustedRegistries = commaList(env.HADOLINT_TRUSTED_REGISTRIES);
  for (const item of commaList(env.HADOLINT_REQUIRE_LABELS)) {
    const colon = item.indexOf(':');
    const name = colon < 0 ? item : item.slice(0, colon);
    settings.labelSchema[name] = labelType(colon < 0 ? '' : item.slice(colon + 1), `HADOLINT_REQUIRE_LABELS (${name})`);
  }
  const strictLabels = yesNo('HADOLINT_STRICT_LABELS');
  if (strictLabels !== undefined) settings.strictLabels = strictLabels;
  const disableIgnorePragma = yesNo('HADOLINT_DISABLE_IGNORE_PRAGMA');
  if (disableIgnorePragma !== undefined) settings.disableIgnorePragma = disableIgnorePragma;
  if (env.HADOLINT_FAILURE_THRESHOLD !== undefined) {
    const threshold = hadolintThreshold(env.HADOLINT_FAILURE_THRESHOLD);
    if (!threshold) throw new InputError(`HADOLINT_FAILURE_THRESHOLD: "${env.HADOLINT_FAILURE_THRESHOLD}" is not error, warning, info, style, ignore or none`);
    settings.failureThreshold = threshold;
  }
  return settings;
}

/**
 * Applies hadolint settings under a config: what the config says itself wins (it is the more specific
 * source), the rest comes from the settings. Codes shipshape does not implement are skipped: the settings
 * were written for hadolint. An overridden rule takes the highest level it is listed under, as in hadolint.
 */
export function applyHadolintSettings(config: Config, settings: HadolintSettings, catalog: RuleCatalog): Config {
  const rules: Record<string, RuleSetting> = {};
  const set = (code: string, setting: RuleSetting) => {
    const meta = catalog.resolve(code);
    if (meta) rules[meta.id] = { ...rules[meta.id], ...setting };
  };
  for (const level of ['style', 'info', 'warning', 'error'] as const) {
    for (const code of settings.override[level]) set(code, { severity: HADOLINT_SEVERITIES[level] });
  }
  for (const code of settings.ignored) set(code, { severity: 'off' });
  if (settings.trustedRegistries.length > 0) set('DL3026', { options: { registries: [...new Set(settings.trustedRegistries)] } });
  for (const [id, setting] of Object.entries(config.rules)) {
    const under = rules[id];
    const options = under?.options || setting.options ? { ...under?.options, ...setting.options } : undefined;
    rules[id] = { ...under, ...setting, ...(options ? { options } : {}) };
  }
  const merged: Config = { ...config, rules };
  const failOn = config.failOn ?? settings.failureThreshold;
  if (failOn) merged.failOn = failOn;
  const scalars: [keyof Config, unknown][] = [
    ['noFail', settings.noFail],
    ['color', settings.noColor === undefined ? undefined : !settings.noColor],
    ['verbose', settings.verbose],
    ['format', settings.formats.at(-1)],
    ['disableIgnorePragma', settings.disableIgnorePragma],
  ];
  for (const [key, value] of scalars) if (config[key] === undefined && value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  if (!config.labels && (Object.keys(settings.labelSchema).length > 0 || settings.strictLabels !== undefined)) {
    merged.labels = { schema: settings.labelSchema, strict: settings.strictLabels ?? false };
  }
  return merged;
}

/** Reads `.hadolint.yaml`: every key of hadolint's schema, with the `HADOLINT_*` settings of `env` under it. */
export function parseHadolintConfig(
  text: string,
  file: string,
  catalog: RuleCatalog,
  env: HadolintSettings = emptyHadolintSettings(),
): Config {
  return applyHadolintSettings({ file, rules: {} }, mergeHadolintSettings(env, readHadolintYaml(text, file)), catalog);
}
