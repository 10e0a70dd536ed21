// NuGet versions, ordered as NuGet.Versioning's default comparer: up to four numbers (1.0.0.1 > 1.0.0), then
// SemVer 2.0 pre-release precedence with labels compared without regard to case (1.0.0-Beta = 1.0.0-beta);
// build metadata after `+` is ignored. That is SemVer's order on lower-cased text: the letters are the only
// characters allowed in a label whose order case changes.
import { checkLength, MAX_VERSION_LENGTH, type Comparison, type VersionScheme } from '../scheme.js';
import { semver } from '../semver/semver.js';

function compare(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  return semver.compare(a.toLowerCase(), b.toLowerCase());
}

const identifiers = String.raw`[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*`;
const versionPattern = new RegExp(String.raw`^(\d+)(?:\.(\d+)){0,3}(?:-${identifiers})?(?:\+${identifiers})?$`);
const INT32_MAX = 2147483647;

/** NuGetVersion.TryParse: one to four numbers that fit an Int32, an optional pre-release and metadata. */
function isValid(version: string): boolean {
  const text = version.trim();
  if (text.length > MAX_VERSION_LENGTH || !versionPattern.test(text)) return false;
  const plus = text.indexOf('+');
  const hyphen = text.indexOf('-');
  const core = text.slice(0, Math.min(plus >= 0 ? plus : text.length, hyphen >= 0 ? hyphen : text.length));
  return core.split('.').every((part) => part.length <= 10 && Number(part) <= INT32_MAX);
}

export const nuget: VersionScheme = { name: 'nuget', compare, isValid };
