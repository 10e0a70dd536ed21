import type { Severity } from '../../core/severity.js';
import { SECRET_FILE_KINDS, secretFileCandidate, secretInContent } from '../../secrets/files.js';
import { findTokens, tokenFormatsIn } from '../../secrets/tokens.js';
import { redact } from '../../secrets/values.js';
import type { FileAnalyzer } from '../types.js';

export interface SecretMatch {
  /** The token format or secret file kind (`github-token`, `npmrc`). */
  detector: string;
  title: string;
  severity: Severity;
  /** 1-based line of the match. */
  line: number;
  /** The secret with all but its first characters masked. */
  redacted: string;
}

/** Files larger than this are scanned in their first MiB only. */
export const SECRET_SCAN_BYTES = 1024 * 1024;
const BINARY_SNIFF_BYTES = 8000;
const MAX_MATCHES_PER_FORMAT = 5;

// Trees of data no build step writes secrets into, and that would dominate the scan.
const SKIPPED_DIRS = /^(?:usr\/share\/(?:doc|man|info|locale|i18n|zoneinfo|mime|icons|fonts)\/|usr\/lib\/locale\/|proc\/|sys\/)|(?:^|\/)\.git\/objects\//;
const SKIPPED_EXTENSIONS = /\.(?:png|jpe?g|gif|webp|ico|bmp|svgz|woff2?|ttf|otf|eot|gz|tgz|xz|bz2|zst|zip|jar|war|whl|deb|rpm|apk|pyc|pyo|class|so|a|o|wasm|mo|pdf|mp[34]|wav|ogg)$/i;

/**
 * Credential files whose own settings show the secret (`.npmrc`, `.env`, a Docker config.json). Key files and
 * service-account JSON need no check of their own: the token scan finds what they hold, under the token's name.
 */
const SETTING_KINDS = SECRET_FILE_KINDS.filter((kind) => kind.content !== undefined && !kind.leftToTokens);

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Finds secrets in text files: known token formats, private keys, credential files (`.npmrc`, `.env`, docker config). */
export const secretsAnalyzer: FileAnalyzer<SecretMatch[]> = {
  name: 'secrets',
  version: 4,
  description: 'secrets in file contents and credential files (private keys, cloud, VCS, registry and chat tokens, .env)',
  maxFileBytes: SECRET_SCAN_BYTES,
  wants(path, entry) {
    return entry.kind === 'file' && entry.size > 0 && !SKIPPED_DIRS.test(path) && !SKIPPED_EXTENSIONS.test(path);
  },
  analyze({ path, content }) {
    if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
    // Most files hold no keyword and are not credential files: settled on their bytes, never made into a string.
    const formats = tokenFormatsIn(content);
    const kind = secretFileCandidate(path, SETTING_KINDS);
    if (formats.length === 0 && !kind) return undefined;
    const text = content.toString('latin1');
    const tokens = findTokens(text, MAX_MATCHES_PER_FORMAT, formats);
    const matches: SecretMatch[] = tokens.map(({ format, secret, start }) => ({
      detector: format.id,
      title: format.title,
      severity: format.severity,
      line: lineAt(text, start),
      redacted: redact(secret),
    }));
    const setting = kind && secretInContent(kind, text);
    // A setting that holds a known token is reported once, as that token.
    if (kind && setting && !tokens.some((token) => token.start < setting.end && setting.start < token.end)) {
      const title = kind.title.charAt(0).toUpperCase() + kind.title.slice(1);
      matches.unshift({ detector: kind.id, title, severity: kind.severity, line: lineAt(text, setting.start), redacted: redact(setting.secret) });
    }
    return matches.length > 0 ? matches : undefined;
  },
};
