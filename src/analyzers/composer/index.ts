import { manifestInventory } from '../inventory.js';
import { jsonObject } from '../json.js';
import type { FileAnalyzer } from '../types.js';

/** A PHP package Composer installed or locked. */
export interface ComposerPackage {
  name: string;
  version: string;
  licenses?: string[];
  /** Only in `packages-dev` of a lockfile, or `dev-package-names` of installed.json. */
  dev?: boolean;
}

const INSTALLED = /(?:^|\/)vendor\/composer\/installed\.json$/;
const LOCKFILE = /(?:^|\/)composer\.lock$/;

function toPackage(value: unknown, dev: boolean): ComposerPackage | undefined {
  const entry = jsonObject(value);
  const name = entry?.name;
  const version = entry?.version;
  if (typeof name !== 'string' || typeof version !== 'string' || !name || !version) return undefined;
  const pkg: ComposerPackage = { name, version };
  const licenses = Array.isArray(entry.license) ? entry.license.filter((l): l is string => typeof l === 'string') : [];
  if (licenses.length > 0) pkg.licenses = licenses;
  if (dev) pkg.dev = true;
  return pkg;
}

/**
 * Composer's installed.json (an array in Composer 1, `{ packages, dev-package-names }` in Composer 2) or
 * composer.lock (`packages` and `packages-dev`).
 */
export function parseComposerFile(path: string, text: string): ComposerPackage[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const found: ComposerPackage[] = [];
  const add = (list: unknown, dev: (name: string) => boolean): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      const name = jsonObject(item)?.name;
      const pkg = toPackage(item, typeof name === 'string' && dev(name));
      if (pkg) found.push(pkg);
    }
  };
  if (LOCKFILE.test(path)) {
    add(jsonObject(json)?.packages, () => false);
    add(jsonObject(json)?.['packages-dev'], () => true);
  } else if (Array.isArray(json)) {
    add(json, () => false);
  } else {
    const devNames = jsonObject(json)?.['dev-package-names'];
    const dev = new Set(Array.isArray(devNames) ? devNames : []);
    add(jsonObject(json)?.packages, (name) => dev.has(name));
  }
  return found.length > 0 ? found : undefined;
}

export const composerAnalyzer: FileAnalyzer<ComposerPackage[]> = {
  name: 'composer',
  version: 1,
  description: 'PHP packages: vendor/composer/installed.json and composer.lock',
  maxFileBytes: 32 * 1024 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && (INSTALLED.test(path) || LOCKFILE.test(path));
  },
  analyze({ path, content, truncated }) {
    return truncated ? undefined : parseComposerFile(path, content.toString('utf8'));
  },
  inventory(facts) {
    // vendor/ is what runs. A lockfile speaks for a project only where no installed.json does, and then only for
    // its non-dev packages: whether `composer install` took the dev ones is unknown.
    const projectOf = (path: string): string => path.replace(/(?:vendor\/composer\/installed\.json|composer\.lock)$/, '');
    const installed = new Set(facts.filter((f) => f.live && INSTALLED.test(f.path)).map((f) => projectOf(f.path)));
    return manifestInventory(facts, (packages, layer, path) => {
      const lockfile = LOCKFILE.test(path);
      if (lockfile && installed.has(projectOf(path))) return undefined;
      return packages
        .filter((pkg) => !(lockfile && pkg.dev))
        .map((pkg) => ({
          type: 'composer' as const,
          name: pkg.name,
          version: pkg.version.replace(/^v(?=\d)/, ''),
          layer,
          path,
          ...(pkg.licenses ? { licenses: pkg.licenses } : {}),
        }));
    });
  },
};
