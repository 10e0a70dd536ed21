// Token formats that are secrets whatever file, variable or command they sit in, each written once: the
// Dockerfile rules read ARG/ENV values and RUN commands with them, the image scan reads file contents and the
// image history. Trivy's design: every format has keywords, a cheap prefilter (case-sensitive text its
// expression cannot match without), and all keywords are found in one pass (see keyword-scan.ts), so a text
// without any is settled by that pass alone and only the formats whose keywords it holds run their expressions.

import type { Severity } from '../core/severity.js';
import { KeywordScanner } from './keyword-scan.js';
import { valueClass } from './values.js';

/** A regular expression for a secret: its first group (or the whole match) is the secret. */
export interface SecretPattern {
  regex: RegExp;
  /** A match this returns true for is a well-known example or a stand-in, not a secret. */
  isPlaceholder?: (secret: string) => boolean;
}

export interface TokenFormat extends SecretPattern {
  id: string;
  /** How a report names it, standing alone: `GitHub token`. */
  title: string;
  /** How running text names it: `a GitHub token`. */
  description: string;
  severity: Severity;
  keywords: readonly string[];
  /** A text the format finds, and a near miss it must not (assembled from parts: no scanner mistakes them for leaks). */
  example: { secret: string; notSecret: string };
}

const joined = (...parts: string[]): string => parts.join('');

/** A URL password, npm or PyPI setting that is a reference, a stand-in or a default (`${TOKEN}`, `password`). */
export const isStandIn = (secret: string): boolean => valueClass(secret.replace(/^["']|["']$/g, '')) !== 'literal';

// Specific formats come before generic ones (URLs, JWTs): where two find the same text, the first names it.
export const TOKEN_FORMATS: readonly TokenFormat[] = [
  {
    id: 'gcp-service-account-key',
    title: 'GCP service account key',
    description: 'a Google Cloud service account key',
    severity: 'error',
    keywords: ['service_account'],
    regex: /"type"\s*:\s*"service_account"[\s\S]{0,2000}?"private_key"\s*:\s*"(-----BEGIN[^"]{64,})"/,
    example: {
      secret: joined('{"type": "service_account", "private_key": "-----BEGIN ', 'PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ\\n"}'),
      notSecret: '{"type": "service_account", "client_email": "ci@project.iam.gserviceaccount.com"}',
    },
  },
  {
    id: 'private-key',
    title: 'Private key',
    description: 'a private key',
    severity: 'error',
    keywords: ['PRIVATE KEY'],
    // A body up to the END line is required: libraries and docs name the armour line without holding a key
    // (`#define PEM_STRING "-----BEGIN RSA PRIVATE KEY-----"`). Lines may be real or escaped (`\n` in JSON, ENV);
    // an Ed25519 PKCS#8 body is a single line of 64 characters.
    regex:
      /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?:\r?\n|(?:\\r)?\\n)(?:[A-Za-z-]+: [^\n\\]*(?:\r?\n|(?:\\r)?\\n))*\s*([A-Za-z0-9+/=][A-Za-z0-9+/=\r\n\\]{39,}?)\s*-----END[ A-Z0-9]{0,30}PRIVATE KEY/,
    example: {
      secret: joined('-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIG', 'x3RT9aVqLzQ5b7mN2kP8wYcH4dJ6fS1uE0vB3nKj\n-----END PRIVATE KEY-----'),
      notSecret: '#define PEM_STRING_RSA "-----BEGIN RSA PRIVATE KEY-----"',
    },
  },
  {
    id: 'putty-private-key',
    title: 'PuTTY private key',
    description: 'a PuTTY private key',
    severity: 'error',
    keywords: ['PuTTY-User-Key-File-'],
    regex: /PuTTY-User-Key-File-\d: [^\r\n]+\r?\n[\s\S]{0,4000}?Private-Lines: \d+\r?\n([A-Za-z0-9+/=]{40,})/,
    example: {
      secret: joined('PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\n', 'AAAAIHx3RT9aVqLzQ5b7mN2kP8wYcH4dJ6fS1uE0vB3nKjQ2\n'),
      notSecret: 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\n',
    },
  },
  {
    id: 'aws-access-key-id',
    title: 'AWS access key ID',
    description: 'an AWS access key ID',
    severity: 'error',
    // Access keys (long-term, temporary, bearer, context); AIDA/AROA/AGPA… are user, role and group IDs, not credentials.
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    regex: /\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    // AWS's documentation keys end in EXAMPLE.
    isPlaceholder: (secret) => secret.endsWith('EXAMPLE'),
    example: { secret: joined('key = AKIA', 'Z7QXRT2LMN4BVC6D'), notSecret: joined('AKIA', 'IOSFODNN7EXAMPLE') },
  },
  {
    id: 'aws-secret-access-key',
    title: 'AWS secret access key',
    description: 'an AWS secret access key',
    severity: 'error',
    keywords: ['aws_secret', 'AWS_SECRET', 'SecretAccessKey'],
    regex: /(?:aws_?secret_?(?:access_?)?key|SecretAccessKey)["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/i,
    isPlaceholder: (secret) => secret.includes('EXAMPLEKEY'),
    example: {
      secret: joined('aws_secret_access_key = ', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9sd8fKq2'),
      notSecret: joined('aws_secret_access_key = ', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'),
    },
  },
  {
    id: 'google-api-key',
    title: 'Google API key',
    description: 'a Google API key',
    severity: 'error',
    keywords: ['AIza'],
    regex: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/,
    example: { secret: joined('const key = "AIza', 'SyD1x2y3z4A5B6C7D8E9F0g1h2i3j4k5l6m"'), notSecret: 'AIzaSyD1x2y3z4A5B6C7D8' },
  },
  {
    id: 'github-token',
    title: 'GitHub token',
    description: 'a GitHub token',
    severity: 'error',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    // Classic tokens are 36 characters after the prefix today; GitHub reserves the right to make them longer.
    regex: /\b((?:ghp|gho|ghu|ghs|ghr)_[0-9A-Za-z]{36,255}|github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59})\b/,
    example: {
      secret: joined('https://x:ghp_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8@github.com'),
      notSecret: 'ghp_a1B2c3D4e5F6g7H8i9J0',
    },
  },
  {
    id: 'gitlab-token',
    title: 'GitLab personal access token',
    description: 'a GitLab token',
    severity: 'error',
    keywords: ['glpat-'],
    regex: /\b(glpat-[0-9A-Za-z_-]{20,})/,
    example: { secret: joined('TOKEN=glpat-', 'Ab3dEf6hIj9kLm2nOp5q'), notSecret: 'glpat-Ab3dEf' },
  },
  {
    id: 'slack-token',
    title: 'Slack token',
    description: 'a Slack token',
    severity: 'error',
    keywords: ['xox'],
    regex: /\b(xox[abposr]-[0-9]{8,}-[0-9A-Za-z-]{8,})/,
    example: { secret: joined('token = "xoxb-', '1234567890-0987654321-AbCdEfGhIjKlMnOp"'), notSecret: 'xoxb-your-token-here' },
  },
  {
    id: 'slack-webhook',
    title: 'Slack webhook URL',
    description: 'a Slack webhook URL',
    severity: 'error',
    keywords: ['hooks.slack.com'],
    regex: /(https:\/\/hooks\.slack\.com\/services\/T[0-9A-Z]{8,}\/B[0-9A-Z]{8,}\/[0-9A-Za-z]{24})/,
    // Slack's documentation URL: T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX.
    isPlaceholder: (secret) => /\/X{24}$/.test(secret),
    example: {
      secret: joined('curl https://hooks.slack.com/services/', 'T01ABCDEF/B02GHIJKL/abcdefghijklmnopqrstuvwx'),
      notSecret: joined('https://hooks.slack.com/services/', 'T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'),
    },
  },
  {
    id: 'stripe-key',
    title: 'Stripe live secret key',
    description: 'a Stripe live key',
    severity: 'error',
    keywords: ['k_live_'],
    regex: /\b((?:sk|rk)_live_[0-9A-Za-z]{24,99})\b/,
    example: { secret: joined('stripe("sk_live_', '4eC39HqLyjWDarjtT1zdp7dc")'), notSecret: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc' },
  },
  {
    id: 'npm-token',
    title: 'npm access token',
    description: 'an npm token',
    severity: 'error',
    keywords: ['npm_'],
    regex: /\b(npm_[0-9A-Za-z]{36})\b/,
    example: { secret: joined('NPM_TOKEN=npm_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'), notSecret: 'npm_config_cache=/tmp/npm_cache_directory_for_builds' },
  },
  {
    id: 'pypi-token',
    title: 'PyPI upload token',
    description: 'a PyPI token',
    severity: 'error',
    keywords: ['pypi-AgEIcHlwaS5vcmc'],
    regex: /\b(pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,})/,
    example: {
      secret: joined('TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc', 'CJDk0ZjU2ZTg1LTg0NzctNDk1Yi1hMjk3LWQwMmQ2NDY2NmU1OAACKlsz'),
      notSecret: 'TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc',
    },
  },
  {
    id: 'docker-hub-token',
    title: 'Docker Hub access token',
    description: 'a Docker Hub access token',
    severity: 'error',
    keywords: ['dckr_pat_'],
    regex: /\b(dckr_pat_[0-9A-Za-z_-]{27,})/,
    example: { secret: joined('docker login -p dckr_pat_', '2Xq8vB7nK3mL9pR4tY6wZ1aC5dE'), notSecret: 'dckr_pat_xxxx' },
  },
  {
    id: 'huggingface-token',
    title: 'Hugging Face token',
    description: 'a Hugging Face token',
    severity: 'error',
    keywords: ['hf_'],
    regex: /\b(hf_[0-9A-Za-z]{34,})\b/,
    example: { secret: joined('HF_TOKEN=hf_', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ01234567'), notSecret: 'hf_hub_download(repo_id="org/model")' },
  },
  {
    id: 'anthropic-key',
    title: 'Anthropic API key',
    description: 'an Anthropic API key',
    severity: 'error',
    keywords: ['sk-ant-'],
    regex: /\b(sk-ant-[0-9A-Za-z_-]{32,})/,
    example: { secret: joined('sk-ant-api03-', 'q8Vb3Xn7Lm2Kp9Rt4Wy6Za1Cd5Ef0Gh8Jk3Mn'), notSecret: 'sk-ant-api03-...' },
  },
  {
    id: 'openai-key',
    title: 'OpenAI API key',
    description: 'an OpenAI API key',
    severity: 'error',
    keywords: ['T3BlbkFJ'],
    regex: /\b(sk-(?:proj-|svcacct-|admin-)?[0-9A-Za-z_-]{20,}T3BlbkFJ[0-9A-Za-z_-]{20,})/,
    example: {
      secret: joined('sk-proj-', 'q8Vb3Xn7Lm2Kp9Rt4Wy6Za1C', 'T3BlbkFJ', 'd5Ef0Gh8Jk3Mn6Pq9Rs2Tu4V'),
      notSecret: 'sk-proj-...T3BlbkFJ...',
    },
  },
  {
    id: 'sendgrid-key',
    title: 'SendGrid API key',
    description: 'a SendGrid API key',
    severity: 'error',
    keywords: ['SG.'],
    regex: /\b(SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})\b/,
    example: {
      secret: joined('SG.', 'q8Vb3Xn7Lm2Kp9Rt4Wy6Za', '.', 'C1d5Ef0Gh8Jk3Mn6Pq9Rs2Tu4Vw7Xy0Zb3Cd6Ef9Gh2'),
      notSecret: 'log.info(MSG.format(value))',
    },
  },
  {
    id: 'jwt',
    title: 'JSON Web Token',
    description: 'a JSON Web Token',
    severity: 'warning',
    keywords: ['eyJ'],
    regex: /\b(eyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,})/,
    example: {
      secret: joined('eyJhbGciOiJIUzI1NiJ9', '.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'),
      notSecret: 'eyJhbGciOiJIUzI1NiJ9',
    },
  },
  {
    id: 'url-credentials',
    title: 'Password in a URL',
    description: 'a password in a URL',
    severity: 'warning',
    keywords: ['://'],
    // Starts with the literal `://` so the regex engine can skip to it.
    regex: /:\/\/[A-Za-z0-9._~%-]{1,64}:([^\s@/:'"`<>]{6,128})@[A-Za-z0-9.-]+/,
    isPlaceholder: isStandIn,
    example: { secret: 'url = postgres://app:Sup3rS3cret@db.internal:5432/app', notSecret: 'postgres://app:${DB_PASSWORD}@db/app' },
  },
];

/** Global copies, made once: a scan walks every match with `lastIndex`, never compiling per text. */
const GLOBAL = new Map<SecretPattern, RegExp>();
function globalRegex(pattern: SecretPattern): RegExp {
  let regex = GLOBAL.get(pattern);
  if (!regex) GLOBAL.set(pattern, (regex = new RegExp(pattern.regex.source, `${pattern.regex.flags.replace('g', '')}g`)));
  return regex;
}

const BY_KEYWORD = new Map<string, TokenFormat[]>();
for (const format of TOKEN_FORMATS) {
  for (const keyword of format.keywords) BY_KEYWORD.set(keyword, [...(BY_KEYWORD.get(keyword) ?? []), format]);
}
const KEYWORD_FORMATS = [...BY_KEYWORD.values()];
const KEYWORDS = new KeywordScanner([...BY_KEYWORD.keys()]);

/**
 * The formats whose keywords the bytes hold, in table order: one pass over them. Text is scanned as its latin1
 * bytes; keywords are ASCII, so a character past U+00FF can only add a candidate, never hide one.
 */
export function tokenFormatsIn(content: Uint8Array | string): TokenFormat[] {
  const found = KEYWORDS.scan(typeof content === 'string' ? Buffer.from(content, 'latin1') : content);
  if (found.size === 0) return [];
  const formats = new Set<TokenFormat>();
  for (const keyword of found) for (const format of KEYWORD_FORMATS[keyword]!) formats.add(format);
  return formats.size === 1 ? [...formats] : TOKEN_FORMATS.filter((format) => formats.has(format));
}

/** Whether a text holds any token format's keyword: when it does not, no format can match it. */
export function mayHoldToken(text: string): boolean {
  return tokenFormatsIn(text).length > 0;
}

/** One secret in a text, and where the text that shows it starts and ends (`://user:secret@host`, a key's armour). */
export interface PatternMatch {
  secret: string;
  start: number;
  end: number;
}

/** Every match of a pattern that is not a placeholder, up to `limit`. */
export function matchPattern(pattern: SecretPattern, text: string, limit = Infinity): PatternMatch[] {
  const regex = globalRegex(pattern);
  const found: PatternMatch[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match && found.length < limit; match = regex.exec(text)) {
    const secret = (match[1] ?? match[0]).trim();
    if (!pattern.isPlaceholder?.(secret)) found.push({ secret, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

export interface TokenMatch extends PatternMatch {
  format: TokenFormat;
}

/**
 * Every token in a text, at most `perFormat` of each format; where two formats find overlapping text (a key in a
 * service-account file, a token as a URL's password), only the more specific one, earlier in the table, counts.
 */
export function findTokens(text: string, perFormat = Infinity, formats = tokenFormatsIn(text)): TokenMatch[] {
  const found: TokenMatch[] = [];
  for (const format of formats) {
    for (const match of matchPattern(format, text, perFormat)) {
      if (!found.some((other) => other.start < match.end && match.start < other.end)) found.push({ ...match, format });
    }
  }
  return found;
}

/** The first token found in a text (by table order), if any. */
export function findToken(text: string): TokenMatch | undefined {
  for (const format of tokenFormatsIn(text)) {
    const [match] = matchPattern(format, text, 1);
    if (match) return { ...match, format };
  }
  return undefined;
}
