import type { Severity } from '../../core/severity.js';

/**
 * A kind of secret, as data (Trivy's builtin-rules shape): a content detector has `keywords` (a cheap, case-sensitive
 * prefilter: the regex runs only on files holding one of them) and a `regex` whose first group (or whole match) is
 * the secret; a file detector matches the path (`pathPattern`) and, when it has a regex too, only files whose
 * content matches it.
 */
export interface SecretDetector {
  id: string;
  title: string;
  severity: Severity;
  keywords?: readonly string[];
  regex?: RegExp;
  pathPattern?: RegExp;
  /** A match this returns true for is a well-known example or placeholder, not a secret. */
  isPlaceholder?: (secret: string) => boolean;
}

const placeholderValue = (value: string): boolean =>
  /^(?:\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[^>]*>|x+|\*+|\.+|changeme|change_me|your[-_].*|example.*|dummy.*|placeholder.*|secret|password|token|null|none|undefined)$/i.test(
    value.replace(/^["']|["']$/g, ''),
  );

export const SECRET_DETECTORS: readonly SecretDetector[] = [
  {
    id: 'private-key',
    title: 'Private key',
    severity: 'error',
    keywords: ['PRIVATE KEY'],
    // A body up to the END line is required: libraries and docs name the armour line without holding a key.
    // (An Ed25519 PKCS#8 key is a single line of 64 characters.)
    regex: /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----\r?\n(?:[A-Za-z-]+: [^\n]*\r?\n)*\s*([A-Za-z0-9+/=][A-Za-z0-9+/=\r\n]{39,}?)\s*-----END[ A-Z0-9]{0,30}PRIVATE KEY/,
  },
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'error',
    // Access keys (long-term, temporary, bearer, context); AIDA/AROA/AGPA… are user, role and group IDs, not credentials.
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    regex: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    // AWS's documentation keys end in EXAMPLE.
    isPlaceholder: (secret) => secret.endsWith('EXAMPLE'),
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    severity: 'error',
    keywords: ['aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'aws_secret_key', 'SecretAccessKey'],
    regex: /(?:aws_?secret_?(?:access_?)?key|SecretAccessKey)["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
    isPlaceholder: (secret) => secret.includes('EXAMPLEKEY'),
  },
  {
    id: 'gcp-service-account-key',
    title: 'GCP service account key',
    severity: 'error',
    keywords: ['service_account'],
    regex: /"type"\s*:\s*"service_account"[\s\S]{0,2000}?"private_key"\s*:\s*"(-----BEGIN[^"]{64,})"/,
  },
  {
    id: 'gcp-api-key',
    title: 'Google API key',
    severity: 'error',
    keywords: ['AIza'],
    regex: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/,
  },
  {
    id: 'github-token',
    title: 'GitHub token',
    severity: 'error',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    regex: /\b((?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36}|github_pat_[0-9A-Za-z_]{82})\b/,
  },
  {
    id: 'gitlab-token',
    title: 'GitLab personal access token',
    severity: 'error',
    keywords: ['glpat-'],
    regex: /\b(glpat-[0-9A-Za-z_-]{20})(?![0-9A-Za-z_-])/,
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    severity: 'error',
    keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-'],
    regex: /\b(xox[bpars]-[0-9]{8,}-[0-9A-Za-z-]{8,})/,
  },
  {
    id: 'slack-webhook',
    title: 'Slack webhook URL',
    severity: 'error',
    keywords: ['hooks.slack.com'],
    regex: /(https:\/\/hooks\.slack\.com\/services\/T[0-9A-Z]{8,}\/B[0-9A-Z]{8,}\/[0-9A-Za-z]{24})/,
  },
  {
    id: 'stripe-key',
    title: 'Stripe live secret key',
    severity: 'error',
    keywords: ['sk_live_', 'rk_live_'],
    regex: /\b((?:sk|rk)_live_[0-9A-Za-z]{24,99})\b/,
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    severity: 'error',
    keywords: ['npm_'],
    regex: /\b(npm_[0-9A-Za-z]{36})\b/,
  },
  {
    id: 'npmrc-auth-token',
    title: 'Registry token in .npmrc',
    severity: 'error',
    keywords: ['_authToken', '_auth', '_password'],
    pathPattern: /(?:^|\/)\.npmrc$/,
    regex: /(?:_authToken|_auth|_password)\s*=\s*([^\s$"'][^\s"']{7,})/,
    isPlaceholder: placeholderValue,
  },
  {
    id: 'pypi-token',
    title: 'PyPI upload token',
    severity: 'error',
    keywords: ['pypi-AgEIcHlwaS5vcmc'],
    regex: /\b(pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,})/,
  },
  {
    id: 'pypirc-password',
    title: 'Password in .pypirc',
    severity: 'error',
    keywords: ['password'],
    pathPattern: /(?:^|\/)\.pypirc$/,
    regex: /^\s*password\s*[:=]\s*(\S{6,})/m,
    isPlaceholder: placeholderValue,
  },
  {
    id: 'docker-config-auth',
    title: 'Registry credentials in a Docker config.json',
    severity: 'error',
    keywords: ['"auth"', '"identitytoken"'],
    pathPattern: /(?:^|\/)\.docker\/config\.json$/,
    regex: /"(?:auth|identitytoken)"\s*:\s*"([A-Za-z0-9+/=._-]{8,})"/,
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    severity: 'warning',
    keywords: ['eyJ'],
    regex: /\b(eyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,})/,
  },
  {
    id: 'url-credentials',
    title: 'Password in a URL',
    severity: 'warning',
    keywords: ['://'],
    // Starts with the literal `://` so the regex engine can skip to it.
    regex: /:\/\/[A-Za-z0-9._~%-]{1,64}:([^\s@/:'"`<>]{6,128})@[A-Za-z0-9.-]+/,
    isPlaceholder: placeholderValue,
  },
  {
    id: 'dotenv-file',
    title: 'Environment file (.env)',
    severity: 'warning',
    pathPattern: /(?:^|\/)\.env(?:\.(?!example$|sample$|template$|dist$|defaults$)[A-Za-z0-9_-]+)?$/,
    // Only a file that assigns something: an empty .env leaks nothing.
    regex: /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*["']?([^\s"'#][^\n]*)/m,
  },
];
