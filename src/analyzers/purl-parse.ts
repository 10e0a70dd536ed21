// Package URLs read back: the inverse of purl.ts, for SBOMs (ours or another tool's) scanned without the image.
// Parsing follows the purl spec's order: scheme, then `#subpath`, `?qualifiers`, `@version`, and the type,
// namespace and name from what is left; each part percent-decoded.
import type { PackageType } from './types.js';

const PACKAGE_TYPES: ReadonlySet<string> = new Set<PackageType>(['deb', 'apk', 'rpm', 'npm', 'pypi', 'golang', 'maven', 'gem', 'cargo', 'composer', 'nuget', 'generic']);

export interface ParsedPurl {
  /** The purl type, lower case as the spec requires; `generic` stands for a type shipshape does not know. */
  type: PackageType;
  /** The type as written, for types mapped to `generic`. */
  rawType: string;
  namespace?: string;
  /** The purl's own name part. */
  shortName: string;
  /** The ecosystem's full name, as purl.ts takes it: `@types/node`, `org.slf4j:slf4j-api`, `github.com/pkg/errors`. */
  name: string;
  /** The version, with an rpm's epoch put back in front (`1:2.3-4`) as the rpm database writes it. */
  version?: string;
  qualifiers: Record<string, string>;
  subpath?: string;
}

function decode(part: string, purl: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new Error(`invalid percent-encoding in purl "${purl}"`);
  }
}

/** The ecosystem's full name from the purl namespace and name: what purl.ts splits, joined again. */
function fullName(type: PackageType, namespace: string | undefined, shortName: string): string {
  if (!namespace) return shortName;
  switch (type) {
    case 'deb':
    case 'apk':
    case 'rpm':
      return shortName; // the namespace is the distribution
    case 'maven':
      return `${namespace}:${shortName}`;
    default:
      return `${namespace}/${shortName}`;
  }
}

/** Parses a package URL; throws an Error naming the purl when it is not one. */
export function parsePurl(text: string): ParsedPurl {
  if (!text.startsWith('pkg:')) throw new Error(`not a package URL (no "pkg:" scheme): "${text}"`);
  let rest = text.slice(4).replace(/^\/+/, '');
  let subpath: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    subpath = rest.slice(hash + 1).split('/').filter((s) => s && s !== '.' && s !== '..').map((s) => decode(s, text)).join('/');
    rest = rest.slice(0, hash);
  }
  const qualifiers: Record<string, string> = {};
  const question = rest.indexOf('?');
  if (question >= 0) {
    for (const pair of rest.slice(question + 1).split('&')) {
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const value = decode(pair.slice(equals + 1), text);
      if (value) qualifiers[pair.slice(0, equals).toLowerCase()] = value;
    }
    rest = rest.slice(0, question);
  }
  let version: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at > rest.indexOf('/')) {
    version = decode(rest.slice(at + 1), text);
    rest = rest.slice(0, at);
  }
  const segments = rest.replace(/\/+$/, '').split('/');
  const rawType = segments.shift()!.toLowerCase();
  if (!/^[a-z.+-][a-z0-9.+-]*$/.test(rawType) || segments.length === 0 || !segments.at(-1)) throw new Error(`not a package URL (no type or name): "${text}"`);
  const type = (PACKAGE_TYPES.has(rawType) ? rawType : 'generic') as PackageType;
  const shortName = decode(segments.pop()!, text);
  const namespace = segments.length > 0 ? segments.filter(Boolean).map((s) => decode(s, text)).join('/') : undefined;
  if (type === 'rpm' && version && qualifiers.epoch && qualifiers.epoch !== '0') version = `${qualifiers.epoch}:${version}`;
  const parsed: ParsedPurl = { type, rawType, shortName, name: fullName(type, namespace, shortName), qualifiers };
  if (namespace) parsed.namespace = namespace;
  if (version !== undefined && version !== '') parsed.version = version;
  if (subpath) parsed.subpath = subpath;
  return parsed;
}
