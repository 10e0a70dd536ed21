// A small strict XML 1.0 reader for tests of the XML report formats: one root element, matching tags, quoted
// attributes without duplicates, only the five predefined entities and character references, and no character
// XML 1.0 forbids. Anything else throws, so a renderer's escaping mistake fails the test.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const NAME = /^[A-Za-z_:][\w.:-]*/;

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`'<' in text or attribute at ${where}`);
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare '&' at ${where}`);
    if (ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const char = String.fromCodePoint(code);
      if (FORBIDDEN.test(char)) throw new Error(`reference to a forbidden character ${whole} at ${where}`);
      return char;
    }
    const entity = ENTITIES[ref];
    if (entity === undefined) throw new Error(`unknown entity ${whole} at ${where}`);
    return entity;
  });
}

export function parseXml(text: string): XmlElement {
  if (FORBIDDEN.test(text)) throw new Error(`character XML 1.0 forbids at ${text.search(FORBIDDEN)}`);
  let pos = 0;
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\s*/.exec(text);
  if (declaration) pos = declaration[0].length;
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const element = (): XmlElement => {
    if (text[pos] !== '<') throw new Error(`expected '<' at ${pos}`);
    pos++;
    const name = NAME.exec(text.slice(pos))?.[0];
    if (!name) throw new Error(`expected an element name at ${pos}`);
    pos += name.length;
    const node: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const before = pos;
      skipSpace();
      if (text.startsWith('/>', pos)) {
        pos += 2;
        return node;
      }
      if (text[pos] === '>') {
        pos++;
        break;
      }
      if (pos === before) throw new Error(`expected space before an attribute at ${pos}`);
      const attribute = NAME.exec(text.slice(pos))?.[0];
      if (!attribute) throw new Error(`expected an attribute name at ${pos}`);
      pos += attribute.length;
      if (text[pos] !== '=' || text[pos + 1] !== '"') throw new Error(`expected ="…" after ${attribute} at ${pos}`);
      const end = text.indexOf('"', pos + 2);
      if (end < 0) throw new Error(`unterminated attribute ${attribute}`);
      if (attribute in node.attributes) throw new Error(`duplicate attribute ${attribute} at ${pos}`);
      // Literal tabs and line breaks in attributes are normalised to spaces, as XML parsers do.
      node.attributes[attribute] = decode(text.slice(pos + 2, end).replace(/[\t\n\r]/g, ' '), pos);
      pos = end + 1;
    }
    for (;;) {
      const next = text.indexOf('<', pos);
      if (next < 0) throw new Error(`unclosed <${name}>`);
      node.text += decode(text.slice(pos, next), pos);
      pos = next;
      if (text.startsWith('</', pos)) {
        const close = `</${name}>`;
        if (!text.startsWith(close, pos)) throw new Error(`expected ${close} at ${pos}`);
        pos += close.length;
        return node;
      }
      node.children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (pos !== text.length) throw new Error(`content after the root element at ${pos}`);
  return root;
}
