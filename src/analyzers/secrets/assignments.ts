import type { Severity } from '../../core/severity.js';
import { SECRET_DETECTORS } from './detectors.js';
import { redact } from './index.js';

/** Why a `NAME=value` pair (an ARG, an ENV) holds a secret. */
export interface SecretAssignment {
  severity: Severity;
  reason: string;
  redacted: string;
}

const SECRET_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'secret', 'secrets', 'token', 'tokens', 'credential', 'credentials', 'apikey', 'auth', 'passphrase', 'privatekey']);
const SECRET_KEY_PREFIXES = new Set(['api', 'private', 'access', 'secret', 'signing', 'encryption', 'master', 'auth', 'client', 'license', 'session']);
// A last word that says the value is about the secret, not the secret: PASSWORD_MIN_LENGTH, TOKEN_FILE, SECRET_NAME.
const QUALIFIERS = new Set([
  'file', 'files', 'path', 'dir', 'directory', 'url', 'uri', 'endpoint', 'host', 'port', 'min', 'max', 'length', 'len',
  'count', 'size', 'enabled', 'enable', 'disabled', 'disable', 'required', 'policy', 'name', 'user', 'username', 'type',
  'mode', 'version', 'header', 'algorithm', 'algo', 'format', 'timeout', 'ttl', 'expiry', 'expires', 'expiration',
  'prefix', 'suffix', 'id', 'ids', 'location', 'store', 'provider', 'method', 'scheme', 'realm', 'issuer', 'audience',
  'lifetime', 'rounds', 'strength', 'complexity', 'reset', 'hint', 'field', 'param', 'env', 'var', 'helper', 'source',
]);
const DEFAULT_PASSWORDS = /^(?:changeme|change_me|changeit|password|passwd|secret|admin|root|test|default|example|dummy|placeholder|xxx+|\*+)$/i;

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Whether a variable name says it holds a secret: API_KEY, DB_PASSWORD, githubToken — not GPG_KEY, TOKEN_FILE. */
export function isSecretName(name: string): boolean {
  const parts = words(name);
  if (parts.length === 0 || parts.includes('public')) return false;
  if (QUALIFIERS.has(parts[parts.length - 1]!)) return false;
  return parts.some(
    (part, i) => SECRET_WORDS.has(part) || (part === 'key' && i > 0 && SECRET_KEY_PREFIXES.has(parts[i - 1]!)),
  );
}

/** Values that cannot be a secret whatever the name: booleans, numbers, paths, variable references. */
function isInertValue(value: string): boolean {
  return (
    /^(?:true|false|yes|no|on|off|none|null|nil|undefined|enabled|disabled)$/i.test(value) ||
    /^-?\d+(?:\.\d+)?[a-z]{0,2}$/i.test(value) ||
    /^(?:\/|\.\/|~\/|\.\.\/)\S*$/.test(value) ||
    /^\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}?$/.test(value) ||
    /^<[^>]*>$/.test(value)
  );
}

/**
 * Judges a `NAME=value` pair by its value as well as its name: a known token format is a secret under any name
 * (`FOO=AKIA…`); a secret-sounding name is one only with a value that could be a secret (`PASSWORD_MIN_LENGTH=12`,
 * `API_TOKEN_FILE=/run/secrets/t` and `DB_PASSWORD=$DB_PASSWORD` are not); a default password is reported as such.
 */
export function judgeAssignment(name: string, rawValue: string): SecretAssignment | undefined {
  const value = rawValue.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (value === '') return undefined;
  for (const detector of SECRET_DETECTORS) {
    if (detector.pathPattern || !detector.regex) continue;
    if (detector.keywords && !detector.keywords.some((k) => value.includes(k))) continue;
    const match = detector.regex.exec(value);
    const secret = match ? (match[1] ?? match[0]).trim() : undefined;
    if (secret && !detector.isPlaceholder?.(secret)) {
      return { severity: detector.severity, reason: detector.title, redacted: redact(value) };
    }
  }
  if (!isSecretName(name) || isInertValue(value)) return undefined;
  if (DEFAULT_PASSWORDS.test(value)) {
    return { severity: 'warning', reason: 'a default or placeholder credential', redacted: redact(value) };
  }
  if (value.length < 4) return { severity: 'warning', reason: 'a short value under a secret name', redacted: redact(value) };
  return { severity: 'error', reason: 'a value under a secret name', redacted: redact(value) };
}

/** Known token formats anywhere in a text (a RUN command line): the title and masked match of each. */
export function findTokens(text: string): { title: string; severity: Severity; secret: string; redacted: string }[] {
  const found: { title: string; severity: Severity; secret: string; redacted: string }[] = [];
  for (const detector of SECRET_DETECTORS) {
    if (detector.pathPattern || !detector.regex) continue;
    if (detector.keywords && !detector.keywords.some((k) => text.includes(k))) continue;
    const regex = new RegExp(detector.regex.source, `${detector.regex.flags.replace('g', '')}g`);
    for (const match of text.matchAll(regex)) {
      const secret = (match[1] ?? match[0]).trim();
      if (!detector.isPlaceholder?.(secret)) {
        found.push({ title: detector.title, severity: detector.severity, secret, redacted: redact(secret) });
      }
    }
  }
  return found;
}
