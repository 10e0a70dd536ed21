// Differential test of src/shell against mvdan-sh: every RUN script of the real-world Dockerfiles and of
// hadolint's rule cases is parsed by both, and the simple commands found (words as raw text with their
// offsets, and the span of each command) must be the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShellScript } from '../src/shell/ast.js';
import { parseShell } from '../src/shell/parse.js';
import { loadMvdan, newBashParser, oracleCommands, type OracleCommand } from './support/mvdan.js';
import { INVALID_CONSTRUCTS, VALID_CONSTRUCTS } from './support/shell-constructs.js';
import { hadolintCaseRunScripts, realWorldRunScripts, type RunScript } from './support/run-scripts.js';

/**
 * Scripts on which the two parsers are known to disagree, on purpose. Each entry must still match a
 * script of the corpus and still disagree, so the list cannot go stale.
 */
const INTENTIONAL_DIFFERENCES: { matches: (script: string) => boolean; reason: string }[] = [
  {
    matches: (script) => script.includes('\\`'),
    reason:
      'backquotes nested with \\`: mvdan-sh gives the inner commands offsets shifted by the backslashes it ' +
      'removed (`cmd5\\` at 39-44 for \\`cmd5\\`); here they are mapped back through the escapes (`cmd5` at 39-43)',
  },
  {
    matches: (script) => /^\w+\s*\(\)\s*[^\s{(]/m.test(script),
    reason: 'a function whose body is a simple command (`f() echo`): bash rejects it, mvdan-sh accepts it',
  },
  {
    matches: (script) => /[^\s"'`)}\\]\\\n/.test(script),
    reason:
      'a word that ends with a line continuation (`a\\<newline>`): mvdan-sh counts the `\\`-newline in the ' +
      "word's end; here it is not part of the word (the shell removes it before splitting words)",
  },
  {
    matches: (script) => /[}'"`)]#/.test(script),
    reason:
      '`#` right after a quote or an expansion (`${x}#c`, `""#d`): mvdan-sh starts a comment there; bash ' +
      '(and this parser) keep it in the word, as a comment only starts a word',
  },
  {
    matches: (script) => /[}'"`)]\d+[<>]/.test(script),
    reason:
      'digits right after a quote or an expansion, then `>` (`"$x"2>f`): mvdan-sh reads a file descriptor; ' +
      'bash (and this parser) read the digits as part of the word, as bash prints `a2` for `echo "a"2>f`',
  },
  {
    matches: (script) => /(^|[;&|\n])\s*else\b/.test(script) && !/\bif\b/.test(script),
    reason: 'an `else` outside an `if` (`a; else`): bash rejects it, mvdan-sh accepts it as a command',
  },
  {
    matches: (script) => /\w=\([^)]*\)\s+\w/.test(script),
    reason: 'an array assignment before a command (`a=(x) cmd`): bash parses it, mvdan-sh rejects it',
  },
];

/** Our commands in the oracle's shape; commands of nested `sh -c` scripts are left out (mvdan-sh does
 *  not parse inside strings), and so are redirect-only commands (`> file`), which mvdan-sh represents as
 *  a statement without a command. */
function ourCommands(parsed: ShellScript): OracleCommand[] {
  const source = parsed.source;
  const out: OracleCommand[] = [];
  for (const info of parsed.commands) {
    const { name, args, assignments } = info.command;
    if (info.nestedIn || (!name && assignments.length === 0)) continue;
    const words = name ? [name, ...args] : [];
    const start = assignments.length > 0 ? assignments[0]!.start : name!.start;
    const end = words.length > 0 ? words[words.length - 1]!.end : assignments[assignments.length - 1]!.end;
    out.push({ start, end, words: words.map((w) => ({ text: source.slice(w.start, w.end), start: w.start, end: w.end })) });
  }
  return out;
}

function describe(commands: OracleCommand[]): string {
  return commands.map((c) => `[${c.start},${c.end}] ${c.words.map((w) => `${w.text}@${w.start}`).join(' ')}`).join('\n');
}

test('the shell parser finds the same commands as mvdan-sh in every RUN script of the corpus', () => {
  const syntax = loadMvdan();
  const parser = newBashParser(syntax);
  const corpora: [string, RunScript[]][] = [
    ['real-world Dockerfiles', realWorldRunScripts()],
    ['hadolint rule cases', hadolintCaseRunScripts()],
    ['constructs', [...VALID_CONSTRUCTS, ...INVALID_CONSTRUCTS].map((script, i) => ({ origin: `constructs#${i}`, script }))],
  ];
  const failures: string[] = [];
  const differencesSeen = new Set<number>();
  for (const [label, scripts] of corpora) {
    assert.ok(scripts.length > 50, `${label}: expected a real corpus, found ${scripts.length} scripts`);
    let agreed = 0;
    let rejected = 0;
    let intentional = 0;
    for (const { origin, script } of scripts) {
      const oracle = oracleCommands(syntax, parser, script);
      const parsed = parseShell(script);
      let agrees: boolean;
      let ours: OracleCommand[] = [];
      if (!oracle.ok) {
        agrees = parsed.errors.length > 0;
        if (agrees) rejected++;
      } else {
        ours = ourCommands(parsed);
        agrees = parsed.errors.length === 0 && JSON.stringify(ours) === JSON.stringify(oracle.commands);
      }
      if (agrees) {
        if (oracle.ok) agreed++;
        continue;
      }
      const known = INTENTIONAL_DIFFERENCES.findIndex((d) => d.matches(script));
      if (known >= 0) {
        intentional++;
        differencesSeen.add(known);
        continue;
      }
      failures.push(
        oracle.ok
          ? `${origin}\n--- script\n${script}\n--- errors\n${parsed.errors.map((e) => `${e.offset}: ${e.message}`).join('\n')}` +
              `\n--- mvdan-sh\n${describe(oracle.commands)}\n--- ours\n${describe(ours)}`
          : `${origin}: mvdan-sh rejects it (${oracle.error}) but no error was reported\n${script}`,
      );
    }
    console.log(
      `${label}: ${scripts.length} scripts, ${agreed} agree, ${rejected} rejected by both, ${intentional} differ on purpose`,
    );
  }
  INTENTIONAL_DIFFERENCES.forEach((d, i) => {
    if (!differencesSeen.has(i)) failures.push(`intentional difference no longer seen: ${d.reason}`);
  });
  assert.deepEqual(failures, [], failures.join('\n\n'));
});
