// mvdan-sh (mvdan/sh compiled to JavaScript with GopherJS) as a reference shell parser: the oracle of
// the differential test and the baseline of the parse benchmark. Only what those two need is typed here.
import { createRequire } from 'node:module';

interface GoPos {
  Offset(): number;
}
interface GoNode {
  Pos(): GoPos;
  End(): GoPos;
}
interface GoCallExpr extends GoNode {
  Assigns: GoNode[];
  Args: GoNode[];
}
interface GoDeclClause extends GoNode {
  Variant: GoNode & { Value: string };
  Args: GoNode[];
}
interface GoLetClause extends GoNode {
  Exprs: GoNode[];
}
export interface GoParser {
  Parse(src: string, name: string): unknown;
}
interface Syntax {
  NewParser(...options: unknown[]): GoParser;
  Variant(lang: unknown): unknown;
  LangBash: unknown;
  Walk(node: unknown, visit: (node: unknown) => boolean): void;
  NodeType(node: unknown): string;
}

/** Loads mvdan-sh, undoing the global it changes (`Error.stackTraceLimit = Infinity`). */
export function loadMvdan(): Syntax {
  const limit = Error.stackTraceLimit;
  const require = createRequire(import.meta.url);
  const { syntax } = require('mvdan-sh') as { syntax: Syntax };
  Error.stackTraceLimit = limit;
  return syntax;
}

export function newBashParser(syntax: Syntax): GoParser {
  return syntax.NewParser(syntax.Variant(syntax.LangBash));
}

export interface OracleWord {
  text: string;
  start: number;
  end: number;
}

/** A simple command as mvdan-sh sees it: the words after the prefix assignments, and the span of all. */
export interface OracleCommand {
  start: number;
  end: number;
  words: OracleWord[];
}

export type OracleResult = { ok: true; commands: OracleCommand[] } | { ok: false; error: string };

/**
 * Parses with mvdan-sh and lists its simple commands: every `CallExpr`, plus the declaration builtins
 * (`export`, `declare`, `local`…) and `let`, which mvdan-sh gives nodes of their own. Offsets are
 * converted from mvdan-sh's UTF-8 bytes to UTF-16 code units.
 */
export function oracleCommands(syntax: Syntax, parser: GoParser, script: string): OracleResult {
  let file: unknown;
  try {
    file = parser.Parse(script, '');
  } catch (error) {
    const e = error as { Error?: () => string };
    return { ok: false, error: typeof e.Error === 'function' ? e.Error() : String(error) };
  }
  const offset = utf16Offsets(script);
  const word = (node: GoNode): OracleWord => {
    const start = offset(node.Pos().Offset());
    const end = offset(node.End().Offset());
    return { text: script.slice(start, end), start, end };
  };
  const commands: OracleCommand[] = [];
  const add = (span: GoNode, words: OracleWord[]) => {
    commands.push({ start: offset(span.Pos().Offset()), end: offset(span.End().Offset()), words });
  };
  syntax.Walk(file, (node) => {
    if (!node) return true;
    switch (syntax.NodeType(node)) {
      case 'CallExpr':
        add(node as GoCallExpr, (node as GoCallExpr).Args.map(word));
        break;
      case 'DeclClause': {
        const decl = node as GoDeclClause;
        add(decl, [word(decl.Variant), ...decl.Args.map(word)]);
        break;
      }
      case 'LetClause': {
        const let_ = node as GoLetClause;
        const start = offset(let_.Pos().Offset());
        add(let_, [{ text: 'let', start, end: start + 3 }, ...let_.Exprs.map(word)]);
        break;
      }
    }
    return true;
  });
  commands.sort((a, b) => a.start - b.start);
  return { ok: true, commands };
}

/** Maps UTF-8 byte offsets of `text` to UTF-16 offsets. */
function utf16Offsets(text: string): (byteOffset: number) => number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return (o) => o;
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    const bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let b = 0; b < bytes; b++) map.push(i);
    if (code >= 0x10000) i++;
  }
  map.push(text.length);
  return (o) => map[o] ?? text.length;
}
