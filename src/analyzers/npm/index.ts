import { manifestInventory } from '../inventory.js';
import { jsonObject } from '../json.js';
import type { FileAnalyzer } from '../types.js';

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

/** A lockfile's packages that only devDependencies need (`"dev": true`), as `node_modules/…` paths. */
export interface NpmLockfile {
  kind: 'lockfile';
  devOnly: string[];
}

export type NpmFact = NpmInstalled | NpmApp | NpmLockfile;

const LOCKFILES = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|node_modules\/\.package-lock\.json)$/;
const MANIFEST = /(?:^|\/)package\.json$/;

/** `license` as a string, or the old `{ type }` object form. */
function licenseOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  const type = jsonObject(value)?.type;
  return typeof type === 'string' && type.length > 0 ? type : undefined;
}

export function parseNpmFile(path: string, text: string): NpmFact | undefined {
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
    return { kind: 'lockfile', devOnly };
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

/** npm packages: every `node_modules/**\/package.json`, the apps' own manifests and their lockfiles' dev flags. */
export const npmAnalyzer: FileAnalyzer<NpmFact> = {
  name: 'npm',
  version: 2,
  description: 'npm packages in node_modules, application manifests and lockfiles (to tell devDependencies apart)',
  maxFileBytes: 32 * 1024 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && (MANIFEST.test(path) || LOCKFILES.test(path));
  },
  analyze({ path, content, truncated }) {
    return truncated ? undefined : parseNpmFile(path, content.toString('utf8'));
  },
  inventory(facts) {
    return manifestInventory(facts, (fact, layer, path) =>
      fact.kind === 'installed'
        ? {
            type: 'npm',
            name: fact.name,
            version: fact.version,
            layer,
            path,
            ...(fact.license ? { licenses: [fact.license] } : {}),
          }
        : undefined,
    );
  },
};
