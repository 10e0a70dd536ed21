import { manifestInventory } from '../inventory.js';
import { jsonObject } from '../json.js';
import type { FileAnalyzer, FoundPackage } from '../types.js';

/** A package installed under some `node_modules/`. */
export interface NpmInstalled {
  kind: 'installed';
  name: string;
  version: string;
  license?: string;
}

/** An application's own manifest (a `package.json` outside `node_modules`). */
export interface NpmApp {
  kind: 'app';
  name?: string;
  version?: string;
  dependencies: string[];
  devDependencies: string[];
}

/** A package a lockfile pins. */
export interface NpmLocked {
  name: string;
  version: string;
  /** Only devDependencies need it (npm lockfiles and pnpm say so; yarn.lock does not). */
  dev?: true;
}

/**
 * A lockfile: the packages only devDependencies need (`"dev": true`), as `node_modules/…` paths, and every
 * package it pins — the inventory of an application whose `node_modules` the image does not carry (bundled).
 */
export interface NpmLockfile {
  kind: 'lockfile';
  devOnly: string[];
  packages: NpmLocked[];
}

export type NpmFact = NpmInstalled | NpmApp | NpmLockfile;

const LOCKFILES = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|node_modules\/\.package-lock\.json)$/;
/** npm's hidden lockfile describes the `node_modules` it sits in, whose manifests are read themselves. */
const HIDDEN_LOCKFILE = /(?:^|\/)node_modules\/\.package-lock\.json$/;
const YARN_LOCK = /(?:^|\/)yarn\.lock$/;
const PNPM_LOCK = /(?:^|\/)pnpm-lock\.yaml$/;
const MANIFEST = /(?:^|\/)package\.json$/;
/** Registry versions only: git, file and URL dependencies have no version an advisory can name. */
const REGISTRY_VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/;
const NESTED = 'node_modules/';

function locked(name: string, version: unknown, dev: unknown): NpmLocked | undefined {
  if (typeof version !== 'string' || !REGISTRY_VERSION.test(version) || name === '') return undefined;
  return dev === true ? { name, version, dev: true } : { name, version };
}

/** lockfileVersion 2 and 3: `packages` keyed by install path; 1: `dependencies` nested by name. */
function npmLockPackages(json: Record<string, unknown>): NpmLocked[] {
  const found: NpmLocked[] = [];
  const packages = jsonObject(json.packages);
  if (packages) {
    for (const [key, raw] of Object.entries(packages)) {
      const value = jsonObject(raw);
      const at = key.lastIndexOf(NESTED);
      if (!value || at < 0 || value.link === true) continue;
      // An alias (`"x": "npm:y@1"`) installs under its alias; `name` says what it really is.
      const name = typeof value.name === 'string' ? value.name : key.slice(at + NESTED.length);
      const pkg = locked(name, value.version, value.dev);
      if (pkg) found.push(pkg);
    }
    return found;
  }
  // Iterative, not recursive: a hostile lockfile can nest as deep as JSON.parse lets it.
  const pending = [jsonObject(json.dependencies) ?? {}];
  while (pending.length > 0) {
    for (const [name, raw] of Object.entries(pending.pop()!)) {
      const value = jsonObject(raw);
      if (!value) continue;
      const pkg = locked(name, value.version, value.dev);
      if (pkg) found.push(pkg);
      const nested = jsonObject(value.dependencies);
      if (nested) pending.push(nested);
    }
  }
  return found;
}

/** The name in a lockfile specifier: `@scope/name@^1`, `name@npm:^1` → `@scope/name`, `name`. */
function specifierName(specifier: string): string {
  const at = specifier.indexOf('@', 1);
  return at < 0 ? specifier : specifier.slice(0, at);
}

/** yarn.lock, classic (`version "1.2.3"`) and Berry (`version: 1.2.3`): one block per resolved package. */
export function parseYarnLock(text: string): NpmLocked[] {
  const found: NpmLocked[] = [];
  let name: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      const first = line.replace(/:$/, '').split(',')[0]!.trim().replace(/^"|"$/g, '');
      name = first === '__metadata' ? undefined : specifierName(first);
      continue;
    }
    const version = /^ {2}version:? "?([^"\s]+)"?$/.exec(line);
    if (name && version) {
      const pkg = locked(name, version[1], false);
      if (pkg) found.push(pkg);
      name = undefined;
    }
  }
  return found;
}

/**
 * pnpm-lock.yaml: the keys of its `packages:` section — `/name/1.2.3` (v5), `/name@1.2.3` (v6), `name@1.2.3`
 * (v9), each perhaps followed by its peers in parentheses — and their `dev: true`.
 */
export function parsePnpmLock(text: string): NpmLocked[] {
  const found: NpmLocked[] = [];
  let inPackages = false;
  let last: NpmLocked | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (!line.startsWith(' ')) {
      inPackages = line === 'packages:';
      last = undefined;
      continue;
    }
    if (!inPackages) continue;
    const key = /^ {2}'?([^\s'][^']*?)'?:$/.exec(line);
    if (key) {
      const spec = key[1]!.replace(/\(.*$/, '').replace(/^\//, '');
      const slash = /^((?:@[^/]+\/)?[^/@]+)\/(\d[^/]*)$/.exec(spec);
      const at = spec.lastIndexOf('@');
      // v5 appends the peers to the version after `_`.
      const [name, version] = slash ? [slash[1]!, slash[2]!.replace(/_.*$/, '')] : at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : ['', ''];
      last = locked(name, version, false);
      if (last) found.push(last);
    } else if (last && /^ {4}dev: true$/.test(line)) {
      last.dev = true;
    }
  }
  return found;
}

/** `license` as a string, or the old `{ type }` object form. */
function licenseOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  const type = jsonObject(value)?.type;
  return typeof type === 'string' && type.length > 0 ? type : undefined;
}

export function parseNpmFile(path: string, text: string): NpmFact | undefined {
  if (YARN_LOCK.test(path)) return { kind: 'lockfile', devOnly: [], packages: parseYarnLock(text) };
  if (PNPM_LOCK.test(path)) return { kind: 'lockfile', devOnly: [], packages: parsePnpmLock(text) };
  let json: Record<string, unknown> | undefined;
  try {
    json = jsonObject(JSON.parse(text));
  } catch {
    return undefined;
  }
  if (!json) return undefined;
  if (LOCKFILES.test(path)) {
    const packages = jsonObject(json.packages) ?? {};
    const devOnly = Object.entries(packages)
      .filter(([key, value]) => key !== '' && jsonObject(value)?.dev === true)
      .map(([key]) => key);
    return { kind: 'lockfile', devOnly, packages: HIDDEN_LOCKFILE.test(path) ? [] : npmLockPackages(json) };
  }
  const name = typeof json.name === 'string' ? json.name : undefined;
  const version = typeof json.version === 'string' ? json.version : undefined;
  if (/(?:^|\/)node_modules\//.test(path)) {
    if (!name || !version) return undefined;
    const installed: NpmInstalled = { kind: 'installed', name, version };
    const license = licenseOf(json.license);
    if (license) installed.license = license;
    return installed;
  }
  const app: NpmApp = {
    kind: 'app',
    dependencies: Object.keys(jsonObject(json.dependencies) ?? {}),
    devDependencies: Object.keys(jsonObject(json.devDependencies) ?? {}),
  };
  if (name) app.name = name;
  if (version) app.version = version;
  return app;
}

function directoryOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/**
 * npm packages: every `node_modules/**\/package.json`, the apps' own manifests, and their lockfiles (package-lock,
 * yarn.lock, pnpm-lock.yaml) for the dev flags and, where no `node_modules` is installed beside them, the packages.
 */
export const npmAnalyzer: FileAnalyzer<NpmFact> = {
  name: 'npm',
  version: 3,
  description: 'npm packages in node_modules, application manifests, and lockfiles (dev flags; the packages where node_modules is absent)',
  maxFileBytes: 32 * 1024 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && (MANIFEST.test(path) || LOCKFILES.test(path) || YARN_LOCK.test(path) || PNPM_LOCK.test(path));
  },
  analyze({ path, content, truncated }) {
    return truncated ? undefined : parseNpmFile(path, content.toString('utf8'));
  },
  inventory(facts) {
    const installedUnder = facts.filter((f) => f.live && f.fact.kind === 'installed').map((f) => f.path);
    const hasNodeModules = (dir: string): boolean => installedUnder.some((path) => path.startsWith(`${dir}${NESTED}`));
    return manifestInventory(facts, (fact, layer, path) => {
      if (fact.kind === 'installed') {
        return { type: 'npm', name: fact.name, version: fact.version, layer, path, ...(fact.license ? { licenses: [fact.license] } : {}) };
      }
      if (fact.kind !== 'lockfile' || hasNodeModules(directoryOf(path))) return undefined;
      // What ships without node_modules (a bundle) is what production needs: dev-only packages are left out.
      const distinct = new Map<string, FoundPackage>();
      for (const { name, version, dev } of fact.packages) {
        if (!dev) distinct.set(`${name}@${version}`, { type: 'npm', name, version, layer, path });
      }
      return [...distinct.values()];
    });
  },
};
