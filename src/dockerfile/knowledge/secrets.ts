// What a secret looks like: token formats that are secrets under any name, variable names that say their
// value is a secret (and the ones that only talk about a secret: its file, length, or public fingerprint),
// values that cannot be one, and files that hold credentials. Data tables, compiled once, shared by the
// Dockerfile rules and the image analyzers.

export interface SecretValueDetector {
  id: string;
  description: string;
  pattern: RegExp;
}

/** Token formats that are secrets whatever the variable or file they sit in. */
export const SECRET_VALUE_DETECTORS: readonly SecretValueDetector[] = [
  { id: 'private-key', description: 'a private key', pattern: /-----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----/ },
  { id: 'aws-access-key-id', description: 'an AWS access key ID', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { id: 'github-token', description: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\b/ },
  { id: 'gitlab-token', description: 'a GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { id: 'slack-token', description: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  {
    id: 'slack-webhook',
    description: 'a Slack webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9_]+\/B[A-Za-z0-9_]+\/[A-Za-z0-9_]+/,
  },
  { id: 'stripe-key', description: 'a Stripe live key', pattern: /\b[sr]k_live_[A-Za-z0-9]{16,}\b/ },
  { id: 'google-api-key', description: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { id: 'npm-token', description: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { id: 'pypi-token', description: 'a PyPI token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/ },
  { id: 'docker-hub-token', description: 'a Docker Hub access token', pattern: /\bdckr_pat_[A-Za-z0-9_-]{20,}/ },
  { id: 'huggingface-token', description: 'a Hugging Face token', pattern: /\bhf_[A-Za-z0-9]{34,}\b/ },
  { id: 'anthropic-key', description: 'an Anthropic API key', pattern: /\bsk-ant-[A-Za-z0-9_-]{32,}/ },
  { id: 'openai-key', description: 'an OpenAI API key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/ },
  { id: 'sendgrid-key', description: 'a SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  { id: 'jwt', description: 'a JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  {
    id: 'url-credentials',
    description: 'a password in a URL',
    // `scheme://user:password@host`, where the password is written out (not a `$VARIABLE`).
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@$]+:(?!\$)[^/\s:@]+@[^/\s]/i,
  },
];

/** The first token format found in a text. */
export function findSecretValue(text: string): SecretValueDetector | undefined {
  for (const detector of SECRET_VALUE_DETECTORS) if (detector.pattern.test(text)) return detector;
  return undefined;
}

/** Name tokens that make a variable a secret wherever they appear. */
const SECRET_TOKENS = new Set([
  'password', 'passwd', 'passphrase', 'pword', 'secret', 'secrets', 'token', 'apikey', 'credential',
  'credentials', 'privatekey', 'accesskey', 'secretkey', 'authtoken', 'auth',
]);
/** Tokens that are secrets only as the last word (`DB_PASS`, not `PASS_THROUGH`; `DB_PWD`, not `PWD`). */
const SECRET_LAST_TOKENS = new Set(['pass', 'pwd']);
/** Words before `key` that make it a secret key. */
const SECRET_KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'secret', 'signing', 'encryption', 'master', 'client', 'app', 'license']);
/** Words before a trailing `key` that make it a public or non-secret key (GPG fingerprints, cache keys). */
const PUBLIC_KEY_QUALIFIERS = new Set([
  'gpg', 'pgp', 'gnupg', 'public', 'pub', 'cache', 'sort', 'primary', 'foreign', 'partition', 'routing', 'lookup',
  'repo', 'apt', 'host', 'hot', 'idempotency',
]);
/** Last words that make the variable about a secret, not the secret: where it is, how long, whether it is on. */
const ABOUT_A_SECRET = new Set([
  'file', 'files', 'path', 'dir', 'directory', 'location', 'length', 'len', 'min', 'max', 'size', 'expiry', 'expires',
  'expiration', 'ttl', 'timeout', 'lifetime', 'enabled', 'enable', 'disabled', 'disable', 'required', 'header',
  'name', 'type', 'url', 'uri', 'endpoint', 'host', 'port', 'env', 'var', 'version', 'format', 'algorithm', 'alg',
  'prefix', 'id', 'user', 'username', 'email', 'mode', 'policy', 'count', 'retries', 'dummy', 'hash', 'salt',
  'rounds', 'iterations', 'strength', 'complexity', 'provider', 'method', 'scope', 'scopes', 'audience', 'issuer',
]);

/** Splits `AWS_SECRET_ACCESS_KEY`, `dbPassword`, `api-key` into lower-case words. */
function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_.-]+/)
    .filter((token) => token !== '');
}

/**
 * Whether a variable's name says it holds a secret: `DB_PASSWORD`, `GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`,
 * `AWS_ACCESS_KEY_ID`, `STRIPE_API_KEY`. Not: `GPG_KEY` (a public fingerprint), `PASSWORD_MIN_LENGTH`,
 * `DB_PASSWORD_FILE` (a path to the secret), `TOKEN_URL`, `SECRET_NAME`, `PWD`.
 */
export function isSecretName(name: string): boolean {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return false;
  const last = tokens[tokens.length - 1]!;
  // `AWS_ACCESS_KEY_ID`: the ID names half of a credential pair; every scanner treats it as sensitive.
  if (last === 'id' && tokens.length >= 3 && tokens[tokens.length - 2] === 'key' && tokens[tokens.length - 3] === 'access') return true;
  if (ABOUT_A_SECRET.has(last)) return false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (SECRET_TOKENS.has(token)) return true;
    if ((token === 'key' || token === 'keys') && i > 0) {
      const qualifier = tokens[i - 1]!;
      if (SECRET_KEY_QUALIFIERS.has(qualifier)) return true;
      if (i === tokens.length - 1 && !PUBLIC_KEY_QUALIFIERS.has(qualifier)) return true;
    }
  }
  return tokens.length > 1 && SECRET_LAST_TOKENS.has(last);
}

const HARMLESS_VALUE =
  /^(?:|\d+(?:\.\d+)*|true|false|yes|no|on|off|none|null|nil|disabled|enabled|dummy|placeholder|changeme|change[-_]me|replace[-_]?me|todo|x{3,}|\*+|<[^>]*>|your[-_].*)$/i;

/**
 * Whether a written value (quotes removed) cannot be a leaked secret: empty, a number or flag, a
 * placeholder, or a path (`/run/secrets/db`, the file a secret is mounted at).
 */
export function isHarmlessValue(value: string): boolean {
  return HARMLESS_VALUE.test(value) || /^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)/.test(value);
}

export interface SecretFileDetector {
  id: string;
  description: string;
  /** Lower-case base names. */
  names?: readonly string[];
  /** Lower-case base-name endings. */
  extensions?: readonly string[];
  /** Lower-case directory names that hold credentials, anywhere in the path. */
  directories?: readonly string[];
  /** Lower-case path endings, whole components (`.docker/config.json`). */
  paths?: readonly string[];
  /** A base-name pattern (lower-case). */
  pattern?: RegExp;
  /** Base names that match the above but hold nothing secret (examples, certificates, public keys). */
  except?: RegExp;
}

export const SECRET_FILE_DETECTORS: readonly SecretFileDetector[] = [
  {
    id: 'dotenv',
    description: 'an environment file with credentials',
    pattern: /^\.env(?:\..+)?$|^[^.].*\.env$/,
    except: /example|sample|template|dist|default|schema|tpl|tmpl/,
  },
  {
    id: 'ssh-private-key',
    description: 'an SSH private key',
    names: ['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk'],
    directories: ['.ssh'],
  },
  {
    // `.key` and `.pem` also name public material (`jenkins.io.key` GPG keys, `cert.pem`): only names that say
    // private key count. Content is the build context module's to read.
    id: 'private-key-file',
    description: 'a private key',
    pattern:
      /^(?=[^.]*(?:key|priv)).*\.pem$|(?:^|[-_.])(?:priv|private|privkey|server|tls|ssl|client|secret|master|rsa|dsa|ecdsa|ed25519|key)(?:[-_.][^.]*)?\.key$/,
    except: /pub|cert|gpg|pgp/,
  },
  {
    id: 'keystore',
    description: 'a keystore with private keys',
    extensions: ['.p12', '.pfx', '.jks', '.keystore', '.ppk', '.p8'],
    except: /trust|cacerts/,
  },
  {
    id: 'package-registry-credentials',
    description: 'a package registry or network credentials file',
    names: ['.npmrc', '.pypirc', '.netrc', '_netrc', '.git-credentials', '.pgpass', '.my.cnf', '.dockercfg', '.htpasswd'],
  },
  {
    id: 'cloud-credentials',
    description: 'cloud or cluster credentials',
    names: ['credentials', 'credentials.json', 'application_default_credentials.json', 'kubeconfig'],
    directories: ['.aws', '.azure', '.gcloud', '.kube', '.gnupg'],
    paths: ['.docker/config.json'],
    pattern: /^client_secret.*\.json$|service[-_]?account.*\.json$/,
  },
  {
    id: 'application-secrets',
    description: 'an application secrets file',
    names: ['secrets.yml', 'secrets.yaml', 'secrets.json', 'terraform.tfstate', 'terraform.tfstate.backup'],
    extensions: ['.kdbx'],
  },
];

/** The detector a path's base name or directories match, e.g. `config/.env` → dotenv. Globs are read literally. */
export function matchSecretFile(path: string): SecretFileDetector | undefined {
  const segments = path.toLowerCase().split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  const base = segments[segments.length - 1];
  if (base === undefined) return undefined;
  const joined = segments.join('/');
  for (const detector of SECRET_FILE_DETECTORS) {
    const byName =
      detector.names?.includes(base) ||
      detector.extensions?.some((extension) => base.endsWith(extension) && base.length > extension.length) ||
      detector.pattern?.test(base);
    if (byName && !detector.except?.test(base)) return detector;
    if (detector.directories && segments.some((segment) => detector.directories!.includes(segment))) return detector;
    if (detector.paths?.some((ending) => joined === ending || joined.endsWith(`/${ending}`))) return detector;
  }
  return undefined;
}
