// A hand-written lexer and recursive-descent parser for the shell of Dockerfile RUN instructions: the
// POSIX grammar plus the bash extensions found in Dockerfiles. It reads the source once, left to right,
// never throws, and records syntax errors instead: after an error it skips to the next newline, `;` or
// `&&` at the top level and goes on, so the commands before and after the error are still there.
import type {
  AndOrOperator,
  Arithmetic,
  ArithmeticCommand,
  ArithmeticExpansion,
  ArithmeticForClause,
  ArrayLiteral,
  Assignment,
  BraceGroup,
  CaseClause,
  CaseItem,
  Command,
  CommandSubstitution,
  Comment,
  DoubleQuoted,
  ForClause,
  FunctionDefinition,
  Heredoc,
  IfBranch,
  IfClause,
  Literal,
  ParamExpansion,
  Pipeline,
  PipeOperator,
  ProcessSubstitution,
  Redirect,
  RedirectOperator,
  ShellScript,
  ShellSyntaxError,
  SimpleCommand,
  SingleQuoted,
  Statement,
  Subshell,
  Terminator,
  TestClause,
  WhileClause,
  Word,
  WordPart,
} from './ast.js';
import { decodeAnsiC } from './ansi.js';
import { collectCommands } from './commands.js';
import { remapOffsets } from './offsets.js';

export interface ParseShellOptions {
  /** Also parse the static script of `sh -c SCRIPT` (and bash, dash, ash, zsh); default true. */
  nested?: boolean;
}

/** Parses a shell script. Never throws: syntax errors are in `errors`. */
export function parseShell(source: string, options?: ParseShellOptions): ShellScript {
  return parseScript(source, options?.nested !== false, 0);
}

/** Nested `sh -c` scripts deeper than this are left unparsed. */
const MAX_NESTED_SCRIPTS = 4;

function parseScript(source: string, nested: boolean, level: number): ShellScript {
  const parser = new Parser(source, 0, source.length);
  const body = parser.parseList(Stop.NONE);
  parser.finish();
  const script: ShellScript = {
    type: 'Script',
    start: 0,
    end: source.length,
    source,
    body,
    commands: [],
    errors: parser.errors,
    comments: parser.comments,
    nested: [],
  };
  const parseNested =
    nested && level < MAX_NESTED_SCRIPTS ? (text: string) => parseScript(text, true, level + 1) : undefined;
  collectCommands(script, parseNested);
  return script;
}

// ---------------------------------------------------------------------------------------------------
// Characters (constant enums: compiled to literal numbers).

const enum Ch {
  TAB = 9,
  NL = 10,
  SPACE = 32,
  BANG = 33,
  DQUOTE = 34,
  HASH = 35,
  DOLLAR = 36,
  PERCENT = 37,
  AMP = 38,
  SQUOTE = 39,
  LPAREN = 40,
  RPAREN = 41,
  STAR = 42,
  PLUS = 43,
  COMMA = 44,
  MINUS = 45,
  SLASH = 47,
  DIGIT_0 = 48,
  DIGIT_9 = 57,
  COLON = 58,
  SEMI = 59,
  LT = 60,
  EQUALS = 61,
  GT = 62,
  QUESTION = 63,
  AT = 64,
  LBRACKET = 91,
  BACKSLASH = 92,
  RBRACKET = 93,
  CARET = 94,
  BACKQUOTE = 96,
  LOWER_A = 97,
  LOWER_D = 100,
  LOWER_E = 101,
  LOWER_F = 102,
  LOWER_P = 112,
  LOWER_T = 116,
  LOWER_Z = 122,
  LBRACE = 123,
  PIPE = 124,
  RBRACE = 125,
}

/** Character classes of the word readers. 0 is an ordinary character in every mode. */
const enum Cls {
  PLAIN = 0,
  /** ends the word */
  BREAK = 1,
  ESCAPE = 2,
  SQUOTE = 3,
  DQUOTE = 4,
  DOLLAR = 5,
  BACKQUOTE = 6,
  LPAREN = 7,
  RPAREN = 8,
  LBRACE = 9,
  RBRACE = 10,
}

/** Word-reading modes; each has its own class table. */
const enum Mode {
  /** an unquoted word */
  WORD = 0,
  /** the operand of ${VAR…} outside double quotes */
  OPERAND = 1,
  /** the operand of ${VAR…} inside double quotes */
  OPERAND_DQ = 2,
  /** the right side of =~ in [[ ]] */
  REGEX = 3,
  /** an unquoted heredoc body */
  HEREDOC = 4,
}

function classTable(entries: [string, number][]): Uint8Array {
  const table = new Uint8Array(128);
  for (const [chars, cls] of entries) for (const ch of chars) table[ch.charCodeAt(0)] = cls;
  return table;
}

const QUOTING: [string, number][] = [
  ['\\', Cls.ESCAPE],
  ["'", Cls.SQUOTE],
  ['"', Cls.DQUOTE],
  ['$', Cls.DOLLAR],
  ['`', Cls.BACKQUOTE],
];
const MODE_TABLES: Uint8Array[] = [
  classTable([[' \t\n;&|<>)', Cls.BREAK], ['(', Cls.LPAREN], ...QUOTING]),
  classTable([['{', Cls.LBRACE], ['}', Cls.RBRACE], ...QUOTING]),
  classTable([['{', Cls.LBRACE], ['}', Cls.RBRACE], ...QUOTING.filter(([c]) => c !== "'")]),
  classTable([[' \t\n', Cls.BREAK], ['(', Cls.LPAREN], [')', Cls.RPAREN], ...QUOTING]),
  classTable([
    ['\\', Cls.ESCAPE],
    ['$', Cls.DOLLAR],
    ['`', Cls.BACKQUOTE],
  ]),
];
const WORD_TABLE = MODE_TABLES[Mode.WORD]!;

/** Flags of ASCII characters, for the scans that run on every command. */
const enum Flag {
  NAME_START = 1,
  NAME = 2,
  KEYWORD_START = 4,
}
const CHAR_FLAGS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) CHAR_FLAGS[c]! |= Flag.NAME_START | Flag.NAME;
  if (/[0-9]/.test(ch)) CHAR_FLAGS[c]! |= Flag.NAME;
  if ('cdefistuw'.includes(ch)) CHAR_FLAGS[c]! |= Flag.KEYWORD_START;
}

/** Characters that end a word and so delimit a keyword. */
function isDelimiter(c: number): boolean {
  return c < 0 || (c < 128 && WORD_TABLE[c] === Cls.BREAK) || c === Ch.LPAREN;
}

function isBlank(c: number): boolean {
  return c === Ch.SPACE || c === Ch.TAB || c === Ch.NL;
}

function isDigit(c: number): boolean {
  return c >= Ch.DIGIT_0 && c <= Ch.DIGIT_9;
}

function isNameStart(c: number): boolean {
  return c >= 0 && c < 128 && (CHAR_FLAGS[c]! & Flag.NAME_START) !== 0;
}

function isNameChar(c: number): boolean {
  return c >= 0 && c < 128 && (CHAR_FLAGS[c]! & Flag.NAME) !== 0;
}

/** `$@ $* $# $? $- $$ $! $0` */
function isSpecialParam(c: number): boolean {
  return c === Ch.AT || c === Ch.STAR || c === Ch.HASH || c === Ch.QUESTION || c === Ch.MINUS || c === Ch.DOLLAR || c === Ch.BANG || c === Ch.DIGIT_0;
}

function isExtglobPrefix(c: number): boolean {
  return c === Ch.QUESTION || c === Ch.STAR || c === Ch.PLUS || c === Ch.AT || c === Ch.BANG;
}

const KEYWORDS = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'for',
  'select',
  'in',
  'do',
  'done',
  'while',
  'until',
  'case',
  'esac',
  'function',
  'time',
]);

/** Commands whose `name=(…)` arguments are array assignments. */
const DECLARATION_BUILTINS = new Set(['declare', 'typeset', 'local', 'export', 'readonly']);

/** Where a statement list stops (besides the end of input). */
const enum Stop {
  NONE = 0,
  RPAREN = 1,
  RBRACE = 2,
  THEN = 4,
  /** elif, else, fi */
  ELSE = 8,
  FI = 16,
  DO = 32,
  DONE = 64,
  /** ;; ;& ;;& esac */
  CASE = 128,
}

const MAX_DEPTH = 150;

// ---------------------------------------------------------------------------------------------------

class Parser {
  // Initialised with values of their final types (not left undefined), so V8 keeps them as small integers.
  pos = 0;
  private end = 0;
  private readonly src: string = '';
  readonly errors: ShellSyntaxError[] = [];
  readonly comments: Comment[] = [];
  /** Set by the first error of a statement; cleared when the top level recovers. */
  failed = false;
  /** Nesting of lists and expansions; the top-level list (depth 0) is where recovery happens. */
  depth = 0;
  /** Heredocs whose body starts after the next newline. */
  private pending: Heredoc[] = [];
  /** The static value of the last double-quoted string read, undefined if it had expansions. */
  private dqValue: string | undefined = '';

  constructor(src: string, pos: number, end: number) {
    this.src = src;
    this.pos = pos;
    this.end = end;
  }

  /** At the end of the input: heredocs whose body never started are unclosed. */
  finish(): void {
    if (this.pending.length > 0) this.readHeredocBodies();
  }

  private code(i: number): number {
    return i < this.end ? this.src.charCodeAt(i) : -1;
  }

  /** The character at `pos`, for an error message. */
  private describe(pos: number): string {
    const c = this.code(pos);
    return c < 0 ? 'the end of the script' : c === Ch.NL ? 'a newline' : `\`${this.src[pos]}\``;
  }

  private fail(message: string, offset: number): void {
    if (this.failed) return;
    this.failed = true;
    this.errors.push({ message, offset });
  }

  // -------------------------------------------------------------------------------------------------
  // Blanks, newlines, comments

  /** Spaces, tabs and line continuations. */
  private skipBlanks(): void {
    const src = this.src;
    const end = this.end;
    let pos = this.pos;
    while (pos < end) {
      const c = src.charCodeAt(pos);
      if (c === Ch.SPACE || c === Ch.TAB) pos++;
      else if (c === Ch.BACKSLASH && pos + 1 < end && src.charCodeAt(pos + 1) === Ch.NL) pos += 2;
      else break;
    }
    this.pos = pos;
  }

  /** Blanks, newlines (reading any pending heredoc bodies) and comments. */
  private skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      const c = this.code(this.pos);
      if (c === Ch.NL) this.consumeNewline();
      else if (c === Ch.HASH) this.readComment();
      else return;
    }
  }

  private readComment(): void {
    const start = this.pos;
    let end = this.src.indexOf('\n', start);
    if (end < 0 || end > this.end) end = this.end;
    this.comments.push({ type: 'Comment', start, end, text: this.src.slice(start + 1, end) });
    this.pos = end;
  }

  private consumeNewline(): void {
    this.pos++;
    if (this.pending.length > 0) this.readHeredocBodies();
  }

  /** The reserved word at the current position, if any (not consuming it). */
  private peekKeyword(): string | undefined {
    const src = this.src;
    const end = this.end;
    const start = this.pos;
    let p = start;
    while (p < end) {
      const c = src.charCodeAt(p);
      if (c >= Ch.LOWER_A && c <= Ch.LOWER_Z) p++;
      else break;
    }
    const length = p - start;
    if (length < 2 || length > 8) return undefined;
    // A line continuation is removed before words are split: `do\<newline>x` is the word `dox`.
    let after = p;
    while (after < end && src.charCodeAt(after) === Ch.BACKSLASH && this.code(after + 1) === Ch.NL) after += 2;
    if (after < end && !isDelimiter(src.charCodeAt(after))) return undefined;
    const word = src.slice(start, p);
    return KEYWORDS.has(word) ? word : undefined;
  }

  /** `{` and `}` are reserved words when a delimiter follows them, `!` when a blank (or the end) does. */
  private reservedCharAt(pos: number): boolean {
    const c = this.code(pos + 1);
    return this.src.charCodeAt(pos) === Ch.BANG ? c < 0 || isBlank(c) : isDelimiter(c);
  }

  // -------------------------------------------------------------------------------------------------
  // Lists

  parseList(stop: Stop): Statement[] {
    const list: Statement[] = [];
    for (;;) {
      this.skipLinebreaks();
      if (this.pos >= this.end) break;
      if (this.atListEnd(stop)) {
        if (!this.failed) break;
      } else {
        const statement = this.parseStatement();
        if (statement) list.push(statement);
      }
      if (this.failed) {
        if (this.depth !== 0) break;
        this.recover();
      }
    }
    return list;
  }

  private parseNestedList(stop: Stop): Statement[] {
    if (++this.depth > MAX_DEPTH) this.fail('the script is nested too deeply', this.pos);
    const list = this.failed ? [] : this.parseList(stop);
    this.depth--;
    return list;
  }

  /** After an error at the top level: skip to the next newline, `;` or `&&`. */
  private recover(): void {
    const src = this.src;
    const end = this.end;
    let pos = this.pos;
    while (pos < end) {
      const c = src.charCodeAt(pos);
      pos++;
      if (c === Ch.NL) break;
      if (c === Ch.SEMI) {
        while (pos < end && src.charCodeAt(pos) === Ch.SEMI) pos++;
        break;
      }
      if (c === Ch.AMP && pos < end && src.charCodeAt(pos) === Ch.AMP) {
        pos++;
        break;
      }
    }
    this.pos = pos;
    this.pending.length = 0;
    this.failed = false;
  }

  /** Whether the list stops here; records an error for a terminator that does not belong here. */
  private atListEnd(stop: Stop): boolean {
    const pos = this.pos;
    const c = this.src.charCodeAt(pos);
    if (c === Ch.RPAREN) {
      if (stop & Stop.RPAREN) return true;
      this.fail('`)` closes nothing', pos);
      return true;
    }
    if (c === Ch.SEMI) {
      const n = this.code(pos + 1);
      if ((n === Ch.SEMI || n === Ch.AMP) && stop & Stop.CASE) return true;
      this.fail(n === Ch.SEMI || n === Ch.AMP ? '`;;` can only be used in a case clause' : '`;` must follow a command', pos);
      return true;
    }
    if (c === Ch.RBRACE && this.reservedCharAt(pos)) {
      if (stop & Stop.RBRACE) return true;
      this.fail('`}` can only close a `{` group', pos);
      return true;
    }
    if (c === Ch.LOWER_D || c === Ch.LOWER_E || c === Ch.LOWER_F || c === Ch.LOWER_T) {
      // the initials of do done elif else esac fi then
      const keyword = this.peekKeyword();
      let wanted = 0;
      switch (keyword) {
        case 'then':
          wanted = Stop.THEN;
          break;
        case 'elif':
        case 'else':
          wanted = Stop.ELSE;
          break;
        case 'fi':
          wanted = Stop.ELSE | Stop.FI;
          break;
        case 'do':
          wanted = Stop.DO;
          break;
        case 'done':
          wanted = Stop.DONE;
          break;
        case 'esac':
          wanted = Stop.CASE;
          break;
        default:
          return false;
      }
      if (stop & wanted) return true;
      this.fail(`\`${keyword}\` is out of place`, pos);
      return true;
    }
    return false;
  }

  private parseStatement(): Statement | undefined {
    const start = this.pos;
    const first = this.parsePipeline();
    if (!first) return undefined;
    const pipelines = [first];
    const operators: AndOrOperator[] = [];
    let end = first.end;
    let terminator: Terminator | undefined;
    while (!this.failed) {
      this.skipBlanks();
      const pos = this.pos;
      const c = this.code(pos);
      const n = this.code(pos + 1);
      if (!((c === Ch.AMP && n === Ch.AMP) || (c === Ch.PIPE && n === Ch.PIPE))) break;
      const operator: AndOrOperator = c === Ch.AMP ? '&&' : '||';
      this.pos += 2;
      this.skipLinebreaks();
      if (this.pos >= this.end) this.fail(`\`${operator}\` must be followed by a command`, pos);
      const next = this.failed ? undefined : this.parsePipeline();
      if (!next) break;
      operators.push(operator);
      pipelines.push(next);
      end = next.end;
    }
    if (!this.failed) {
      this.skipBlanks();
      let c = this.code(this.pos);
      if (c === Ch.HASH) {
        this.readComment();
        c = this.code(this.pos);
      }
      if (c === Ch.SEMI) {
        const n = this.code(this.pos + 1);
        if (n !== Ch.SEMI && n !== Ch.AMP) {
          terminator = ';';
          end = ++this.pos;
        }
      } else if (c === Ch.AMP) {
        terminator = '&';
        end = ++this.pos;
      } else if (c === Ch.NL) {
        terminator = '\n';
        this.consumeNewline();
      } else if (c >= 0 && c !== Ch.RPAREN && !this.atClosingWord()) {
        this.fail(`unexpected ${this.describe(this.pos)} after a command`, this.pos);
      }
    }
    return { type: 'Statement', start, end, pipelines, operators, terminator };
  }

  /** A word that may end a list: `}` or a closing keyword. */
  private atClosingWord(): boolean {
    const c = this.src.charCodeAt(this.pos);
    if (c === Ch.RBRACE) return this.reservedCharAt(this.pos);
    const keyword = this.peekKeyword();
    return (
      keyword === 'then' ||
      keyword === 'elif' ||
      keyword === 'else' ||
      keyword === 'fi' ||
      keyword === 'do' ||
      keyword === 'done' ||
      keyword === 'esac'
    );
  }

  private parsePipeline(): Pipeline | undefined {
    const start = this.pos;
    let negated = false;
    let timed = false;
    let keywordsEnd = start;
    for (;;) {
      const c = this.code(this.pos);
      if (c === Ch.BANG && this.reservedCharAt(this.pos)) {
        negated = true;
        keywordsEnd = ++this.pos;
        this.skipBlanks();
      } else if (c === Ch.LOWER_T && !timed && this.peekKeyword() === 'time') {
        timed = true;
        keywordsEnd = this.pos += 4;
        this.skipBlanks();
        if (this.code(this.pos) === Ch.MINUS && this.code(this.pos + 1) === Ch.LOWER_P && isDelimiter(this.code(this.pos + 2))) {
          keywordsEnd = this.pos += 2;
          this.skipBlanks();
        }
      } else {
        break;
      }
    }
    const commands: Command[] = [];
    const operators: PipeOperator[] = [];
    const first = this.parseCommand();
    if (!first) {
      if (this.failed) return undefined;
      const c = this.code(this.pos);
      // bash accepts a bare `time`, but only where a list may end.
      if (timed && !negated && (c < 0 || c === Ch.NL || c === Ch.HASH || (c === Ch.SEMI && this.code(this.pos + 1) !== Ch.SEMI))) {
        return { type: 'Pipeline', start, end: keywordsEnd, negated, timed, commands, operators };
      }
      this.fail(c < 0 ? 'expected a command' : `unexpected ${this.describe(this.pos)} where a command was expected`, this.pos);
      return undefined;
    }
    commands.push(first);
    let end = first.end;
    while (!this.failed) {
      this.skipBlanks();
      const pos = this.pos;
      if (this.code(pos) !== Ch.PIPE || this.code(pos + 1) === Ch.PIPE) break;
      const operator: PipeOperator = this.code(pos + 1) === Ch.AMP ? '|&' : '|';
      this.pos += operator.length;
      this.skipLinebreaks();
      if (this.pos >= this.end) this.fail(`\`${operator}\` must be followed by a command`, pos);
      const next = this.failed ? undefined : this.parseCommand();
      if (!next) {
        this.fail(`\`${operator}\` must be followed by a command`, pos);
        break;
      }
      operators.push(operator);
      commands.push(next);
      end = next.end;
    }
    return { type: 'Pipeline', start, end, negated, timed, commands, operators };
  }

  // -------------------------------------------------------------------------------------------------
  // Commands

  private parseCommand(): Command | undefined {
    const pos = this.pos;
    const c = this.code(pos);
    let command: Exclude<Command, SimpleCommand | FunctionDefinition> | undefined;
    if (c === Ch.LPAREN) {
      command = this.code(pos + 1) === Ch.LPAREN ? this.parseArithmeticCommand() : this.parseSubshell();
    } else if (c === Ch.LBRACE && this.reservedCharAt(pos)) {
      command = this.parseBraceGroup();
    } else if (c === Ch.LBRACKET && this.code(pos + 1) === Ch.LBRACKET && isDelimiter(this.code(pos + 2))) {
      command = this.parseTestClause();
    } else if (c >= Ch.LOWER_A && c <= Ch.LOWER_Z) {
      const keyword = (CHAR_FLAGS[c]! & Flag.KEYWORD_START) !== 0 ? this.peekKeyword() : undefined;
      if (keyword === undefined) return this.parseSimpleCommand();
      switch (keyword) {
        case 'if':
          command = this.parseIf();
          break;
        case 'for':
        case 'select':
          command = this.parseFor(keyword);
          break;
        case 'while':
        case 'until':
          command = this.parseWhile(keyword === 'until');
          break;
        case 'case':
          command = this.parseCase();
          break;
        case 'function':
          return this.parseFunctionKeyword();
        case 'then':
        case 'elif':
        case 'else':
        case 'fi':
        case 'do':
        case 'done':
        case 'esac':
          this.fail(`\`${keyword}\` is out of place`, pos);
          return undefined;
        default:
          return this.parseSimpleCommand();
      }
    } else if (c < 0 || c === Ch.NL || c === Ch.SEMI || c === Ch.PIPE || c === Ch.RPAREN || (c === Ch.AMP && this.code(pos + 1) !== Ch.GT)) {
      return undefined;
    } else if (c === Ch.RBRACE && this.reservedCharAt(pos)) {
      this.fail('`}` can only close a `{` group', pos);
      return undefined;
    } else if (c === Ch.BANG && this.reservedCharAt(pos)) {
      this.fail('`!` can only start a pipeline', pos);
      return undefined;
    } else if (c === Ch.RBRACKET && this.code(pos + 1) === Ch.RBRACKET && isDelimiter(this.code(pos + 2))) {
      this.fail('`]]` can only close a `[[` test', pos);
      return undefined;
    } else {
      return this.parseSimpleCommand();
    }
    if (command && !this.failed) this.parseTrailingRedirects(command);
    return command;
  }

  private parseTrailingRedirects(command: Exclude<Command, SimpleCommand | FunctionDefinition>): void {
    for (;;) {
      this.skipBlanks();
      if (this.redirectStart() < 0) return;
      const redirect = this.parseRedirect();
      command.redirects.push(redirect);
      command.end = redirect.end;
      if (this.failed) return;
    }
  }

  private parseSimpleCommand(): SimpleCommand | FunctionDefinition | undefined {
    const start = this.pos;
    const assignments: Assignment[] = [];
    const args: Word[] = [];
    const redirects: Redirect[] = [];
    let name: Word | undefined;
    let declaration = false;
    let end = start;
    const src = this.src;
    while (!this.failed) {
      let pos = this.pos;
      let c = pos < this.end ? src.charCodeAt(pos) : -1;
      if (c === Ch.SPACE || c === Ch.TAB || c === Ch.BACKSLASH) {
        this.skipBlanks();
        pos = this.pos;
        c = pos < this.end ? src.charCodeAt(pos) : -1;
      }
      if (c < 0 || c === Ch.HASH) break;
      if ((c === Ch.LT || c === Ch.GT || c === Ch.AMP || c === Ch.LBRACE || isDigit(c)) && this.redirectStart() >= 0) {
        const redirect = this.parseRedirect();
        redirects.push(redirect);
        end = redirect.end;
        continue;
      }
      if (c === Ch.LPAREN) {
        if (name && args.length === 0 && assignments.length === 0 && redirects.length === 0 && name.value !== undefined) {
          return this.parseFunctionBody(start, name, false);
        }
        this.fail('a command can only contain words and redirects; `(` is out of place', pos);
        break;
      }
      if (c < 128 && WORD_TABLE[c] === Cls.BREAK && !((c === Ch.LT || c === Ch.GT) && this.code(pos + 1) === Ch.LPAREN)) break;
      // Most words are plain text up to a blank or an operator: take those without the general reader.
      let p = pos + 1;
      let equals = false;
      while (p < this.end) {
        const d = src.charCodeAt(p);
        if (d < 128 && WORD_TABLE[d] !== 0) break;
        if (d === Ch.EQUALS) equals = true;
        p++;
      }
      const d = p < this.end ? src.charCodeAt(p) : -1;
      const plain =
        (c >= 128 || WORD_TABLE[c] === 0) &&
        (d < 0 || (WORD_TABLE[d] === Cls.BREAK && !((d === Ch.LT || d === Ch.GT) && this.code(p + 1) === Ch.LPAREN))) &&
        !(equals && name === undefined) &&
        !declaration;
      if (plain) {
        const word = plainWord(pos, p, src.slice(pos, p));
        this.pos = p;
        end = p;
        if (name === undefined) {
          name = word;
          declaration = DECLARATION_BUILTINS.has(word.text);
        } else {
          args.push(word);
        }
        continue;
      }
      if (name === undefined) {
        const equals = this.assignmentEquals();
        if (equals >= 0) {
          const assignment = this.parseAssignment(equals);
          assignments.push(assignment);
          end = assignment.end;
          continue;
        }
        name = this.readWord(Mode.WORD);
        end = name.end;
        declaration = name.value !== undefined && DECLARATION_BUILTINS.has(name.value);
      } else {
        let word: Word | undefined;
        if (declaration) {
          const equals = this.assignmentEquals();
          if (equals >= 0 && this.code(equals + 1) === Ch.LPAREN) word = this.readArrayWord(equals);
        }
        word ??= this.readWord(Mode.WORD);
        args.push(word);
        end = word.end;
      }
    }
    if (!name && assignments.length === 0 && redirects.length === 0) return undefined;
    return { type: 'SimpleCommand', start, end, assignments, name, args, redirects };
  }

  /** `name()` has been read up to `(`. */
  private parseFunctionBody(start: number, name: Word, keyword: boolean): FunctionDefinition | undefined {
    if (this.code(this.pos) === Ch.LPAREN) {
      this.pos++;
      this.skipBlanks();
      if (this.code(this.pos) !== Ch.RPAREN) {
        this.fail('a function name must be followed by `()`', this.pos);
        return undefined;
      }
      this.pos++;
    }
    this.skipLinebreaks();
    const bodyStart = this.pos;
    const body = this.failed ? undefined : this.parseCommand();
    if (!body) {
      this.fail('a function needs a body', bodyStart);
      return undefined;
    }
    if (body.type === 'SimpleCommand' || body.type === 'FunctionDefinition') {
      this.fail('a function body must be a compound command such as `{ … }`', bodyStart);
    }
    return { type: 'FunctionDefinition', start, end: body.end, name, keyword, body };
  }

  /** `function name [()] body` */
  private parseFunctionKeyword(): FunctionDefinition | undefined {
    const start = this.pos;
    this.pos += 8;
    this.skipBlanks();
    const c = this.code(this.pos);
    if (c < 0 || (c < 128 && WORD_TABLE[c] === Cls.BREAK) || c === Ch.LPAREN) {
      this.fail('`function` must be followed by a name', this.pos);
      return undefined;
    }
    const name = this.readWord(Mode.WORD);
    this.skipBlanks();
    return this.parseFunctionBody(start, name, true);
  }

  private parseSubshell(): Subshell {
    const start = this.pos++;
    const body = this.parseNestedList(Stop.RPAREN);
    const node: Subshell = { type: 'Subshell', start, end: this.pos, body, redirects: [] };
    if (this.failed) return node;
    if (this.code(this.pos) !== Ch.RPAREN) this.fail('reached the end of the script without closing `(`', start);
    else if (body.length === 0) this.fail('`( )` needs a command', start);
    else node.end = ++this.pos;
    return node;
  }

  private parseBraceGroup(): BraceGroup {
    const start = this.pos++;
    const body = this.parseNestedList(Stop.RBRACE);
    const node: BraceGroup = { type: 'BraceGroup', start, end: this.pos, body, redirects: [] };
    if (this.failed) return node;
    if (this.code(this.pos) !== Ch.RBRACE) this.fail('reached the end of the script without closing `{`', start);
    else if (body.length === 0) this.fail('`{ }` needs a command', start);
    else node.end = ++this.pos;
    return node;
  }

  /** Consumes `keyword` if it is next (after linebreaks); records `message` otherwise. */
  private expectKeyword(keyword: string, message: string, at: number): boolean {
    if (this.failed) return false;
    this.skipLinebreaks();
    if (this.peekKeyword() === keyword) {
      this.pos += keyword.length;
      return true;
    }
    this.fail(message, at);
    return false;
  }

  private nonEmpty(list: Statement[], keyword: string, at: number): void {
    if (list.length === 0) this.fail(`\`${keyword}\` must be followed by a command`, at);
  }

  private parseIf(): IfClause {
    const start = this.pos;
    const node: IfClause = { type: 'IfClause', start, end: start, branches: [], elseBody: undefined, redirects: [] };
    let keyword = 'if';
    let keywordPos = start;
    for (;;) {
      this.pos += keyword.length;
      const condition = this.parseNestedList(Stop.THEN);
      const branch: IfBranch = { type: 'IfBranch', start: keywordPos, end: this.pos, condition, body: [] };
      node.branches.push(branch);
      node.end = this.pos;
      if (this.failed) return node;
      this.nonEmpty(condition, keyword, keywordPos);
      this.skipLinebreaks();
      const thenPos = this.pos;
      if (!this.expectKeyword('then', `\`${keyword}\` needs a matching \`then\``, keywordPos)) return node;
      branch.body = this.parseNestedList(Stop.ELSE);
      branch.end = node.end = this.pos;
      if (this.failed) return node;
      this.nonEmpty(branch.body, 'then', thenPos);
      if (this.failed) return node;
      keywordPos = this.pos;
      const next = this.peekKeyword();
      if (next === 'elif') {
        keyword = next;
        continue;
      }
      if (next === 'else') {
        this.pos += 4;
        node.elseBody = this.parseNestedList(Stop.FI);
        node.end = this.pos;
        if (this.failed) return node;
        this.nonEmpty(node.elseBody, 'else', keywordPos);
      }
      if (this.expectKeyword('fi', '`if` needs a matching `fi`', start)) node.end = this.pos;
      return node;
    }
  }

  private parseWhile(until: boolean): WhileClause {
    const start = this.pos;
    const keyword = until ? 'until' : 'while';
    this.pos += keyword.length;
    const node: WhileClause = { type: 'WhileClause', start, end: start, until, condition: [], body: [], redirects: [] };
    node.condition = this.parseNestedList(Stop.DO);
    node.end = this.pos;
    if (this.failed) return node;
    this.nonEmpty(node.condition, keyword, start);
    this.parseDoGroup(node, start, keyword);
    return node;
  }

  /** `do … done` */
  private parseDoGroup(node: { body: Statement[]; end: number }, start: number, keyword: string): void {
    this.skipLinebreaks();
    const doPos = this.pos;
    if (!this.expectKeyword('do', `\`${keyword}\` needs a matching \`do\``, start)) return;
    node.body = this.parseNestedList(Stop.DONE);
    node.end = this.pos;
    if (this.failed) return;
    this.nonEmpty(node.body, 'do', doPos);
    if (this.expectKeyword('done', '`do` needs a matching `done`', doPos)) node.end = this.pos;
  }

  private parseFor(keyword: 'for' | 'select'): ForClause | ArithmeticForClause {
    const start = this.pos;
    this.pos += keyword.length;
    this.skipBlanks();
    if (keyword === 'for' && this.code(this.pos) === Ch.LPAREN && this.code(this.pos + 1) === Ch.LPAREN) {
      this.pos += 2;
      const header = this.readArithmetic(false);
      const node: ArithmeticForClause = { type: 'ArithmeticForClause', start, end: this.pos, header, body: [], redirects: [] };
      if (this.failed) return node;
      this.pos += 2;
      this.skipBlanks();
      if (this.code(this.pos) === Ch.SEMI) this.pos++;
      this.parseDoGroup(node, start, keyword);
      return node;
    }
    const c = this.code(this.pos);
    if (c < 0 || (c < 128 && WORD_TABLE[c] === Cls.BREAK)) {
      this.fail(`\`${keyword}\` must be followed by a variable name`, this.pos);
      return { type: 'ForClause', start, end: this.pos, keyword, variable: emptyWord(this.pos), items: undefined, body: [], redirects: [] };
    }
    const variable = this.readWord(Mode.WORD);
    const node: ForClause = { type: 'ForClause', start, end: this.pos, keyword, variable, items: undefined, body: [], redirects: [] };
    if (this.failed) return node;
    if (variable.value === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable.value)) {
      this.fail(`\`${keyword}\` needs a valid variable name`, variable.start);
      return node;
    }
    this.skipBlanks();
    if (this.code(this.pos) === Ch.SEMI) {
      this.pos++;
    } else {
      this.skipLinebreaks();
      if (this.peekKeyword() === 'in') {
        this.pos += 2;
        const items: Word[] = [];
        node.items = items;
        for (;;) {
          this.skipBlanks();
          const d = this.code(this.pos);
          if (d === Ch.SEMI) {
            this.pos++;
            break;
          }
          if (d === Ch.NL) {
            this.consumeNewline();
            break;
          }
          if (d === Ch.HASH) {
            this.readComment();
            continue;
          }
          if (d < 0 || (d < 128 && WORD_TABLE[d] === Cls.BREAK && !((d === Ch.LT || d === Ch.GT) && this.code(this.pos + 1) === Ch.LPAREN))) {
            if (d >= 0) this.fail(`unexpected ${this.describe(this.pos)} in a \`${keyword}\` word list`, this.pos);
            break;
          }
          const item = this.readWord(Mode.WORD);
          items.push(item);
          node.end = item.end;
          if (this.failed) return node;
        }
      }
    }
    this.parseDoGroup(node, start, keyword);
    return node;
  }

  private parseCase(): CaseClause {
    const start = this.pos;
    this.pos += 4;
    this.skipBlanks();
    const c = this.code(this.pos);
    if (c < 0 || (c < 128 && WORD_TABLE[c] === Cls.BREAK)) {
      this.fail('`case` must be followed by a word', this.pos);
      return { type: 'CaseClause', start, end: this.pos, word: emptyWord(this.pos), items: [], redirects: [] };
    }
    const word = this.readWord(Mode.WORD);
    const node: CaseClause = { type: 'CaseClause', start, end: this.pos, word, items: [], redirects: [] };
    if (!this.expectKeyword('in', '`case x` must be followed by `in`', start)) return node;
    for (;;) {
      this.skipLinebreaks();
      const itemStart = this.pos;
      if (this.pos >= this.end) {
        this.fail('`case` needs a matching `esac`', start);
        return node;
      }
      if (this.peekKeyword() === 'esac') {
        this.pos += 4;
        node.end = this.pos;
        return node;
      }
      if (this.code(this.pos) === Ch.LPAREN) this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        this.skipBlanks();
        const d = this.code(this.pos);
        if (d < 0 || (d < 128 && WORD_TABLE[d] === Cls.BREAK)) {
          this.fail('a case pattern was expected', this.pos);
          return node;
        }
        patterns.push(this.readWord(Mode.WORD));
        if (this.failed) return node;
        this.skipBlanks();
        const e = this.code(this.pos);
        if (e === Ch.PIPE) {
          this.pos++;
          continue;
        }
        if (e === Ch.RPAREN) {
          this.pos++;
          break;
        }
        this.fail('a case pattern must be followed by `)`', this.pos);
        return node;
      }
      const item: CaseItem = { type: 'CaseItem', start: itemStart, end: this.pos, patterns, body: [], terminator: undefined };
      node.items.push(item);
      item.body = this.parseNestedList(Stop.CASE);
      item.end = node.end = this.pos;
      if (this.failed) return node;
      if (this.code(this.pos) === Ch.SEMI) {
        const n = this.code(this.pos + 1);
        if (n === Ch.AMP) item.terminator = ';&';
        else if (this.code(this.pos + 2) === Ch.AMP) item.terminator = ';;&';
        else item.terminator = ';;';
        this.pos += item.terminator.length;
        item.end = this.pos;
      } else if (this.peekKeyword() !== 'esac') {
        this.fail('`case` needs a matching `esac`', start);
        return node;
      }
    }
  }

  private parseTestClause(): TestClause {
    const start = this.pos;
    this.pos += 2;
    const words: Word[] = [];
    const node: TestClause = { type: 'TestClause', start, end: start, words, redirects: [] };
    let regex = false;
    for (;;) {
      this.skipLinebreaks();
      const pos = this.pos;
      const c = this.code(pos);
      if (c < 0) {
        this.fail('`[[` needs a matching `]]`', start);
        break;
      }
      if (c === Ch.RBRACKET && this.code(pos + 1) === Ch.RBRACKET && isDelimiter(this.code(pos + 2))) {
        this.pos += 2;
        break;
      }
      const n = this.code(pos + 1);
      let operatorLength = 0;
      if ((c === Ch.AMP && n === Ch.AMP) || (c === Ch.PIPE && n === Ch.PIPE)) operatorLength = 2;
      else if (c === Ch.LPAREN || c === Ch.RPAREN || c === Ch.LT || c === Ch.GT || (c === Ch.BANG && isBlank(n))) operatorLength = 1;
      else if (c < 128 && WORD_TABLE[c] === Cls.BREAK && !regex) {
        this.fail(`unexpected ${this.describe(pos)} in \`[[ ]]\``, pos);
        break;
      }
      let word: Word;
      if (operatorLength > 0 && !regex) {
        this.pos += operatorLength;
        word = literalWord(this.src, pos, this.pos);
      } else {
        word = this.readWord(regex ? Mode.REGEX : Mode.WORD);
        if (word.end === word.start) {
          this.fail(`unexpected ${this.describe(pos)} in \`[[ ]]\``, pos);
          break;
        }
      }
      words.push(word);
      regex = word.text === '=~';
      if (this.failed) break;
    }
    node.end = this.pos;
    return node;
  }

  private parseArithmeticCommand(): ArithmeticCommand {
    const start = this.pos;
    this.pos += 2;
    const expression = this.readArithmetic(false);
    if (!this.failed) this.pos += 2;
    return { type: 'ArithmeticCommand', start, end: this.pos, expression, redirects: [] };
  }

  // -------------------------------------------------------------------------------------------------
  // Assignments and redirects

  /** If an assignment `name=`, `name+=`, `name[i]=` starts here, the offset of its `=`; else -1. */
  private assignmentEquals(): number {
    const src = this.src;
    const end = this.end;
    let p = this.pos;
    let c = p < end ? src.charCodeAt(p) : 128;
    if (c >= 128 || (CHAR_FLAGS[c]! & Flag.NAME_START) === 0) return -1;
    for (;;) {
      c = ++p < end ? src.charCodeAt(p) : 128;
      if (c < 128 && (CHAR_FLAGS[c]! & Flag.NAME) !== 0) continue;
      if (c === Ch.BACKSLASH && p + 1 < end && src.charCodeAt(p + 1) === Ch.NL) p++;
      else break;
    }
    if (p < end && src.charCodeAt(p) === Ch.LBRACKET) {
      let depth = 0;
      for (; p < end; p++) {
        const c = src.charCodeAt(p);
        if (c === Ch.LBRACKET) depth++;
        else if (c === Ch.RBRACKET && --depth === 0) break;
        else if (c === Ch.NL) return -1;
      }
      if (p >= end) return -1;
      p++;
    }
    if (p < end && src.charCodeAt(p) === Ch.PLUS) p++;
    return p < end && src.charCodeAt(p) === Ch.EQUALS ? p : -1;
  }

  private parseAssignment(equals: number): Assignment {
    const src = this.src;
    const start = this.pos;
    let p = start + 1;
    let name = '';
    let segment = start;
    for (;;) {
      const c = src.charCodeAt(p);
      if (isNameChar(c)) p++;
      else if (c === Ch.BACKSLASH && src.charCodeAt(p + 1) === Ch.NL) {
        name += src.slice(segment, p);
        p += 2;
        segment = p;
      } else break;
    }
    name += src.slice(segment, p);
    const index = src.charCodeAt(p) === Ch.LBRACKET ? src.slice(p + 1, src.lastIndexOf(']', equals)) : undefined;
    const append = src.charCodeAt(equals - 1) === Ch.PLUS;
    this.pos = equals + 1;
    const node: Assignment = { type: 'Assignment', start, end: this.pos, name, index, append, value: undefined, array: undefined };
    const c = this.code(this.pos);
    if (c === Ch.LPAREN) {
      node.array = this.readArrayLiteral();
      node.end = node.array.end;
    } else if (c < 0 || (c < 128 && WORD_TABLE[c] === Cls.BREAK)) {
      node.value = emptyWord(this.pos);
    } else {
      node.value = this.readWord(Mode.WORD);
      node.end = node.value.end;
    }
    return node;
  }

  /** `(x y)` after `name=`. */
  private readArrayLiteral(): ArrayLiteral {
    const start = this.pos++;
    const elements: Word[] = [];
    const node: ArrayLiteral = { type: 'ArrayLiteral', start, end: start, text: '', elements };
    for (;;) {
      this.skipLinebreaks();
      const c = this.code(this.pos);
      if (c === Ch.RPAREN) {
        this.pos++;
        break;
      }
      if (c < 0) {
        this.fail('reached the end of the script without closing the array `(`', start);
        break;
      }
      if (c < 128 && (WORD_TABLE[c] === Cls.BREAK || c === Ch.LPAREN)) {
        this.fail(`unexpected ${this.describe(this.pos)} in an array`, this.pos);
        break;
      }
      elements.push(this.readWord(Mode.WORD));
      if (this.failed) break;
    }
    node.end = this.pos;
    node.text = this.src.slice(start, this.pos);
    return node;
  }

  /** `name=(…)` as an argument of `declare`, `local`, `export`…: one word. */
  private readArrayWord(equals: number): Word {
    const start = this.pos;
    const prefix: Literal = { type: 'Literal', start, end: equals + 1, value: this.src.slice(start, equals + 1) };
    this.pos = equals + 1;
    const array = this.readArrayLiteral();
    return { type: 'Word', start, end: this.pos, text: this.src.slice(start, this.pos), parts: [prefix, array], value: undefined };
  }

  /** If a redirect starts here, the offset of its operator; else -1. */
  private redirectStart(): number {
    const src = this.src;
    const end = this.end;
    let p = this.pos;
    let c = src.charCodeAt(p);
    if (isDigit(c)) {
      do p++;
      while (p < end && isDigit(src.charCodeAt(p)));
    } else if (c === Ch.LBRACE) {
      p++;
      if (p >= end || !isNameStart(src.charCodeAt(p))) return -1;
      while (p < end && isNameChar(src.charCodeAt(p))) p++;
      if (p >= end || src.charCodeAt(p) !== Ch.RBRACE) return -1;
      p++;
    } else if (c === Ch.AMP) {
      return this.code(p + 1) === Ch.GT ? p : -1;
    }
    if (p >= end) return -1;
    c = src.charCodeAt(p);
    if (c !== Ch.LT && c !== Ch.GT) return -1;
    return this.code(p + 1) === Ch.LPAREN ? -1 : p;
  }

  private parseRedirect(): Redirect {
    const src = this.src;
    const start = this.pos;
    const opStart = this.redirectStart();
    let fd: string | undefined;
    if (opStart > start) {
      fd = src.charCodeAt(start) === Ch.LBRACE ? src.slice(start + 1, opStart - 1) : src.slice(start, opStart);
    }
    let p = opStart;
    const c = src.charCodeAt(p++);
    const n = this.code(p);
    let operator: RedirectOperator;
    if (c === Ch.LT) {
      if (n === Ch.LT) {
        p++;
        const m = this.code(p);
        if (m === Ch.LT) (operator = '<<<'), p++;
        else if (m === Ch.MINUS) (operator = '<<-'), p++;
        else operator = '<<';
      } else if (n === Ch.AMP) (operator = '<&'), p++;
      else if (n === Ch.GT) (operator = '<>'), p++;
      else operator = '<';
    } else if (c === Ch.GT) {
      if (n === Ch.GT) (operator = '>>'), p++;
      else if (n === Ch.AMP) (operator = '>&'), p++;
      else if (n === Ch.PIPE) (operator = '>|'), p++;
      else operator = '>';
    } else {
      p++; // `&>`
      if (this.code(p) === Ch.GT) (operator = '&>>'), p++;
      else operator = '&>';
    }
    this.pos = p;
    this.skipBlanks();
    const d = this.code(this.pos);
    let target: Word;
    const processSubstitution = (d === Ch.LT || d === Ch.GT) && this.code(this.pos + 1) === Ch.LPAREN;
    if (d < 0 || (d < 128 && WORD_TABLE[d] === Cls.BREAK && !processSubstitution) || d === Ch.LPAREN || d === Ch.HASH) {
      this.fail(`\`${operator}\` must be followed by a word`, opStart);
      target = emptyWord(this.pos);
    } else {
      target = this.readWord(Mode.WORD);
    }
    const redirect: Redirect = { type: 'Redirect', start, end: target.end, fd, operator, target, heredoc: undefined };
    if ((operator === '<<' || operator === '<<-') && !this.failed) {
      const quoted = target.parts.length !== 1 || target.parts[0]!.type !== 'Literal' || target.text.includes('\\');
      const heredoc: Heredoc = {
        type: 'Heredoc',
        start: target.end,
        end: target.end,
        delimiter: target.value ?? target.text,
        quoted,
        stripTabs: operator === '<<-',
        body: emptyWord(target.end),
        closed: false,
      };
      redirect.heredoc = heredoc;
      this.pending.push(heredoc);
    }
    return redirect;
  }

  /** At the start of the line after a command line with heredoc redirects: read their bodies in order. */
  private readHeredocBodies(): void {
    const pending = this.pending;
    this.pending = [];
    const src = this.src;
    for (const heredoc of pending) {
      const bodyStart = this.pos;
      const delimiter = heredoc.delimiter;
      let bodyEnd = this.end;
      let lineStart = this.pos;
      while (lineStart < this.end) {
        let lineEnd = src.indexOf('\n', lineStart);
        if (lineEnd < 0 || lineEnd > this.end) lineEnd = this.end;
        let s = lineStart;
        if (heredoc.stripTabs) while (s < lineEnd && src.charCodeAt(s) === Ch.TAB) s++;
        if (lineEnd - s === delimiter.length && src.startsWith(delimiter, s)) {
          bodyEnd = lineStart;
          heredoc.closed = true;
          heredoc.end = lineEnd;
          this.pos = lineEnd < this.end ? lineEnd + 1 : lineEnd;
          break;
        }
        lineStart = lineEnd + 1;
      }
      if (!heredoc.closed) {
        heredoc.end = this.end;
        this.pos = this.end;
        this.fail(`the heredoc \`${delimiter}\` is never closed`, heredoc.start);
      }
      heredoc.start = bodyStart;
      if (heredoc.quoted) {
        const text = src.slice(bodyStart, bodyEnd);
        const parts: WordPart[] = bodyEnd > bodyStart ? [{ type: 'Literal', start: bodyStart, end: bodyEnd, value: text }] : [];
        heredoc.body = { type: 'Word', start: bodyStart, end: bodyEnd, text, parts, value: text };
      } else {
        const resume = this.pos;
        const savedEnd = this.end;
        this.pos = bodyStart;
        this.end = bodyEnd;
        heredoc.body = this.readWord(Mode.HEREDOC);
        this.end = savedEnd;
        this.pos = resume;
      }
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Words

  /** Reads one word in the given mode, from the current position. */
  private readWord(mode: Mode): Word {
    const src = this.src;
    const table = MODE_TABLES[mode]!;
    const start = this.pos;
    const end = this.end;
    let pos = start;
    let parts: WordPart[] | undefined;
    let value: string | undefined = '';
    // The current literal run: from litStart; litValue holds its unescaped text up to segStart.
    let litStart = pos;
    let segStart = pos;
    let litValue = '';
    let escaped = false;
    let braceDepth = 0;
    let parenDepth = 0;
    for (;;) {
      while (pos < end) {
        const c = src.charCodeAt(pos);
        if (c < 128 && table[c] !== 0) break;
        pos++;
      }
      if (pos >= end) break;
      const c = src.charCodeAt(pos);
      const cls = table[c]!;
      if (cls === Cls.BREAK) {
        if (mode === Mode.WORD && (c === Ch.LT || c === Ch.GT) && this.code(pos + 1) === Ch.LPAREN) {
          if (pos > litStart) {
            const v = litValue + src.slice(segStart, pos);
            (parts ??= []).push({ type: 'Literal', start: litStart, end: pos, value: v });
          }
          this.pos = pos;
          const part = this.readProcessSubstitution();
          (parts ??= []).push(part);
          value = undefined;
          pos = litStart = segStart = this.pos;
          litValue = '';
          if (this.failed) break;
          continue;
        }
        break;
      }
      if (cls === Cls.LPAREN) {
        if (mode === Mode.REGEX) {
          parenDepth++;
          pos++;
          continue;
        }
        // extglob: @(…) !(…) +(…) ?(…) *(…)
        if (pos > start && isExtglobPrefix(src.charCodeAt(pos - 1))) {
          const close = this.extglobEnd(pos);
          if (close > 0) {
            pos = close;
            continue;
          }
        }
        break;
      }
      if (cls === Cls.RPAREN) {
        if (parenDepth === 0) break;
        parenDepth--;
        pos++;
        continue;
      }
      if (cls === Cls.LBRACE) {
        braceDepth++;
        pos++;
        continue;
      }
      if (cls === Cls.RBRACE) {
        if (braceDepth === 0) break;
        braceDepth--;
        pos++;
        continue;
      }
      if (cls === Cls.ESCAPE) {
        const n = pos + 1 < end ? src.charCodeAt(pos + 1) : -1;
        if (n === Ch.NL) {
          // A line continuation: dropped; it ends the word when a break follows it.
          const after = pos + 2 < end ? src.charCodeAt(pos + 2) : -1;
          if (mode === Mode.WORD && (after < 0 || (after < 128 && table[after] === Cls.BREAK))) break;
          litValue += src.slice(segStart, pos);
          escaped = true;
          pos += 2;
          segStart = pos;
          continue;
        }
        if (n < 0) {
          pos++;
          continue;
        }
        if (mode === Mode.HEREDOC || mode === Mode.OPERAND_DQ) {
          if (n === Ch.DOLLAR || n === Ch.BACKQUOTE || n === Ch.BACKSLASH || (mode === Mode.OPERAND_DQ && (n === Ch.DQUOTE || n === Ch.RBRACE))) {
            litValue += src.slice(segStart, pos);
            escaped = true;
            segStart = pos + 1;
          }
          pos += 2;
          continue;
        }
        litValue += src.slice(segStart, pos);
        escaped = true;
        segStart = pos + 1;
        pos += 2;
        continue;
      }
      if (cls === Cls.DOLLAR && !this.expansionAt(pos, mode === Mode.HEREDOC || mode === Mode.OPERAND_DQ)) {
        pos++; // a lone `$` is literal
        continue;
      }
      // A quote or an expansion: close the literal run first.
      if (pos > litStart) {
        const v = litValue + src.slice(segStart, pos);
        (parts ??= []).push({ type: 'Literal', start: litStart, end: pos, value: v });
        if (value !== undefined) value += v;
      }
      this.pos = pos;
      let part: WordPart | undefined;
      if (cls === Cls.SQUOTE) {
        part = this.readSingleQuoted();
        if (value !== undefined) value += part.value;
      } else if (cls === Cls.DQUOTE) {
        part = this.readDoubleQuoted(pos, false);
        if (value !== undefined) value = this.dqValue === undefined ? undefined : value + this.dqValue;
      } else if (cls === Cls.DOLLAR) {
        part = this.readDollar(mode === Mode.HEREDOC || mode === Mode.OPERAND_DQ)!;
        if (part.type === 'SingleQuoted') {
          if (value !== undefined) value += part.value;
        } else if (part.type === 'DoubleQuoted') {
          if (value !== undefined) value = this.dqValue === undefined ? undefined : value + this.dqValue;
        } else {
          value = undefined;
        }
      } else {
        part = this.readBackquoted(false);
        value = undefined;
      }
      (parts ??= []).push(part);
      pos = litStart = segStart = this.pos;
      litValue = '';
      if (this.failed) break;
    }
    if (pos > litStart) {
      if (parts === undefined && !escaped) {
        // The common case: one plain literal.
        const text = src.slice(start, pos);
        this.pos = pos;
        return plainWord(start, pos, text);
      }
      const v = litValue + src.slice(segStart, pos);
      (parts ??= []).push({ type: 'Literal', start: litStart, end: pos, value: v });
      if (value !== undefined) value += v;
    }
    this.pos = pos;
    return { type: 'Word', start, end: pos, text: src.slice(start, pos), parts: parts ?? [], value };
  }

  /** The end of the extglob group opening at `open`, or -1. */
  private extglobEnd(open: number): number {
    const src = this.src;
    let depth = 0;
    for (let p = open; p < this.end; p++) {
      const c = src.charCodeAt(p);
      if (c === Ch.BACKSLASH) p++;
      else if (c === Ch.LPAREN) depth++;
      else if (c === Ch.RPAREN && --depth === 0) return p + 1;
      else if (c === Ch.NL) return -1;
    }
    return -1;
  }

  private readSingleQuoted(): SingleQuoted {
    const start = this.pos;
    const close = this.src.indexOf("'", start + 1);
    if (close < 0 || close >= this.end) {
      this.fail("reached the end of the script without a closing `'`", start);
      this.pos = this.end;
      return { type: 'SingleQuoted', start, end: this.end, value: this.src.slice(start + 1, this.end), dollar: false };
    }
    this.pos = close + 1;
    return { type: 'SingleQuoted', start, end: close + 1, value: this.src.slice(start + 1, close), dollar: false };
  }

  /** `$'…'` with C escapes. */
  private readAnsiQuoted(): SingleQuoted {
    const src = this.src;
    const start = this.pos;
    let p = start + 2;
    while (p < this.end) {
      const c = src.charCodeAt(p);
      if (c === Ch.BACKSLASH) p += 2;
      else if (c === Ch.SQUOTE) break;
      else p++;
    }
    if (p >= this.end) {
      this.fail("reached the end of the script without a closing `'`", start);
      this.pos = this.end;
      return { type: 'SingleQuoted', start, end: this.end, value: decodeAnsiC(src.slice(start + 2, this.end)), dollar: true };
    }
    this.pos = p + 1;
    return { type: 'SingleQuoted', start, end: p + 1, value: decodeAnsiC(src.slice(start + 2, p)), dollar: true };
  }

  /** `"…"` (this.pos at the quote), or `$"…"` when `dollar` (`start` at the `$`). Sets dqValue. */
  private readDoubleQuoted(start: number, dollar: boolean): DoubleQuoted {
    const src = this.src;
    const end = this.end;
    let pos = this.pos + 1;
    const parts: WordPart[] = [];
    let value: string | undefined = '';
    let litStart = pos;
    let segStart = pos;
    let litValue = '';
    let closed = false;
    for (;;) {
      while (pos < end) {
        const c = src.charCodeAt(pos);
        if (c === Ch.DQUOTE || c === Ch.BACKSLASH || c === Ch.DOLLAR || c === Ch.BACKQUOTE) break;
        pos++;
      }
      if (pos >= end) break;
      const c = src.charCodeAt(pos);
      if (c === Ch.DOLLAR && !this.expansionAt(pos, true)) {
        pos++;
        continue;
      }
      if (c === Ch.BACKSLASH) {
        const n = pos + 1 < end ? src.charCodeAt(pos + 1) : -1;
        if (n === Ch.DOLLAR || n === Ch.BACKQUOTE || n === Ch.DQUOTE || n === Ch.BACKSLASH) {
          litValue += src.slice(segStart, pos);
          segStart = pos + 1;
        } else if (n === Ch.NL) {
          litValue += src.slice(segStart, pos);
          segStart = pos + 2;
        }
        pos += 2;
        continue;
      }
      if (pos > litStart) {
        const v = litValue + src.slice(segStart, pos);
        parts.push({ type: 'Literal', start: litStart, end: pos, value: v });
        if (value !== undefined) value += v;
      }
      if (c === Ch.DQUOTE) {
        pos++;
        closed = true;
        litStart = pos;
        break;
      }
      this.pos = pos;
      const part = c === Ch.DOLLAR ? this.readDollar(true)! : this.readBackquoted(true);
      parts.push(part);
      value = undefined;
      pos = litStart = segStart = this.pos;
      litValue = '';
      if (this.failed) break;
    }
    if (!closed) {
      if (pos > litStart) {
        const v = litValue + src.slice(segStart, pos);
        parts.push({ type: 'Literal', start: litStart, end: pos, value: v });
      }
      this.fail('reached the end of the script without a closing `"`', start);
      pos = Math.min(pos, end);
    }
    this.pos = pos;
    this.dqValue = value;
    return { type: 'DoubleQuoted', start, end: pos, text: src.slice(start, pos), parts, dollar };
  }

  /** Whether the `$` at `pos` starts an expansion (else it is a literal `$`). */
  private expansionAt(pos: number, quoted: boolean): boolean {
    const n = this.code(pos + 1);
    return (
      n === Ch.LBRACE ||
      n === Ch.LPAREN ||
      n === Ch.LBRACKET ||
      isNameStart(n) ||
      isDigit(n) ||
      isSpecialParam(n) ||
      (!quoted && (n === Ch.SQUOTE || n === Ch.DQUOTE))
    );
  }

  /** At `$`: an expansion, a substitution, `$'…'` or `$"…"`; undefined for a literal `$`. */
  private readDollar(quoted: boolean): WordPart | undefined {
    const src = this.src;
    const start = this.pos;
    const n = this.code(start + 1);
    if (n === Ch.LBRACE) return this.readBracedParam(quoted);
    if (n === Ch.LPAREN) {
      return this.code(start + 2) === Ch.LPAREN ? this.readArithmeticExpansion(false) : this.readCommandSubstitution();
    }
    if (n === Ch.LBRACKET) return this.readArithmeticExpansion(true);
    if (n === Ch.SQUOTE && !quoted) return this.readAnsiQuoted();
    if (n === Ch.DQUOTE && !quoted) {
      this.pos = start + 1;
      return this.readDoubleQuoted(start, true);
    }
    let p = start + 1;
    if (isNameStart(n)) {
      p++;
      while (p < this.end && isNameChar(src.charCodeAt(p))) p++;
    } else if (isDigit(n) || isSpecialParam(n)) {
      p++;
    } else {
      return undefined;
    }
    this.pos = p;
    const text = src.slice(start, p);
    return {
      type: 'ParamExpansion',
      start,
      end: p,
      text,
      name: text.slice(1),
      braced: false,
      prefix: undefined,
      index: undefined,
      operator: undefined,
      operand: undefined,
    };
  }

  private readBracedParam(quoted: boolean): ParamExpansion {
    const src = this.src;
    const start = this.pos;
    let p = start + 2;
    const node: ParamExpansion = {
      type: 'ParamExpansion',
      start,
      end: p,
      text: '',
      name: '',
      braced: true,
      prefix: undefined,
      index: undefined,
      operator: undefined,
      operand: undefined,
    };
    if (++this.depth > MAX_DEPTH) this.fail('the script is nested too deeply', start);
    let c = this.code(p);
    if (c === Ch.HASH || c === Ch.BANG) {
      const n = this.code(p + 1);
      if (n >= 0 && n !== Ch.RBRACE && (isNameStart(n) || isDigit(n) || isSpecialParam(n))) {
        node.prefix = c === Ch.HASH ? '#' : '!';
        p++;
        c = n;
      }
    }
    const nameStart = p;
    if (isNameStart(c)) {
      p++;
      while (p < this.end && isNameChar(src.charCodeAt(p))) p++;
    } else if (isDigit(c)) {
      p++;
      while (p < this.end && isDigit(src.charCodeAt(p))) p++;
    } else if (isSpecialParam(c)) {
      p++;
    } else {
      this.fail('`${` must be followed by a parameter name', start);
    }
    node.name = src.slice(nameStart, p);
    if (!this.failed && this.code(p) === Ch.LBRACKET) {
      let depth = 0;
      const indexStart = p + 1;
      for (; p < this.end; p++) {
        const d = src.charCodeAt(p);
        if (d === Ch.LBRACKET) depth++;
        else if (d === Ch.RBRACKET && --depth === 0) break;
      }
      if (p >= this.end) this.fail('reached the end of the script without closing `[`', indexStart - 1);
      else node.index = src.slice(indexStart, p++);
    }
    if (!this.failed) {
      c = this.code(p);
      const n = this.code(p + 1);
      let length = 0;
      if (c === Ch.RBRACE) length = 0;
      else if (c === Ch.COLON) length = n === Ch.MINUS || n === Ch.EQUALS || n === Ch.QUESTION || n === Ch.PLUS ? 2 : 1;
      else if (c === Ch.MINUS || c === Ch.EQUALS || c === Ch.QUESTION || c === Ch.PLUS || c === Ch.AT || c === Ch.STAR) length = 1;
      else if (c === Ch.HASH || c === Ch.PERCENT || c === Ch.CARET || c === Ch.COMMA) length = n === c ? 2 : 1;
      else if (c === Ch.SLASH) length = n === Ch.SLASH || n === Ch.HASH || n === Ch.PERCENT ? 2 : 1;
      else this.fail(`${this.describe(p)} is not a parameter expansion operator`, p);
      if (length > 0) {
        node.operator = src.slice(p, p + length);
        this.pos = p + length;
        node.operand = this.readWord(quoted ? Mode.OPERAND_DQ : Mode.OPERAND);
        p = this.pos;
      }
    }
    if (!this.failed) {
      if (this.code(p) === Ch.RBRACE) p++;
      else this.fail('reached the end of the script without closing `${`', start);
    }
    this.depth--;
    this.pos = p;
    node.end = p;
    node.text = src.slice(start, p);
    return node;
  }

  private readCommandSubstitution(): CommandSubstitution {
    const start = this.pos;
    this.pos += 2;
    const body = this.parseNestedList(Stop.RPAREN);
    if (!this.failed) {
      if (this.code(this.pos) === Ch.RPAREN) this.pos++;
      else this.fail('reached the end of the script without closing `$(`', start);
    }
    return { type: 'CommandSubstitution', start, end: this.pos, text: this.src.slice(start, this.pos), body, backquoted: false };
  }

  private readProcessSubstitution(): ProcessSubstitution {
    const start = this.pos;
    const direction = this.src.charCodeAt(start) === Ch.LT ? '<' : '>';
    this.pos += 2;
    const body = this.parseNestedList(Stop.RPAREN);
    if (!this.failed) {
      if (this.code(this.pos) === Ch.RPAREN) this.pos++;
      else this.fail(`reached the end of the script without closing \`${direction}(\``, start);
    }
    return { type: 'ProcessSubstitution', start, end: this.pos, text: this.src.slice(start, this.pos), direction, body };
  }

  /** `` `…` ``: its body is parsed in place, or from its unescaped text when it has `\$`, `` \` ``, `\\`. */
  private readBackquoted(inDoubleQuotes: boolean): CommandSubstitution {
    const src = this.src;
    const start = this.pos;
    let p = start + 1;
    let escapes = false;
    while (p < this.end) {
      const c = src.charCodeAt(p);
      if (c === Ch.BACKQUOTE) break;
      if (c === Ch.BACKSLASH && p + 1 < this.end) {
        const n = src.charCodeAt(p + 1);
        if (n === Ch.BACKQUOTE || n === Ch.DOLLAR || n === Ch.BACKSLASH || (inDoubleQuotes && n === Ch.DQUOTE)) escapes = true;
        p += 2;
      } else {
        p++;
      }
    }
    const node: CommandSubstitution = { type: 'CommandSubstitution', start, end: p, text: '', body: [], backquoted: true };
    if (p >= this.end) {
      this.fail('reached the end of the script without a closing backquote', start);
      this.pos = this.end;
      node.end = this.end;
      node.text = src.slice(start, this.end);
      return node;
    }
    const close = p;
    if (!escapes) {
      const savedEnd = this.end;
      const savedPending = this.pending;
      this.pending = [];
      this.end = close;
      this.pos = start + 1;
      node.body = this.parseNestedList(Stop.NONE);
      if (!this.failed && this.pos < close) this.fail(`unexpected ${this.describe(this.pos)} in backquotes`, this.pos);
      this.finish();
      this.end = savedEnd;
      this.pending = savedPending;
    } else {
      // Remove one level of escaping and parse that text; map offsets back through the removed backslashes.
      let text = '';
      const offsets: number[] = [];
      let seg = start + 1;
      for (let i = start + 1; i < close; i++) {
        if (src.charCodeAt(i) === Ch.BACKSLASH) {
          const n = src.charCodeAt(i + 1);
          if (n === Ch.BACKQUOTE || n === Ch.DOLLAR || n === Ch.BACKSLASH || (inDoubleQuotes && n === Ch.DQUOTE)) {
            text += src.slice(seg, i);
            for (let k = seg; k < i; k++) offsets.push(k);
            seg = i + 1;
            i++;
          }
        }
      }
      text += src.slice(seg, close);
      for (let k = seg; k < close; k++) offsets.push(k);
      offsets.push(close);
      const inner = new Parser(text, 0, text.length);
      inner.depth = this.depth + 1;
      node.body = inner.depth > MAX_DEPTH ? [] : inner.parseList(Stop.NONE);
      inner.finish();
      const mapStart = (o: number) => offsets[o]!;
      const mapEnd = (o: number) => (o === 0 ? offsets[0]! : offsets[o - 1]! + 1);
      remapOffsets([node.body, inner.comments, inner.errors], mapStart, mapEnd);
      this.comments.push(...inner.comments);
      if (inner.errors.length > 0) this.fail(inner.errors[0]!.message, inner.errors[0]!.offset);
    }
    this.pos = close + 1;
    node.end = close + 1;
    node.text = src.slice(start, close + 1);
    return node;
  }

  private readArithmeticExpansion(bracket: boolean): ArithmeticExpansion {
    const start = this.pos;
    this.pos += bracket ? 2 : 3;
    const expression = this.readArithmetic(bracket);
    if (!this.failed) this.pos += bracket ? 1 : 2;
    return { type: 'ArithmeticExpansion', start, end: this.pos, text: this.src.slice(start, this.pos), expression };
  }

  /** An arithmetic expression up to `))` (or `]` for `$[…]`), which is left unconsumed. */
  private readArithmetic(bracket: boolean): Arithmetic {
    const src = this.src;
    const start = this.pos;
    let pos = start;
    let depth = 0;
    const parts: WordPart[] = [];
    let litStart = pos;
    let closed = false;
    if (++this.depth > MAX_DEPTH) this.fail('the script is nested too deeply', start);
    while (pos < this.end && !this.failed) {
      const c = src.charCodeAt(pos);
      if (c === Ch.LPAREN) depth++;
      else if (c === Ch.RPAREN) {
        if (depth === 0) {
          if (!bracket && this.code(pos + 1) === Ch.RPAREN) {
            closed = true;
            break;
          }
          this.fail(bracket ? 'unexpected `)` in `$[ ]`' : 'an arithmetic expression must end with `))`', pos);
          break;
        }
        depth--;
      } else if (c === Ch.RBRACKET && bracket && depth === 0) {
        closed = true;
        break;
      } else if (c === Ch.BACKSLASH) {
        pos++;
      } else if (c === Ch.DOLLAR || c === Ch.BACKQUOTE || c === Ch.DQUOTE) {
        if (pos > litStart) parts.push({ type: 'Literal', start: litStart, end: pos, value: src.slice(litStart, pos) });
        this.pos = pos;
        let part: WordPart | undefined;
        if (c === Ch.DOLLAR) part = this.readDollar(false);
        else if (c === Ch.BACKQUOTE) part = this.readBackquoted(false);
        else part = this.readDoubleQuoted(pos, false);
        if (part === undefined) {
          litStart = pos;
          pos++;
          continue;
        }
        parts.push(part);
        pos = litStart = this.pos;
        continue;
      }
      pos++;
    }
    if (!closed && !this.failed) this.fail(bracket ? 'reached the end of the script without closing `$[`' : 'reached the end of the script without closing `((`', start);
    if (pos > this.end) pos = this.end;
    if (pos > litStart) parts.push({ type: 'Literal', start: litStart, end: pos, value: src.slice(litStart, pos) });
    this.depth--;
    this.pos = pos;
    return { type: 'Arithmetic', start, end: pos, text: src.slice(start, pos), parts };
  }
}

// ---------------------------------------------------------------------------------------------------

function emptyWord(at: number): Word {
  return { type: 'Word', start: at, end: at, text: '', parts: [], value: '' };
}

/** A word of one unquoted literal. Built from shallow literals: before the JIT optimizes it, V8 creates a
 *  nested object literal through a slow runtime path. */
function plainWord(start: number, end: number, text: string): Word {
  const literal: Literal = { type: 'Literal', start, end, value: text };
  const parts: WordPart[] = [literal];
  return { type: 'Word', start, end, text, parts, value: text };
}

function literalWord(src: string, start: number, end: number): Word {
  const text = src.slice(start, end);
  return plainWord(start, end, text);
}
