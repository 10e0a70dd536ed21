// The two ways a package analyzer's facts become the image's packages: a package database rewritten by every
// layer that installs (dpkg, apk, rpm), and one manifest per package (npm, Python, gems, jars, binaries).
import type { FactAt, FoundPackage } from './types.js';

/**
 * Which layer installed each package of a database: the first of an unbroken run of layers whose copy of the
 * database lists it, so a later install that rewrites the database does not move the base image's packages.
 */
function originLayers<P>(versions: readonly FactAt<P[]>[], key: (pkg: P) => string): Map<string, number> {
  let origins = new Map<string, number>();
  for (const { layer, fact } of [...versions].sort((a, b) => a.layer - b.layer)) {
    const next = new Map<string, number>();
    for (const pkg of fact) {
      const id = key(pkg);
      next.set(id, origins.get(id) ?? layer);
    }
    origins = next;
  }
  return origins;
}

/** The packages of the database copies the final filesystem still shows, each at the layer that installed it. */
export function databaseInventory<P extends { name: string; version: string }>(
  facts: readonly FactAt<P[]>[],
  toPackage: (pkg: P, layer: number, path: string) => FoundPackage,
): FoundPackage[] {
  const byPath = new Map<string, FactAt<P[]>[]>();
  for (const fact of facts) {
    const list = byPath.get(fact.path);
    if (list) list.push(fact);
    else byPath.set(fact.path, [fact]);
  }
  const found: FoundPackage[] = [];
  for (const [path, versions] of byPath) {
    const live = versions.find((version) => version.live);
    if (!live) continue;
    const key = (pkg: P): string => `${pkg.name}\0${pkg.version}`;
    const origins = originLayers(versions, key);
    for (const pkg of live.fact) found.push(toPackage(pkg, origins.get(key(pkg)) ?? live.layer, path));
  }
  return found;
}

/** The packages of the manifests the final filesystem still shows, one or more per manifest. */
export function manifestInventory<F>(
  facts: readonly FactAt<F>[],
  toPackages: (fact: F, layer: number, path: string) => FoundPackage[] | FoundPackage | undefined,
): FoundPackage[] {
  const found: FoundPackage[] = [];
  for (const { layer, path, fact, live } of facts) {
    if (!live) continue;
    const packages = toPackages(fact, layer, path);
    if (Array.isArray(packages)) found.push(...packages);
    else if (packages) found.push(packages);
  }
  return found;
}
