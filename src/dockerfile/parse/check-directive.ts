// BuildKit's `# check=skip=<names>|all;experimental=<names>|all;error=<bool>` parser directive, read as
// BuildKit's linter reads it: at most three `;`-separated `key=value` parts; an unknown key or a value `error`
// cannot take makes BuildKit refuse the file.

export interface BuildCheckDirective {
  /** Every check skipped. */
  skipAll: boolean;
  /** The checks named in `skip=`, as written. */
  skip: string[];
  /** Experimental checks asked for (`experimental=all` or names). */
  experimentalAll: boolean;
  experimental: string[];
  /** `error=true`: a check's violation fails the build. */
  error: boolean;
}

export const NO_BUILD_CHECK_DIRECTIVE: BuildCheckDirective = Object.freeze({ skipAll: false, skip: [], experimentalAll: false, experimental: [], error: false });

/** Go's strconv.ParseBool, which BuildKit uses for `error=`. */
const GO_BOOLEANS: Readonly<Record<string, boolean>> = {
  '1': true, t: true, T: true, TRUE: true, true: true, True: true,
  '0': false, f: false, F: false, FALSE: false, false: false, False: false,
};

const names = (value: string) => value.split(',').map((name) => name.trim());

export function parseBuildCheckDirective(value: string): BuildCheckDirective | { error: string } {
  const options: BuildCheckDirective = { ...NO_BUILD_CHECK_DIRECTIVE, skip: [], experimental: [] };
  const trimmed = value.trim();
  if (trimmed === '') return options;
  // Go's SplitN(…, 3): a third part keeps any further `;` in it.
  const first = trimmed.indexOf(';');
  const second = first < 0 ? -1 : trimmed.indexOf(';', first + 1);
  const parts = first < 0 ? [trimmed] : second < 0 ? [trimmed.slice(0, first), trimmed.slice(first + 1)] : [trimmed.slice(0, first), trimmed.slice(first + 1, second), trimmed.slice(second + 1)];
  for (const part of parts) {
    const equals = part.indexOf('=');
    if (equals < 0) return { error: `invalid check option "${part}"` };
    const key = part.slice(0, equals).trim();
    const given = part.slice(equals + 1).trim();
    if (key === 'skip') {
      if (given === 'all') options.skipAll = true;
      else options.skip = names(given);
    } else if (key === 'experimental') {
      if (given === 'all') options.experimentalAll = true;
      else options.experimental = names(given);
    } else if (key === 'error') {
      const flag = GO_BOOLEANS[given];
      if (flag === undefined) return { error: `check option "${part}": error= takes true or false` };
      options.error = flag;
    } else {
      return { error: `invalid check option "${key}"` };
    }
  }
  return options;
}
