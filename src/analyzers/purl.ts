// Package URLs (purl) for the packages an image holds: the identifier SBOMs and vulnerability databases share.
// Encoding follows packageurl-js (the reference implementation): each part percent-encoded, `:` kept in versions
// and qualifier values, qualifiers sorted by key, and the per-type rules of the purl spec for names.
import type { PackageType } from './types.js';

export interface PurlInput {
  type: PackageType;
  /** The ecosystem's own full name (`@types/node`, `org.slf4j:slf4j-api`, `github.com/pkg/errors`). */
  name: string;
  version?: string | undefined;
  /** For OS packages: the distribution (`debian`, `alpine`), the purl namespace of deb, apk and rpm. */
  distribution?: string | undefined;
  qualifiers?: Record<string, string> | undefined;
}

function encode(part: string): string {
  return encodeURIComponent(part).replace(/%3A/gi, ':');
}

/** Splits a full name into the purl namespace and name its type prescribes. */
function nameParts(type: PackageType, name: string, distribution: string | undefined): [string | undefined, string] {
  switch (type) {
    case 'deb':
    case 'apk':
    case 'rpm':
      return [distribution, name];
    case 'npm':
    case 'composer': {
      const slash = name.indexOf('/');
      return slash > 0 ? [name.slice(0, slash), name.slice(slash + 1)] : [undefined, name];
    }
    case 'golang': {
      const slash = name.lastIndexOf('/');
      return slash > 0 ? [name.slice(0, slash), name.slice(slash + 1)] : [undefined, name];
    }
    case 'maven': {
      const colon = name.indexOf(':');
      return colon > 0 ? [name.slice(0, colon), name.slice(colon + 1)] : [undefined, name];
    }
    case 'pypi':
      return [undefined, name.toLowerCase().replace(/[-_.]+/g, '-')];
    default:
      return [undefined, name];
  }
}

export function purl({ type, name, version, distribution, qualifiers }: PurlInput): string {
  const [namespace, shortName] = nameParts(type, name, distribution);
  // An rpm's epoch is a qualifier of its purl, not part of the version.
  if (type === 'rpm' && qualifiers?.epoch && version?.startsWith(`${qualifiers.epoch}:`)) version = version.slice(qualifiers.epoch.length + 1);
  let text = `pkg:${type}/`;
  if (namespace) text += `${namespace.split('/').filter(Boolean).map(encode).join('/')}/`;
  text += encode(shortName);
  if (version) text += `@${encode(version)}`;
  const entries = Object.entries(qualifiers ?? {})
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length > 0) text += `?${entries.map(([key, value]) => `${key.toLowerCase()}=${encode(value)}`).join('&')}`;
  return text;
}
