import type { FileAnalyzer } from '../types.js';

/** What `/etc/os-release` (or a distribution's own release file) says. */
export interface OsRelease {
  id?: string;
  versionId?: string;
  versionCodename?: string;
  prettyName?: string;
  /** From `etc/debian_version` or `etc/alpine-release`: the exact point release. */
  release?: string;
}

const OS_RELEASE_PATHS = new Set(['etc/os-release', 'usr/lib/os-release']);
const RELEASE_FILES = new Map([
  ['etc/debian_version', 'debian'],
  ['etc/alpine-release', 'alpine'],
]);

/** Parses the `KEY=value` / `KEY="value"` lines of os-release(5). */
export function parseOsRelease(text: string): OsRelease {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) continue;
    let value = match[2]!;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    }
    values[match[1]!] = value;
  }
  const release: OsRelease = {};
  if (values.ID) release.id = values.ID;
  if (values.VERSION_ID) release.versionId = values.VERSION_ID;
  if (values.VERSION_CODENAME) release.versionCodename = values.VERSION_CODENAME;
  if (values.PRETTY_NAME) release.prettyName = values.PRETTY_NAME;
  return release;
}

export const osReleaseAnalyzer: FileAnalyzer<OsRelease> = {
  name: 'os-release',
  version: 1,
  description: 'the operating system: /etc/os-release, /usr/lib/os-release, Debian and Alpine release files',
  maxFileBytes: 64 * 1024,
  wants(path, entry) {
    return entry.kind === 'file' && (OS_RELEASE_PATHS.has(path) || RELEASE_FILES.has(path));
  },
  analyze({ path, content }) {
    const text = content.toString('utf8');
    if (OS_RELEASE_PATHS.has(path)) return parseOsRelease(text);
    const release = text.trim().split('\n')[0]?.trim();
    return release ? { id: RELEASE_FILES.get(path)!, release } : undefined;
  },
};
