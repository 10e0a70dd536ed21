// bash's `$'…'` strings.

const ANSI_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Decodes the C escapes of bash's `$'…'`. */
export function decodeAnsiC(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      i++;
      continue;
    }
    const e = raw[i + 1]!;
    const simple = ANSI_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (e >= '0' && e <= '7') {
      let j = i + 1;
      while (j < raw.length && j < i + 4 && raw[j]! >= '0' && raw[j]! <= '7') j++;
      out += String.fromCharCode(parseInt(raw.slice(i + 1, j), 8) & 0xff);
      i = j;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const max = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      let j = i + 2;
      while (j < raw.length && j < i + 2 + max && /[0-9a-fA-F]/.test(raw[j]!)) j++;
      if (j === i + 2) {
        out += '\\' + e;
      } else {
        const code = parseInt(raw.slice(i + 2, j), 16);
        out += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      }
      i = j;
    } else if (e === 'c' && i + 2 < raw.length) {
      out += String.fromCharCode(raw.charCodeAt(i + 2) & 0x1f);
      i += 3;
    } else {
      out += '\\' + e;
      i += 2;
    }
  }
  return out;
}
