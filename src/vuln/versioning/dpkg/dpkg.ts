// Debian and Ubuntu package versions, ordered as dpkg does (lib/dpkg/version.c): [epoch:]upstream[-revision],
// the epoch by value, then upstream and revision by dpkg's verrevcmp, where `~` sorts before everything, even
// the end of the string, letters before other characters, and runs of digits compare by value.
import { checkLength, MAX_VERSION_LENGTH, compareDigits, isDigitCode, isLetterCode, sign, type Comparison, type VersionScheme } from '../scheme.js';

interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

/** As dpkg's parseversion, without its checks: the epoch before the first colon, the revision after the last hyphen. */
function split(version: string): DpkgVersion {
  const trimmed = version.trim();
  const colon = trimmed.indexOf(':');
  const epoch = colon >= 0 ? trimmed.slice(0, colon) : '0';
  const rest = colon >= 0 ? trimmed.slice(colon + 1) : trimmed;
  const hyphen = rest.lastIndexOf('-');
  return hyphen >= 0
    ? { epoch, upstream: rest.slice(0, hyphen), revision: rest.slice(hyphen + 1) }
    : { epoch, upstream: rest, revision: '' };
}

/** dpkg's order(): `~` lowest, then the end of a part, then letters, then every other character. */
function weight(code: number): number {
  if (code === 126) return -1;
  if (Number.isNaN(code) || isDigitCode(code)) return 0;
  if (isLetterCode(code)) return code;
  return code + 256;
}

function verrevcmp(a: string, b: string): Comparison {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigitCode(a.charCodeAt(i))) || (j < b.length && !isDigitCode(b.charCodeAt(j)))) {
      const difference = weight(a.charCodeAt(i)) - weight(b.charCodeAt(j));
      if (difference !== 0) return sign(difference);
      i++;
      j++;
    }
    const startA = i;
    while (i < a.length && isDigitCode(a.charCodeAt(i))) i++;
    const startB = j;
    while (j < b.length && isDigitCode(b.charCodeAt(j))) j++;
    const order = compareDigits(a.slice(startA, i) || '0', b.slice(startB, j) || '0');
    if (order !== 0) return order;
  }
  return 0;
}

function compare(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  const left = split(a);
  const right = split(b);
  return (
    compareDigits(digitsOrZero(left.epoch), digitsOrZero(right.epoch)) ||
    verrevcmp(left.upstream, right.upstream) ||
    verrevcmp(left.revision, right.revision)
  );
}

/** An epoch that is not a number (refused by isValid) orders as 0, as dpkg's strtol would leave it. */
function digitsOrZero(epoch: string): string {
  return /^\d+$/.test(epoch) ? epoch : '0';
}

const upstreamCharacters = /^[0-9][A-Za-z0-9.+~:-]*$/;
// dpkg itself refuses `_` in a revision; go-deb-version and the distributions' own RPM-style revisions
// (`4.el6.x86_64`) carry it, and a scanner gains nothing by refusing what it can still order.
const revisionCharacters = /^[A-Za-z0-9.+~_]+$/;

/** dpkg's parseversion checks: a numeric epoch, an upstream part that starts with a digit, and known characters. */
function isValid(version: string): boolean {
  if (version.length === 0 || version.length > MAX_VERSION_LENGTH) return false;
  const trimmed = version.trim();
  const colon = trimmed.indexOf(':');
  if (colon >= 0 && !/^\d+$/.test(trimmed.slice(0, colon))) return false;
  const { upstream, revision } = split(trimmed);
  if (!upstreamCharacters.test(upstream)) return false;
  if (colon < 0 && upstream.includes(':')) return false;
  const hasRevision = trimmed.slice(colon + 1).includes('-');
  return !hasRevision || revisionCharacters.test(revision);
}

export const dpkg: VersionScheme = { name: 'dpkg', compare, isValid };
