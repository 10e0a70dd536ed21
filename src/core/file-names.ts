// File names are bytes. Linux takes any bytes but `/` and NUL in a name, and a tar header holds whatever its writer
// put there; JavaScript strings are UTF-16. A name that is not valid UTF-8, read as a string, has its bad bytes
// replaced by U+FFFD: the string no longer names the file (the walk would fail to open it, ENOENT, and never look
// inside), and two names can turn into one. So a name is decoded as UTF-8 and each byte that is not part of valid
// UTF-8 is kept as the lone surrogate U+DC80 + (byte - 0x80), as Python's `surrogateescape` does: no valid UTF-8
// decodes to a lone surrogate, so the mapping goes back to the same bytes (`fileNameBytes`), paths stay strings
// that join, compare, sort and cross threads as before, and the terminal shows such a byte as `\xff`
// (terminal-text.ts). JSON shows it as `\udcff`.
//
// Matching: a Go program (BuildKit, Docker's .dockerignore matcher) compares names as bytes and reads a byte that is
// not UTF-8 as one character (utf8.RuneError, width 1). One lone surrogate is one character to a RegExp in Unicode
// mode and to the code-point matchers here, so `?`, `*` and `[^a]` treat such a byte as Go does, and an ignore file
// decoded the same way matches the same bytes.

const strict = new TextDecoder('utf-8', { fatal: true });

const RAW_BYTE = /[\udc80-\udcff]/u;

function escapedByte(byte: number): string {
  return String.fromCharCode(0xdc00 + byte);
}

/** The name `bytes` spell, with each byte that is not valid UTF-8 kept as U+DC80–U+DCFF. */
export function decodeFileName(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    // decoded by hand below
  }
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      out += String.fromCharCode(lead);
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let code = length === 2 ? lead & 0x1f : length === 3 ? lead & 0x0f : lead & 0x07;
    let j = 1;
    for (; j < length; j++) {
      const next = bytes[i + j];
      if (next === undefined || (next & 0xc0) !== 0x80) break;
      code = (code << 6) | (next & 0x3f);
    }
    const shortest = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
    if (length === 0 || j < length || code < shortest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      out += escapedByte(lead);
      i++;
      continue;
    }
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}

/** Whether `name` holds a byte that is not UTF-8 (as `decodeFileName` keeps it). */
export function hasRawBytes(name: string): boolean {
  return RAW_BYTE.test(name);
}

/** The bytes of a name `decodeFileName` made: the inverse of it. */
export function fileNameBytes(name: string): Buffer {
  if (!hasRawBytes(name)) return Buffer.from(name);
  const parts: Buffer[] = [];
  let text = '';
  for (const char of name) {
    const code = char.codePointAt(0)!;
    if (code >= 0xdc80 && code <= 0xdcff) {
      parts.push(Buffer.from(text), Buffer.of(code - 0xdc00));
      text = '';
    } else {
      text += char;
    }
  }
  parts.push(Buffer.from(text));
  return Buffer.concat(parts);
}

/** A path to give the file system: the string itself, or its bytes when it holds a byte that is not UTF-8. */
export function fsPath(path: string): string | Buffer {
  return hasRawBytes(path) ? fileNameBytes(path) : path;
}
