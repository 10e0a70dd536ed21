import { manifestInventory } from '../inventory.js';
import type { FileAnalyzer } from '../types.js';

/** An installed Python distribution, from its core metadata (`METADATA` or `PKG-INFO`). */
export interface PythonDistribution {
  name: string;
  version: string;
  licenses?: string[];
}

const DIST_INFO = /(?:^|\/)[^/]+\.dist-info\/METADATA$/;
const EGG_INFO = /(?:^|\/)[^/]+\.egg-info(?:\/PKG-INFO)?$/;

/**
 * Reads the RFC 822 header block of core metadata (the body after the first blank line is the description).
 * The license is `License-Expression` (PEP 639), else `License` when it is one short line, else the
 * `License ::` trove classifiers.
 */
export function parseCoreMetadata(text: string): PythonDistribution | undefined {
  const headerEnd = text.search(/\r?\n\r?\n/);
  const header = headerEnd === -1 ? text : text.slice(0, headerEnd);
  let name: string | undefined;
  let version: string | undefined;
  let expression: string | undefined;
  let license: string | undefined;
  const classifiers: string[] = [];
  for (const line of header.split(/\r?\n/)) {
    if (/^\s/.test(line)) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'name') name ??= value;
    else if (key === 'version') version ??= value;
    else if (key === 'license-expression') expression ??= value;
    else if (key === 'license') license ??= value;
    else if (key === 'classifier' && value.startsWith('License ::')) classifiers.push(value.split('::').at(-1)!.trim());
  }
  if (!name || !version) return undefined;
  const distribution: PythonDistribution = { name, version };
  const usable = license && license !== 'UNKNOWN' && license.length <= 80 ? license : undefined;
  const licenses = expression ? [expression] : usable ? [usable] : classifiers;
  if (licenses.length > 0) distribution.licenses = licenses;
  return distribution;
}

export const pythonAnalyzer: FileAnalyzer<PythonDistribution> = {
  name: 'python',
  version: 1,
  description: 'Python distributions: *.dist-info/METADATA and *.egg-info (directory or file)',
  maxFileBytes: 1024 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && (DIST_INFO.test(path) || EGG_INFO.test(path));
  },
  analyze({ content }) {
    return parseCoreMetadata(content.toString('utf8'));
  },
  inventory(facts) {
    return manifestInventory(facts, (dist, layer, path) => ({
      type: 'pypi',
      name: dist.name,
      version: dist.version,
      layer,
      path,
      ...(dist.licenses ? { licenses: dist.licenses } : {}),
    }));
  },
};
