// The configuration shipshape reads: its own `.shipshape.yaml`, or hadolint's `.hadolint.yaml` where a
// project has only that. Parsing is pure (text in, settings out); finding the file is the caller's job.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';
import { InputError } from './errors.js';
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

const HADOLINT_SEVERITIES: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/**
 * Reads what `.hadolint.yaml` says that shipshape can honour: `ignored` (rules off), `override` (severities;
 * hadolint's `style` is shipshape's `info`), `trustedRegistries`, and `failure-threshold`. Codes shipshape does
 * not implement are skipped: the file was written for hadolint.
 */
export function parseHadolintConfig(text: string, file: string, catalog: RuleCatalog): Config {
  const { root, where } = parseYaml(text, file);
  const config: Config = { file, rules: {} };
  const data = plainValue(root);
  if (data === null || data === undefined) return config;
  if (typeof data !== 'object' || Array.isArray(data)) throw new InputError(`${where(root)}: expected a mapping`);
  const record = data as Record<string, unknown>;
  const codes = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  for (const code of codes(record.ignored)) {
    const meta = catalog.resolve(code);
    if (meta) config.rules[meta.id] = { ...config.rules[meta.id], severity: 'off' };
  }
  const override = record.override;
  if (override && typeof override === 'object') {
    for (const [level, list] of Object.entries(override as Record<string, unknown>)) {
      const severity = HADOLINT_SEVERITIES[level];
      if (!severity) continue;
      for (const code of codes(list)) {
        const meta = catalog.resolve(code);
        if (meta && config.rules[meta.id]?.severity !== 'off') config.rules[meta.id] = { ...config.rules[meta.id], severity };
      }
    }
  }
  const registries = codes(record.trustedRegistries);
  const trusted = catalog.resolve('DL3026');
  if (registries.length > 0 && trusted) {
    config.rules[trusted.id] = { ...config.rules[trusted.id], options: { registries } };
  }
  const threshold = record['failure-threshold'];
  if (typeof threshold === 'string') {
    if (threshold === 'none' || threshold === 'ignore') config.failOn = 'none';
    else if (HADOLINT_SEVERITIES[threshold]) config.failOn = HADOLINT_SEVERITIES[threshold];
  }
  return config;
}
