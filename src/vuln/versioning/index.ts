// Which version scheme orders which OSV ecosystem. Release-qualified names (`Debian:12`, `Alpine:v3.20`,
// `Ubuntu:22.04:LTS`) order their versions as the ecosystem before the first colon does.
import { InputError } from '../../core/errors.js';
import { apk } from './apk/apk.js';
import { composer } from './composer/composer.js';
import { dpkg } from './dpkg/dpkg.js';
import { maven } from './maven/maven.js';
import { nuget } from './nuget/nuget.js';
import { pep440 } from './pep440/pep440.js';
import { rpm } from './rpm/rpm.js';
import { rubygems } from './rubygems/rubygems.js';
import type { Comparison, VersionScheme } from './scheme.js';
import { pubSemver, semver } from './semver/semver.js';

export type { Comparison, VersionScheme } from './scheme.js';

/** Every scheme, by its folder name (Pub's variant of SemVer lives in the semver folder). */
export const versionSchemes: readonly VersionScheme[] = [apk, composer, dpkg, maven, nuget, pep440, rpm, rubygems, semver];

const schemeByEcosystem: ReadonlyMap<string, VersionScheme> = new Map([
  ['Debian', dpkg],
  ['Ubuntu', dpkg],
  ['Alpine', apk],
  ['Wolfi', apk],
  ['Chainguard', apk],
  ['Alpaquita', apk],
  ['MinimOS', apk],
  ['Red Hat', rpm],
  ['Rocky Linux', rpm],
  ['AlmaLinux', rpm],
  ['openSUSE', rpm],
  ['SUSE', rpm],
  ['Mageia', rpm],
  ['openEuler', rpm],
  ['npm', semver],
  ['Go', semver],
  ['crates.io', semver],
  ['Hex', semver],
  ['Pub', pubSemver],
  ['Bitnami', semver],
  ['PyPI', pep440],
  ['Maven', maven],
  ['RubyGems', rubygems],
  ['NuGet', nuget],
  ['Packagist', composer],
]);

/** The OSV ecosystem names this library can order versions for. */
export const versionedEcosystems: readonly string[] = [...schemeByEcosystem.keys()];

/** The scheme for an OSV ecosystem name; an InputError for one it does not know. */
export function versionSchemeFor(ecosystem: string): VersionScheme {
  const colon = ecosystem.indexOf(':');
  const base = colon >= 0 ? ecosystem.slice(0, colon) : ecosystem;
  const scheme = schemeByEcosystem.get(base);
  if (!scheme) {
    throw new InputError(
      `unknown ecosystem ${JSON.stringify(ecosystem.slice(0, 80))}: versions can be compared for ${versionedEcosystems.join(', ')}`,
    );
  }
  return scheme;
}

/** Orders two versions of a package in an OSV ecosystem: -1 when a < b, 0 when equal, 1 when a > b. */
export function compareVersions(ecosystem: string, a: string, b: string): Comparison {
  return versionSchemeFor(ecosystem).compare(a, b);
}

/** Whether the ecosystem's own tool would accept the version. */
export function isValidVersion(ecosystem: string, version: string): boolean {
  return versionSchemeFor(ecosystem).isValid(version);
}
