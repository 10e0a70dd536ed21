// The scan's rules on the one rule contract: the facts are what the scan found (end-of-life data of the base
// release and runtimes, ignore-file entries past their date); each finding is placed where the scan saw it.
import type { ImageLocation } from '../../core/finding.js';
import { ruleDefiner, type Rule } from '../../core/rule.js';

export const IGNORE_FILE = '.shipshape-ignore.yaml';
/** A release this close to its end of life is reported before it gets there. */
export const EOL_WARNING_DAYS = 90;

/** A release and what the end-of-life data says of it. */
export interface EolFact {
  /** How the report names it: `Debian GNU/Linux 12 (bookworm)`, `nodejs 18.19.0`. */
  what: string;
  /** `YYYY-MM-DD`, `true` when ended without a date, `false` or absent when no end is set or known. */
  eol?: string | boolean;
  location: ImageLocation;
}

/** An ignore-file entry whose expiry has passed, though it names a vulnerability the scan found. */
export interface ExpiredIgnore {
  id: string;
  package?: string;
  expires: string;
  location: ImageLocation;
}

export interface ScanFacts {
  /** `YYYY-MM-DD`: today, and the day the warning window ends. */
  today: string;
  warnUntil: string;
  base?: EolFact;
  runtimes: EolFact[];
  expired: ExpiredIgnore[];
}

export interface ScanDomain {
  facts: ScanFacts;
  /** Scan rules read the facts at the end; there is nothing to visit. */
  visitors: object;
  where: { location: ImageLocation };
  /** A scan's facts come from an image and a database, which the docs cannot show as text. */
  example: { scan: never };
  /** Where a finding is: the layer of the base or runtime, or the ignore file's entry. */
  at: { layer?: number; path?: string };
}

export type ScanRule = Rule<ScanDomain>;

/** What the end-of-life rules say, alike of a base image's release and of a runtime's. */
export const EOL_MESSAGES = {
  ended: '{what} reached its end of life on {date}: no more security updates',
  endedUndated: '{what} has reached its end of life: no more security updates',
  soon: `{what} reaches its end of life on {date}, within ${EOL_WARNING_DAYS} days`,
} as const;

export const defineScanRule = ruleDefiner<ScanDomain>();

/** Whether a release is past its end, or reaches it within the warning window; undefined when neither. */
export function eolState(eol: EolFact['eol'], facts: Pick<ScanFacts, 'today' | 'warnUntil'>): 'ended' | 'ended-undated' | 'soon' | undefined {
  if (eol === undefined || eol === false) return undefined;
  if (eol === true) return 'ended-undated';
  if (eol <= facts.today) return 'ended';
  return eol <= facts.warnUntil ? 'soon' : undefined;
}
