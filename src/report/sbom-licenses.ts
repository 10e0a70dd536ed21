// Licences as SBOMs want them: an SPDX identifier or expression when the package metadata gives one, else the
// name as written. The full SPDX list is not shipped; the identifiers below are the ones package metadata uses
// most. A name outside them is kept verbatim as a name (CycloneDX) or a LicenseRef (SPDX), never guessed into
// an identifier it might not be.
const COMMON_SPDX_IDS: ReadonlySet<string> = new Set([
  '0BSD', 'AFL-2.1', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-1.1', 'Apache-2.0', 'Artistic-1.0', 'Artistic-1.0-Perl',
  'Artistic-2.0', 'BlueOak-1.0.0', 'BSD-1-Clause', 'BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause', 'BSL-1.0', 'bzip2-1.0.6',
  'CC-BY-3.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'CDDL-1.0', 'CDDL-1.1', 'curl', 'EPL-1.0', 'EPL-2.0', 'EUPL-1.2',
  'FTL', 'GFDL-1.3-only', 'GFDL-1.3-or-later', 'GPL-1.0-or-later', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0-only',
  'GPL-3.0-or-later', 'HPND', 'ICU', 'IJG', 'ISC', 'LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1-only', 'LGPL-2.1-or-later',
  'LGPL-3.0-only', 'LGPL-3.0-or-later', 'Libpng', 'libtiff', 'MIT', 'MIT-0', 'MPL-1.1', 'MPL-2.0', 'MS-PL', 'NCSA',
  'OFL-1.1', 'OpenSSL', 'PHP-3.01', 'PostgreSQL', 'PSF-2.0', 'Python-2.0', 'Ruby', 'Unicode-DFS-2016', 'Unicode-3.0',
  'Unlicense', 'UPL-1.0', 'Vim', 'W3C', 'WTFPL', 'X11', 'Zlib', 'ZPL-2.1',
]);
const EXCEPTIONS: ReadonlySet<string> = new Set(['Classpath-exception-2.0', 'GCC-exception-3.1', 'LLVM-exception', 'OpenSSL-exception']);
const BY_LOWER_CASE = new Map([...COMMON_SPDX_IDS].map((id) => [id.toLowerCase(), id]));

export type SbomLicense = { id: string } | { expression: string } | { name: string };

/** The SPDX identifier `text` is (matched case-insensitively, as SPDX allows), else undefined. */
export function spdxId(text: string): string | undefined {
  return BY_LOWER_CASE.get(text.trim().toLowerCase());
}

/** The SPDX expression `text` is when every identifier in it is known (`MIT OR Apache-2.0`), else undefined. */
export function spdxExpression(text: string): string | undefined {
  const tokens = text.replace(/[()]/g, ' $& ').trim().split(/\s+/);
  if (tokens.length < 3) return undefined;
  let afterWith = false;
  const out: string[] = [];
  for (const token of tokens) {
    if (token === '(' || token === ')') out.push(token);
    else if (/^(AND|OR|WITH)$/i.test(token)) {
      out.push(token.toUpperCase());
      afterWith = token.toUpperCase() === 'WITH';
      continue;
    } else if (afterWith) {
      if (!EXCEPTIONS.has(token)) return undefined;
      out.push(token);
    } else {
      const id = spdxId(token.replace(/\+$/, ''));
      if (!id) return undefined;
      out.push(token.endsWith('+') ? `${id}+` : id);
    }
    afterWith = false;
  }
  return out.join(' ').replace(/\( /g, '(').replace(/ \)/g, ')');
}

export function classifyLicense(text: string): SbomLicense {
  const id = spdxId(text);
  if (id) return { id };
  const expression = spdxExpression(text);
  if (expression) return { expression };
  return { name: text };
}

/** A LicenseRef id for a licence name: SPDX allows letters, digits, `.` and `-` after the prefix. */
export function licenseRef(name: string): string {
  return `LicenseRef-${name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'unnamed'}`;
}
