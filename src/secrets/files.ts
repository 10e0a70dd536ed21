// Files that hold credentials, by path, with the content that confirms them where the name alone is not enough.
// Three readers: a Dockerfile COPY knows only the path (the name decides); the build context reads the first
// bytes of each candidate; the image scan reads every file it is handed.

import type { Severity } from '../core/severity.js';
import { isStandIn, matchPattern, TOKEN_FORMATS, type PatternMatch, type SecretPattern } from './tokens.js';

/** Which paths a kind covers. Names are compared lower-cased; `except` is tested on the lower-cased base name. */
export interface PathMatcher {
  /** Base names. */
  names?: readonly string[];
  /** Base-name endings (the base name must be longer than the ending). */
  extensions?: readonly string[];
  /** A base-name pattern. */
  pattern?: RegExp;
  /** Path endings of whole components (`.docker/config.json`). */
  paths?: readonly string[];
  /** Directory names: the directory itself, and the files below it. */
  directories?: readonly string[];
  /** Files below `directories` that hold nothing secret (`.ssh/known_hosts`). */
  publicInside?: RegExp;
  /** Base names that match the above but hold nothing secret (examples, certificates, public keys). */
  except?: RegExp;
}

export interface SecretFileKind {
  id: string;
  /** How a report names it, in parentheses or after a path: `environment file`. */
  title: string;
  /** How running text names it: `an environment file with credentials`. */
  description: string;
  severity: Severity;
  /** Paths whose name says the kind on its own: what a Dockerfile COPY is judged by. */
  match: PathMatcher;
  /** Further paths that are this kind only when their content says so (`*.pem` holding a key). */
  candidates?: PathMatcher;
  /** What content must hold when it can be read; without it, the name is enough. */
  content?: SecretPattern;
  /** The image scan leaves this kind to the token formats that find what it holds (keys, service-account JSON). */
  leftToTokens?: boolean;
  /** Whether the kind's name means the same at any depth, so that ignoring it by name is safe (`**\/.npmrc`). */
  anyDepth: boolean;
}

/**
 * A key file's armour at the start of a line: with a name that says key, the armour is evidence enough (the token
 * format, which must find keys in any text, also wants the body).
 */
const KEY_ARMOUR: SecretPattern = { regex: /^(?:-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d: )/m };

/** An npm auth setting written out (`//registry/:_authToken=…`, `_auth=…`, `_password=…`), in an .npmrc or a command. */
export const NPM_AUTH_SETTING: SecretPattern = {
  regex: /(?:^|[\s"':])_(?:authToken|auth|password)\s*=\s*["']?([^\s"'$`]{8,})/m,
  isPlaceholder: isStandIn,
};

/** Environment-file templates: checked in, holding names without values. */
const ENV_TEMPLATE = /example|sample|template|dist|default|schema|tpl|tmpl/;

export const SECRET_FILE_KINDS: readonly SecretFileKind[] = [
  {
    id: 'dotenv',
    title: 'environment file',
    description: 'an environment file with credentials',
    severity: 'warning',
    match: { pattern: /^\.env(?:\..+)?$|^[^.].*\.env$/, except: ENV_TEMPLATE },
    // Only a file that gives a secret's name a value: one of settings (APP_NAME=solidtime) or of empty or null
    // credentials leaks nothing.
    content: {
      // The words of the name are bounded, so a hostile line of `key_key_…` costs no more than a short one.
      regex: /^[ \t]*(?:export[ \t]+)?(?:[A-Za-z0-9.]{1,64}_){0,8}(?:key|secret|token|password|passwd|pass|pwd|credentials?|auth|dsn)(?:_[A-Za-z0-9.]{1,64}){0,8}[ \t]*=[ \t]*["']?([^\s"'#$][^\r\n]*)/im,
      isPlaceholder: (value) => /^(null|none)\b/i.test(value),
    },
    anyDepth: true,
  },
  {
    id: 'ssh-private-key',
    title: 'SSH private key',
    description: 'an SSH private key',
    severity: 'error',
    match: { names: ['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk'] },
    anyDepth: true,
  },
  {
    id: 'ssh-directory',
    title: 'SSH directory',
    description: 'an SSH directory with private keys',
    severity: 'error',
    match: {
      directories: ['.ssh'],
      publicInside: /^(?:known_hosts.*|authorized_keys.*|.*\.pub|config|environment|rc)$/,
    },
    content: KEY_ARMOUR,
    leftToTokens: true,
    anyDepth: false,
  },
  {
    // `.key` and `.pem` also name public material (`jenkins.io.key` GPG keys, `cert.pem`): without content, only
    // names that say private key count; with it, any of them holding a key does.
    id: 'private-key',
    title: 'private key',
    description: 'a private key',
    severity: 'error',
    match: {
      pattern:
        /^(?=[^.]*(?:key|priv)).*\.pem$|(?:^|[-_.])(?:priv|private|privkey|server|tls|ssl|client|secret|master|rsa|dsa|ecdsa|ed25519|key)(?:[-_.][^.]*)?\.key$|\.ppk$/,
      except: /pub|cert|gpg|pgp/,
    },
    candidates: { extensions: ['.pem', '.key', '.ppk'] },
    content: KEY_ARMOUR,
    leftToTokens: true,
    anyDepth: false,
  },
  {
    id: 'keystore',
    title: 'key store',
    description: 'a keystore with private keys',
    severity: 'error',
    match: { extensions: ['.p12', '.pfx', '.jks', '.keystore', '.p8'], except: /trust|cacerts/ },
    anyDepth: false,
  },
  {
    id: 'npmrc',
    title: '.npmrc with a registry token',
    description: 'an npm configuration that can hold registry tokens',
    severity: 'error',
    match: { names: ['.npmrc'] },
    content: NPM_AUTH_SETTING,
    anyDepth: true,
  },
  {
    id: 'pypirc',
    title: '.pypirc with a password',
    description: 'a PyPI configuration that can hold upload passwords',
    severity: 'error',
    match: { names: ['.pypirc'] },
    content: { regex: /^\s*password\s*[:=]\s*(\S{6,})/m, isPlaceholder: isStandIn },
    anyDepth: true,
  },
  {
    id: 'netrc',
    title: '.netrc with a password',
    description: 'a .netrc, where tools keep passwords',
    severity: 'error',
    match: { names: ['.netrc', '_netrc'] },
    content: { regex: /\bpassword\s+(\S+)/, isPlaceholder: isStandIn },
    anyDepth: true,
  },
  {
    id: 'git-credentials',
    title: 'stored git credentials',
    description: 'stored git credentials',
    severity: 'error',
    match: { names: ['.git-credentials'] },
    anyDepth: true,
  },
  {
    id: 'database-credentials',
    title: 'database or web server passwords',
    description: 'a database or web server password file',
    severity: 'error',
    match: { names: ['.pgpass', '.my.cnf', '.htpasswd'] },
    anyDepth: true,
  },
  {
    id: 'docker-config',
    title: 'Docker registry credentials',
    description: 'Docker registry credentials',
    severity: 'error',
    match: { names: ['.dockercfg'], paths: ['.docker/config.json'] },
    content: { regex: /"(?:auth|identitytoken)"\s*:\s*"([A-Za-z0-9+/=._-]{8,})"/ },
    anyDepth: false,
  },
  {
    id: 'kubeconfig',
    title: 'kubeconfig with credentials',
    description: 'a kubeconfig with cluster credentials',
    severity: 'error',
    match: { names: ['kubeconfig'], extensions: ['.kubeconfig'], paths: ['.kube/config'] },
    content: { regex: /(?:client-key-data|token|password|client-secret):[ \t]*["']?([^\s"']+)/, isPlaceholder: isStandIn },
    anyDepth: false,
  },
  {
    id: 'gcp-service-account',
    title: 'cloud service-account key',
    description: 'a cloud service-account key',
    severity: 'error',
    match: { pattern: /service[-_]?account.*\.json$/ },
    candidates: { extensions: ['.json'] },
    content: TOKEN_FORMATS.find((format) => format.id === 'gcp-service-account-key')!,
    leftToTokens: true,
    anyDepth: false,
  },
  {
    id: 'cloud-credentials',
    title: 'cloud or cluster credentials',
    description: 'cloud or cluster credentials',
    severity: 'error',
    match: {
      names: ['credentials', 'credentials.json', 'application_default_credentials.json'],
      pattern: /^client_secret.*\.json$/,
      directories: ['.aws', '.azure', '.gcloud', '.kube', '.gnupg'],
      // kubectl's discovery caches: API descriptions, nothing secret.
      publicInside: /^(?:cache|http-cache)$/,
    },
    anyDepth: false,
  },
  {
    id: 'application-secrets',
    title: 'application secrets file',
    description: 'an application secrets file',
    severity: 'error',
    match: {
      names: ['secrets.yml', 'secrets.yaml', 'secrets.json', 'terraform.tfstate', 'terraform.tfstate.backup'],
      extensions: ['.kdbx'],
    },
    anyDepth: false,
  },
];

/** A path split once for every matcher: lower-cased components without empty or `.` ones. */
interface PathParts {
  segments: string[];
  base: string;
  joined: string;
}

function pathParts(path: string): PathParts | undefined {
  const segments = path.toLowerCase().split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  const base = segments[segments.length - 1];
  return base === undefined ? undefined : { segments, base, joined: segments.join('/') };
}

function matches(matcher: PathMatcher, { segments, base, joined }: PathParts): boolean {
  const byName =
    matcher.names?.includes(base) ||
    matcher.extensions?.some((extension) => base.endsWith(extension) && base.length > extension.length) ||
    matcher.pattern?.test(base) ||
    matcher.paths?.some((ending) => joined === ending || joined.endsWith(`/${ending}`));
  if (byName && !matcher.except?.test(base)) return true;
  if (!matcher.directories) return false;
  for (let i = segments.length - 1; i >= 0; i--) {
    if (!matcher.directories.includes(segments[i]!)) continue;
    // The directory itself (`COPY .ssh /root/.ssh`), or a file below it that is not known to be public.
    return i === segments.length - 1 || !matcher.publicInside?.test(segments[i + 1]!);
  }
  return false;
}

/** The kind a path's name alone says, e.g. `config/.env` → dotenv (globs are read literally). */
export function secretFileByName(path: string): SecretFileKind | undefined {
  const parts = pathParts(path);
  return parts && SECRET_FILE_KINDS.find((kind) => matches(kind.match, parts));
}

/**
 * The kind a path may be when its content can be read (among `kinds`): named, or else a candidate its content
 * must confirm.
 */
export function secretFileCandidate(path: string, kinds: readonly SecretFileKind[] = SECRET_FILE_KINDS): SecretFileKind | undefined {
  const parts = pathParts(path);
  if (!parts) return undefined;
  return kinds.find((kind) => matches(kind.match, parts)) ?? kinds.find((kind) => kind.candidates && matches(kind.candidates, parts));
}

/** The first secret a kind's content check finds in a text (undefined for a kind without a check). */
export function secretInContent(kind: SecretFileKind, text: string): PatternMatch | undefined {
  return kind.content && matchPattern(kind.content, text, 1)[0];
}
