// Text from files, images and registries is written by whoever made them: before it reaches a terminal, every
// character a terminal would act on is shown as an escape instead. C0 controls and DEL (a title change, a screen
// clear, a cursor move start with ESC), C1 controls (CSI on its own is one), the bidi overrides and isolates that
// make text read in another order than it runs, and lone surrogates (a file name's byte that is not UTF-8: see
// file-names.ts) would all change what the user sees. JSON and SARIF carry the text as it is: they are for
// programs, and JSON escapes controls itself.

/** The characters a terminal would act on, and lone surrogates (the `u` flag matches a surrogate only alone). */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A raw byte of a file name that is not UTF-8 travels as U+DC80–U+DCFF (file-names.ts). */
const RAW_BYTE_FIRST = 0xdc80;
const RAW_BYTE_LAST = 0xdcff;

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  if (code <= 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code >= RAW_BYTE_FIRST && code <= RAW_BYTE_LAST) return `\\x${(code - 0xdc00).toString(16)}`;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` safe to print on a terminal, on one line: controls as `\x1b`, `\n`, `\t`; C1 controls and bidi
 * controls as `\u009b`, `\u202e`; a file name's byte that is not UTF-8 as `\xff`. Every escape is ASCII, so
 * the width of the result is the width it takes on screen (code frames line up on it).
 */
export function escapeForTerminal(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, escapeOne);
}
