import { manifestInventory } from '../inventory.js';
import type { FileAnalyzer } from '../types.js';

/** A NuGet package an application's `*.deps.json` says it loads. */
export interface NugetPackage {
  name: string;
  version: string;
}

const DEPS_JSON = /\.deps\.json$/;

/** The `libraries` of type `package` in a .NET dependency manifest (`Name/Version` keys). */
export function parseDepsJson(text: string): NugetPackage[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const libraries = (json as { libraries?: unknown } | null)?.libraries;
  if (!libraries || typeof libraries !== 'object') return undefined;
  const found: NugetPackage[] = [];
  for (const [key, value] of Object.entries(libraries as Record<string, unknown>)) {
    if ((value as { type?: unknown } | null)?.type !== 'package') continue;
    const slash = key.lastIndexOf('/');
    if (slash <= 0 || slash === key.length - 1) continue;
    found.push({ name: key.slice(0, slash), version: key.slice(slash + 1) });
  }
  return found.length > 0 ? found : undefined;
}

export const dotnetAnalyzer: FileAnalyzer<NugetPackage[]> = {
  name: 'dotnet',
  version: 1,
  description: '.NET packages: the NuGet libraries of every *.deps.json',
  maxFileBytes: 16 * 1024 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && DEPS_JSON.test(path);
  },
  analyze({ content, truncated }) {
    return truncated ? undefined : parseDepsJson(content.toString('utf8'));
  },
  inventory(facts) {
    return manifestInventory(facts, (packages, layer, path) =>
      packages.map((pkg) => ({ type: 'nuget' as const, name: pkg.name, version: pkg.version, layer, path })),
    );
  },
};
