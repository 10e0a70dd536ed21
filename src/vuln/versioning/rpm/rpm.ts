// Red Hat family package versions ([epoch:]version[-release]), ordered as rpm does: the epoch by value, then
// version and release each by rpmvercmp (rpmio/rpmvercmp.c). rpmvercmp splits a string into runs of ASCII
// digits or letters, skipping everything else; `~` sorts before anything (1.0~rc1 < 1.0) and `^` after the
// string it extends but before any further part (1.0 < 1.0^git1 < 1.0.1). A number run beats a letter run.
// Kept as rpm does it, though rpm's own tests leave these cases commented out as arguably wrong: letters
// outside ASCII are separators (1.1.α = 1.1.β), and a letter after a number is compared with whatever run
// the other side has there (1b.fc17 < 1.fc17, because b < fc). Installed packages were ordered that way.
import { checkLength, MAX_VERSION_LENGTH, compareDigits, compareStrings, isDigitCode, isLetterCode, type Comparison, type VersionScheme } from '../scheme.js';

const TILDE = 126;
const CARET = 94;

function isSeparator(code: number): boolean {
  return !isDigitCode(code) && !isLetterCode(code) && code !== TILDE && code !== CARET;
}

/** rpmvercmp on one version or release string. */
export function rpmvercmp(a: string, b: string): Comparison {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && isSeparator(a.charCodeAt(i))) i++;
    while (j < b.length && isSeparator(b.charCodeAt(j))) j++;
    const codeA = a.charCodeAt(i);
    const codeB = b.charCodeAt(j);
    if (codeA === TILDE || codeB === TILDE) {
      if (codeA !== TILDE) return 1;
      if (codeB !== TILDE) return -1;
      i++;
      j++;
      continue;
    }
    if (codeA === CARET || codeB === CARET) {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (codeA !== CARET) return 1;
      if (codeB !== CARET) return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigitCode(codeA);
    const inRun = numeric ? isDigitCode : isLetterCode;
    const startA = i;
    while (i < a.length && inRun(a.charCodeAt(i))) i++;
    const startB = j;
    while (j < b.length && inRun(b.charCodeAt(j))) j++;
    // segments of different types: the number is newer
    if (startB === j) return numeric ? 1 : -1;
    const order = numeric
      ? compareDigits(a.slice(startA, i), b.slice(startB, j))
      : compareStrings(a.slice(startA, i), b.slice(startB, j));
    if (order !== 0) return order;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

interface Evr {
  epoch: string;
  version: string;
  /** undefined without a hyphen: no release at all, which sorts below any release. */
  release: string | undefined;
}

/** As rpm's parseEVR: an epoch only when digits run up to the first colon, the release after the last hyphen. */
function split(evr: string): Evr {
  let digits = 0;
  while (digits < evr.length && isDigitCode(evr.charCodeAt(digits))) digits++;
  const hasEpoch = evr[digits] === ':';
  const epoch = hasEpoch && digits > 0 ? evr.slice(0, digits) : '0';
  const rest = hasEpoch ? evr.slice(digits + 1) : evr;
  const hyphen = rest.lastIndexOf('-');
  return hyphen >= 0
    ? { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) }
    : { epoch, version: rest, release: undefined };
}

function compare(a: string, b: string): Comparison {
  checkLength(a);
  checkLength(b);
  const left = split(a);
  const right = split(b);
  const epochOrder = compareDigits(left.epoch, right.epoch);
  if (epochOrder !== 0) return epochOrder;
  const versionOrder = rpmvercmp(left.version, right.version);
  if (versionOrder !== 0) return versionOrder;
  // rpm itself lets a dependency without a release match any release; a total order is needed to sort and to
  // bound ranges, so here (as in OSV's own comparer) no release sorts below every release: 1.0 < 1.0-1
  if (left.release === undefined || right.release === undefined) {
    return left.release === right.release ? 0 : left.release === undefined ? -1 : 1;
  }
  return rpmvercmp(left.release, right.release);
}

/** Printable ASCII without spaces, a numeric epoch if any, and something to compare in the version. */
function isValid(evr: string): boolean {
  if (evr.length === 0 || evr.length > MAX_VERSION_LENGTH || !/^[\x21-\x7e]+$/.test(evr)) return false;
  const colon = evr.indexOf(':');
  if (colon >= 0 && !/^\d+$/.test(evr.slice(0, colon))) return false;
  const { version, release } = split(evr);
  return /[A-Za-z0-9]/.test(version) && (release === undefined || /[A-Za-z0-9]/.test(release));
}

export const rpm: VersionScheme = { name: 'rpm', compare, isValid };
