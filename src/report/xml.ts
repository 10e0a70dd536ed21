// XML 1.0 text for the XML report formats (checkstyle, JUnit). Findings quote Dockerfiles, image paths and
// registry data, so any character may reach here: markup characters are escaped, and the control characters
// XML 1.0 cannot carry at all (not even as character references) are written as visible `\uXXXX` text.

// C0 controls but tab, LF and CR; lone surrogates; U+FFFE and U+FFFF.
const NOT_XML_1_0 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text content of an element. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_1_0, visible).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value, for double quotes; tab and line breaks as references, since parsers normalise them to spaces. */
export function xmlAttribute(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** `<name a="1" b="2">`, or `<name … />` when `selfClosing`; undefined attributes are left out. */
export function xmlTag(name: string, attributes: Record<string, string | number | undefined>, selfClosing = false): string {
  const written = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`)
    .join('');
  return `<${name}${written}${selfClosing ? ' />' : '>'}`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
