import type { Severity } from '../../core/severity.js';
import type { Analyzer } from '../types.js';
import { SECRET_DETECTORS, type SecretDetector } from './detectors.js';

export interface SecretMatch {
  detector: string;
  title: string;
  severity: Severity;
  /** 1-based line of the match. */
  line: number;
  /** The secret with all but its first characters masked: enough to recognise it, never enough to use it. */
  redacted: string;
}

/** Files larger than this are scanned in their first MiB only. */
export const SECRET_SCAN_BYTES = 1024 * 1024;
const BINARY_SNIFF_BYTES = 8000;
const MAX_MATCHES_PER_DETECTOR = 5;

// Trees of data no build step writes secrets into, and that would dominate the scan.
const SKIPPED_DIRS = /^(?:usr\/share\/(?:doc|man|info|locale|i18n|zoneinfo|mime|icons|fonts)\/|usr\/lib\/locale\/|proc\/|sys\/)|(?:^|\/)\.git\/objects\//;
const SKIPPED_EXTENSIONS = /\.(?:png|jpe?g|gif|webp|ico|bmp|svgz|woff2?|ttf|otf|eot|gz|tgz|xz|bz2|zst|zip|jar|war|whl|deb|rpm|apk|pyc|pyo|class|so|a|o|wasm|mo|pdf|mp[34]|wav|ogg)$/i;

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Detectors tied to a path run on their files whatever the content; the others run only on text holding one of
// their keywords, found in one pass of a single regex over the text.
const KEYWORD_DETECTORS = new Map<string, SecretDetector[]>();
for (const detector of SECRET_DETECTORS) {
  if (detector.pathPattern) continue;
  for (const keyword of detector.keywords ?? []) KEYWORD_DETECTORS.set(keyword, [...(KEYWORD_DETECTORS.get(keyword) ?? []), detector]);
}
const KEYWORDS = new RegExp([...KEYWORD_DETECTORS.keys()].map(escapeRegex).join('|'), 'g');

export function redact(secret: string): string {
  const shown = secret.length > 12 ? 4 : secret.length > 6 ? 2 : 0;
  return `${secret.slice(0, shown)}${'*'.repeat(Math.min(secret.length - shown, 16))}`;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function scan(detector: SecretDetector, text: string, matches: SecretMatch[]): void {
  if (!detector.regex) {
    matches.push({ detector: detector.id, title: detector.title, severity: detector.severity, line: 1, redacted: '' });
    return;
  }
  const regex = new RegExp(detector.regex.source, detector.regex.flags.includes('g') ? detector.regex.flags : `${detector.regex.flags}g`);
  let found = 0;
  for (const match of text.matchAll(regex)) {
    const secret = (match[1] ?? match[0]).trim();
    if (detector.isPlaceholder?.(secret)) continue;
    matches.push({
      detector: detector.id,
      title: detector.title,
      severity: detector.severity,
      line: lineAt(text, match.index ?? 0),
      redacted: redact(secret),
    });
    // A file detector says what the file is: once is enough.
    if (++found >= (detector.pathPattern ? 1 : MAX_MATCHES_PER_DETECTOR)) break;
  }
}

/** Finds secrets in text files: known token formats, private keys, credential files (`.npmrc`, `.env`, docker config). */
export const secretsAnalyzer: Analyzer<SecretMatch[]> = {
  name: 'secrets',
  version: 3,
  description: 'secrets in file contents and credential files (private keys, cloud, VCS, registry and chat tokens, .env)',
  maxFileBytes: SECRET_SCAN_BYTES,
  wants(path, entry) {
    return entry.kind === 'file' && entry.size > 0 && !SKIPPED_DIRS.test(path) && !SKIPPED_EXTENSIONS.test(path);
  },
  analyze({ path, content }) {
    if (content.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
    const text = content.toString('latin1');
    const candidates = new Set(SECRET_DETECTORS.filter((d) => d.pathPattern?.test(path)));
    for (const match of text.matchAll(KEYWORDS)) {
      for (const detector of KEYWORD_DETECTORS.get(match[0])!) candidates.add(detector);
    }
    if (candidates.size === 0) return undefined;
    const matches: SecretMatch[] = [];
    for (const detector of SECRET_DETECTORS) {
      if (candidates.has(detector)) scan(detector, text, matches);
    }
    return matches.length > 0 ? matches : undefined;
  },
};
