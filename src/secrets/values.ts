// What a written value can be, before anyone asks whose it is: nothing at all (a flag, a number, a path, a
// reference to something else), a stand-in waiting to be replaced, a well-known default password, or a value
// that may be a real secret. One judgement for ARG/ENV values, command-line options, URL passwords and the
// settings of credential files.

/**
 * - `inert`: cannot hold a secret: empty, a flag or number, a path (where a secret is mounted), a reference to a
 *   variable, a substitution or a template slot (`$TOKEN`, `${TOKEN:-x}`, `$(cat /run/secrets/t)`, `<token>`,
 *   `{{ .Values.token }}`).
 * - `placeholder`: text that stands for a secret to be filled in (`changeme`, `dummy`, `your-token-here`,
 *   `xxxx`, `build-time-dummy`, `example-key`).
 * - `weak`: a default password that works wherever nobody changed it (`admin`, `root`, `password`, `changeit`).
 * - `literal`: anything else, which may be a real secret.
 */
export type ValueClass = 'inert' | 'placeholder' | 'weak' | 'literal';

const INERT =
  /^(?:|true|false|yes|no|on|off|none|null|nil|undefined|enabled|disabled|-?\d+(?:\.\d+)*[a-z]{0,2}|<[^<>]*>|\{\{.*\}\}|\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}?|\$\(.*\))$/i;
const PATH = /^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)/;
const PLACEHOLDER =
  /^(?:changeme|change[-_]me|replace[-_]?me|todo|tbd|fixme|x{3,}|\*+|\.{3,}|your[-_ ].*|(?:example|sample|dummy|placeholder|fake).*)$/i;
/** A stand-in word as one part of the value: `build-time-dummy`, `insecure.example`, `not_used_unused`. */
const PLACEHOLDER_WORD = /(?:^|[-_.])(?:dummy|placeholder|example|sample|changeme|fake|unused|notsecret)(?:[-_.]|$)/i;
const DEFAULT_PASSWORD = /^(?:password|passwd|pass|secret|token|admin|root|test|guest|default|changeit|letmein|123456|qwerty)$/i;

/** Classifies a written value (quotes already removed). */
export function valueClass(value: string): ValueClass {
  if (INERT.test(value) || PATH.test(value)) return 'inert';
  if (PLACEHOLDER.test(value) || PLACEHOLDER_WORD.test(value)) return 'placeholder';
  if (DEFAULT_PASSWORD.test(value)) return 'weak';
  return 'literal';
}

/** Whether a written value may be a credential someone could use: not inert and not a stand-in. */
export function mayBeSecretValue(value: string): boolean {
  const kind = valueClass(value);
  return kind === 'literal' || kind === 'weak';
}

/** The value without one pair of surrounding quotes. */
export function unquote(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0] ? value.slice(1, -1) : value;
}

/** The secret with all but its first characters masked: enough to recognise it, never enough to use it. */
export function redact(secret: string): string {
  const shown = secret.length > 12 ? 4 : secret.length > 6 ? 2 : 0;
  return `${secret.slice(0, shown)}${'*'.repeat(Math.min(secret.length - shown, 16))}`;
}

/**
 * Words a value is made of when someone needed any value to get a build step through (`build-key`,
 * `insecure_dev_secret`, `not-a-real-token`): each word says "this is not the real one".
 */
const STAND_IN_WORDS = new Set(
  ('build key secret token password pass test testing dev development local dummy fake mock stub insecure default ' +
    'temp tmp ci docker assets precompile static collectstatic not a real used unused only time value values ' +
    'ignore ignored foo bar baz none nothing my app compile builder setup install bootstrap for the of do').split(' '),
);
/** Hex words people write when a value must be hexadecimal and nobody cares which (`CAFEBABE`, `DEADBEEF`). */
const HEX_WORD = /^(?:cafebabe|deadbeef|feedface|baadf00d|deadc0de|c0ffee|facefeed|0+|f+)+$/i;

/**
 * How a written value under a secret's name should be judged:
 * - `none`: no secret at all (inert, or an obvious stand-in such as `changeme` or `your-token-here`);
 * - `stand-in`: a value that only gets a build step through (`secret`, `build-key`, `CAFEBABE`, `admin`): not a
 *   credential worth stealing, yet it still lands in the history or config and may be used by mistake;
 * - `credential`: anything else, which may be a real secret.
 */
export function secretValueKind(value: string): 'none' | 'stand-in' | 'credential' {
  const kind = valueClass(value);
  if (kind === 'inert' || kind === 'placeholder') return 'none';
  if (kind === 'weak' || HEX_WORD.test(value)) return 'stand-in';
  const words = value.toLowerCase().split(/[-_.\s]+/).filter(Boolean);
  return words.length > 0 && words.every((word) => STAND_IN_WORDS.has(word)) ? 'stand-in' : 'credential';
}
