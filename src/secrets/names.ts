// Which variable names say that their value is a secret, and the judgement of a `NAME=value` pair by name and
// value together. Names are read as words: `DB_PASSWORD`, `githubToken` and `AWS_SECRET_ACCESS_KEY` hold
// secrets; `PASSWORD_MIN_LENGTH`, `DB_PASSWORD_FILE` and `GPG_KEY` only talk about one.

import type { Severity } from '../core/severity.js';
import { findToken, type TokenFormat } from './tokens.js';
import { unquote, valueClass } from './values.js';

/** Name words that make a variable a secret wherever they appear. */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'pword', 'secret', 'secrets', 'token', 'apikey', 'credential',
  'credentials', 'privatekey', 'accesskey', 'secretkey', 'authtoken', 'auth',
]);
/** Words that are secrets only as the last word (`DB_PASS`, not `PASS_THROUGH`; `DB_PWD`, not `PWD`). */
const SECRET_LAST_WORDS = new Set(['pass', 'pwd']);
/** Words before `key` that make it a secret key. */
const SECRET_KEY_QUALIFIERS = new Set([
  'api', 'private', 'access', 'secret', 'signing', 'encryption', 'master', 'client', 'app', 'license', 'auth', 'session',
]);
/** Words before a trailing `key` that make it a public or non-secret key (GPG fingerprints, cache keys). */
const PUBLIC_KEY_QUALIFIERS = new Set([
  'gpg', 'pgp', 'gnupg', 'pub', 'cache', 'sort', 'primary', 'foreign', 'partition', 'routing', 'lookup',
  'repo', 'apt', 'host', 'hot', 'idempotency',
]);
/** Last words that make the variable about a secret, not the secret: where it is, how long, whether it is on. */
const ABOUT_A_SECRET = new Set([
  'file', 'files', 'path', 'dir', 'directory', 'location', 'store', 'length', 'len', 'min', 'max', 'size', 'count',
  'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'lifetime', 'enabled', 'enable', 'disabled', 'disable',
  'required', 'header', 'name', 'type', 'url', 'uri', 'endpoint', 'host', 'port', 'env', 'var', 'version', 'format',
  'algorithm', 'algo', 'alg', 'prefix', 'suffix', 'id', 'ids', 'user', 'username', 'email', 'mode', 'policy', 'retries',
  'dummy', 'hash', 'salt', 'rounds', 'iterations', 'strength', 'complexity', 'provider', 'method', 'scheme', 'realm',
  'scope', 'scopes', 'audience', 'issuer', 'reset', 'hint', 'field', 'param', 'helper', 'source',
]);

/** Parts of every name `isSecretName` accepts: a name with none of them is settled without splitting it. */
const SECRET_NAME_PART = /pass|pwd|word|secret|token|key|cred|auth/i;

/** Splits `AWS_SECRET_ACCESS_KEY`, `dbPassword`, `api-key` into lower-case words. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * Whether a variable's name says it holds a secret: `DB_PASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`,
 * `AWS_ACCESS_KEY_ID`, `STRIPE_API_KEY`. Not: `GPG_KEY` (a public fingerprint), `PASSWORD_MIN_LENGTH`,
 * `DB_PASSWORD_FILE` (a path to the secret), `TOKEN_URL`, `SECRET_NAME`, `PWD`, and nothing public
 * (`NEXT_PUBLIC_API_KEY` is shipped to every browser by design).
 */
export function isSecretName(name: string): boolean {
  if (!SECRET_NAME_PART.test(name)) return false;
  const words = nameWords(name);
  if (words.length === 0 || words.includes('public')) return false;
  const last = words[words.length - 1]!;
  // `AWS_ACCESS_KEY_ID`: the ID names half of a credential pair; every scanner treats it as sensitive.
  if (last === 'id' && words.length >= 3 && words[words.length - 2] === 'key' && words[words.length - 3] === 'access') return true;
  if (ABOUT_A_SECRET.has(last)) return false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (SECRET_WORDS.has(word)) return true;
    if ((word === 'key' || word === 'keys') && i > 0) {
      const qualifier = words[i - 1]!;
      if (SECRET_KEY_QUALIFIERS.has(qualifier)) return true;
      if (i === words.length - 1 && !PUBLIC_KEY_QUALIFIERS.has(qualifier)) return true;
    }
  }
  return words.length > 1 && SECRET_LAST_WORDS.has(last);
}

/** Why a `NAME=value` pair holds a secret, and how bad it is. */
export interface AssignmentVerdict {
  severity: Severity;
  /** `AWS access key ID`, `a value under a secret name`… */
  reason: string;
  /** The token format the value holds, when it holds one. */
  format?: TokenFormat;
}

/**
 * Judges a `NAME=value` pair by its value as well as its name: a known token format is a secret under any name
 * (`FOO=AKIA…`); a secret-sounding name is one only with a value that could be a secret (`PASSWORD_MIN_LENGTH=12`,
 * `API_TOKEN_FILE=/run/secrets/t` and `DB_PASSWORD=$DB_PASSWORD` are not); a stand-in or a default password under
 * a secret name is a weaker finding of its own.
 */
export function judgeAssignment(name: string, rawValue: string): AssignmentVerdict | undefined {
  const value = unquote(rawValue.trim());
  if (value === '') return undefined;
  const token = findToken(value);
  if (token) return { severity: token.format.severity, reason: token.format.title, format: token.format };
  if (!isSecretName(name)) return undefined;
  const kind = valueClass(value);
  if (kind === 'inert') return undefined;
  if (kind !== 'literal') return { severity: 'warning', reason: 'a default or placeholder credential' };
  if (value.length < 4) return { severity: 'warning', reason: 'a short value under a secret name' };
  return { severity: 'error', reason: 'a value under a secret name' };
}
