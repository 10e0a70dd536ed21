import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  CaseClause,
  CommandInfo,
  CommandSubstitution,
  DoubleQuoted,
  ForClause,
  IfClause,
  ParamExpansion,
  Redirect,
  ShellScript,
  SimpleCommand,
  Word,
} from './ast.js';
import { mapShellOffsets } from './offsets.js';
import { parseShell } from './parse.js';

/** Each command as `name arg…` (raw text). */
function commandLines(script: ShellScript): string[] {
  return script.commands.map((c) => [c.command.name, ...c.command.args].map((w) => w?.text ?? '').join(' '));
}

function command(script: ShellScript, name: string): CommandInfo {
  const found = script.commands.find((c) => c.command.name?.value === name);
  assert.ok(found, `no command ${name} in ${JSON.stringify(script.source)}`);
  return found;
}

function span(node: { start: number; end: number }): [number, number] {
  return [node.start, node.end];
}

function firstStatementCommand(script: ShellScript): SimpleCommand {
  const cmd = script.body[0]!.pipelines[0]!.commands[0]!;
  assert.equal(cmd.type, 'SimpleCommand');
  return cmd as SimpleCommand;
}

function noErrors(script: ShellScript): void {
  assert.deepEqual(script.errors, [], `unexpected errors in ${JSON.stringify(script.source)}`);
}

test('a simple command: prefix assignments, name, arguments, with offsets and static values', () => {
  const src = 'A=1 B="x y" C= cmd arg';
  const script = parseShell(src);
  noErrors(script);
  const cmd = firstStatementCommand(script);
  assert.deepEqual(
    cmd.assignments.map((a) => [a.name, a.value?.value, a.start, a.end]),
    [
      ['A', '1', 0, 3],
      ['B', 'x y', 4, 11],
      ['C', '', 12, 14],
    ],
  );
  assert.deepEqual([cmd.name?.text, cmd.name?.start, cmd.name?.end], ['cmd', 15, 18]);
  assert.deepEqual([cmd.args[0]?.text, ...span(cmd.args[0]!)], ['arg', 19, 22]);
  assert.deepEqual(span(cmd), [0, 22]);
  assert.deepEqual(span(script.body[0]!), [0, 22]);
});

test('words: quotes, escapes and ANSI-C strings, with their values after quote removal', () => {
  const src = `echo 'a b' "c $HOME d" $'e\\tf\\'' a\\ b \\"q\\" "x\\"y\\\\z" $"loc" mixed'1'"2"3`;
  const script = parseShell(src);
  noErrors(script);
  const [single, double, ansi, escaped, escapedQuotes, dqEscapes, locale, mixed] = firstStatementCommand(script).args as Word[];
  assert.deepEqual([single!.value, single!.parts[0]!.type, ...span(single!)], ['a b', 'SingleQuoted', 5, 10]);
  assert.equal(double!.value, undefined);
  assert.deepEqual(
    (double!.parts[0] as DoubleQuoted).parts.map((p) => [p.type, p.start, p.end]),
    [
      ['Literal', 12, 14],
      ['ParamExpansion', 14, 19],
      ['Literal', 19, 21],
    ],
  );
  assert.deepEqual([ansi!.value, ansi!.text], ["e\tf'", "$'e\\tf\\''"]);
  assert.deepEqual([escaped!.value, escaped!.text], ['a b', 'a\\ b']);
  assert.equal(escapedQuotes!.value, '"q"');
  assert.equal(dqEscapes!.value, 'x"y\\z');
  assert.deepEqual([locale!.value, locale!.parts[0]!.type], ['loc', 'DoubleQuoted']);
  assert.deepEqual([mixed!.value, mixed!.parts.map((p) => p.type)], ['mixed123', ['Literal', 'SingleQuoted', 'DoubleQuoted', 'Literal']]);
});

test("$'…' strings decode bash's C escapes", () => {
  const word = firstStatementCommand(parseShell("echo $'\\101\\x41\\u00e9\\U0001F600\\cA\\q\\x'")).args[0]!;
  assert.equal(word.value, 'AA\u00e9\u{1F600}\u0001\\q\\x');
});

test('offsets are UTF-16 code units: accented letters and emoji before a command', () => {
  const src = 'echo "é😀" && ls ü';
  const script = parseShell(src);
  noErrors(script);
  const ls = command(script, 'ls');
  // "é" is one code unit, "😀" two: the string `"é😀"` spans 5..10.
  assert.deepEqual(span(firstStatementCommand(script).args[0]!), [5, 10]);
  assert.deepEqual(span(ls.command.name!), [14, 16]);
  assert.deepEqual([ls.command.args[0]!.value, ...span(ls.command.args[0]!)], ['ü', 17, 18]);
});

test('parameter expansions: names, operators, operands; a word with one is not static', () => {
  const src = 'echo $A ${B} ${C:-dflt} ${#D} ${!E} ${F%%.*} ${G/a/b} ${H:1:2} ${I[@]} $1 $@ $? ${J:-$(k)} $ a$';
  const script = parseShell(src);
  noErrors(script);
  const args = firstStatementCommand(script).args;
  const expansion = (w: Word) => w.parts[0] as ParamExpansion;
  assert.deepEqual(
    args.slice(0, 12).map((w) => {
      const p = expansion(w);
      return [p.name, p.braced, p.prefix, p.operator, p.operand?.text, p.index];
    }),
    [
      ['A', false, undefined, undefined, undefined, undefined],
      ['B', true, undefined, undefined, undefined, undefined],
      ['C', true, undefined, ':-', 'dflt', undefined],
      ['D', true, '#', undefined, undefined, undefined],
      ['E', true, '!', undefined, undefined, undefined],
      ['F', true, undefined, '%%', '.*', undefined],
      ['G', true, undefined, '/', 'a/b', undefined],
      ['H', true, undefined, ':', '1:2', undefined],
      ['I', true, undefined, undefined, undefined, '@'],
      ['1', false, undefined, undefined, undefined, undefined],
      ['@', false, undefined, undefined, undefined, undefined],
      ['?', false, undefined, undefined, undefined, undefined],
    ],
  );
  assert.ok(args.slice(0, 13).every((w) => w.value === undefined));
  // `${J:-$(k)}`: the command inside the default value is found.
  assert.deepEqual(span(command(script, 'k').command), [src.indexOf('k)'), src.indexOf('k)') + 1]);
  // A `$` that starts nothing is literal.
  assert.deepEqual(
    args.slice(13).map((w) => w.value),
    ['$', 'a$'],
  );
});

test('command substitutions, backquotes and arithmetic: their commands are listed, marked as substitutions', () => {
  const src = 'x=$(a 1) b "$(c "$(d)")" `e` $((1 + $(nproc))) $[2*3]';
  const script = parseShell(src);
  noErrors(script);
  // `x=$(a 1)` is a prefix assignment of `b`.
  assert.deepEqual(commandLines(script), ['b "$(c "$(d)")" `e` $((1 + $(nproc))) $[2*3]', 'a 1', 'c "$(d)"', 'd', 'e', 'nproc']);
  assert.deepEqual(
    script.commands.map((c) => [c.command.name?.text, c.inSubstitution]),
    [
      ['b', false],
      ['a', true],
      ['c', true],
      ['d', true],
      ['e', true],
      ['nproc', true],
    ],
  );
  assert.deepEqual(span(command(script, 'd').command), [19, 20]);
  assert.deepEqual(span(command(script, 'nproc').command), [src.indexOf('nproc'), src.indexOf('nproc') + 5]);
  const arithmetic = command(script, 'b').command.args[2]!.parts[0]!;
  assert.deepEqual([arithmetic.type, ...span(arithmetic)], ['ArithmeticExpansion', 29, 46]);
  const backquoted = command(script, 'b').command.args[1]!.parts[0] as CommandSubstitution;
  assert.deepEqual([backquoted.backquoted, backquoted.text], [true, '`e`']);
});

test('escaped backquotes inside backquotes: inner commands mapped back through the escapes', () => {
  const src = 'echo `foo \\`bar \\$x\\``';
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(
    script.commands.map((c) => [c.command.name!.value, ...span(c.command.name!)]),
    [
      ['echo', 0, 4],
      ['foo', 6, 9],
      ['bar', 12, 15],
    ],
  );
  // `\$x` inside the outer backquotes is `$x` at the inner level: an expansion in the innermost command.
  const bar = command(script, 'bar');
  assert.deepEqual([bar.command.args[0]!.parts[0]!.type, ...span(bar.command.args[0]!)], ['ParamExpansion', 17, 19]);
});

test('lists and pipelines: connectors before and after each command, pipeline positions', () => {
  const src = 'a && b || c; d & e\n! f | g |& h';
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(
    script.commands.map((c) => [c.command.name!.value, c.before, c.after, c.pipeline.index, c.pipeline.length, c.pipeline.negated, c.pipeline.operator]),
    [
      ['a', undefined, '&&', 0, 1, false, undefined],
      ['b', '&&', '||', 0, 1, false, undefined],
      ['c', '||', ';', 0, 1, false, undefined],
      ['d', ';', '&', 0, 1, false, undefined],
      ['e', '&', '\n', 0, 1, false, undefined],
      ['f', '\n', undefined, 0, 3, true, '|'],
      ['g', '\n', undefined, 1, 3, true, '|&'],
      ['h', '\n', undefined, 2, 3, true, undefined],
    ],
  );
  assert.deepEqual(
    script.body.map((s) => [s.terminator, s.operators, s.start, s.end]),
    [
      [';', ['&&', '||'], 0, 12],
      ['&', [], 13, 16],
      ['\n', [], 17, 18],
      [undefined, [], 19, 31],
    ],
  );
  assert.equal(command(script, 'g').pipeline.node, command(script, 'f').pipeline.node);
});

test('bash time: a keyword before a pipeline, with -p', () => {
  const script = parseShell('time -p make | tee log; time');
  noErrors(script);
  const [timed, bare] = script.body.map((s) => s.pipelines[0]!);
  assert.deepEqual([timed!.timed, timed!.commands.length, bare!.timed, bare!.commands.length], [true, 2, true, 0]);
  assert.deepEqual(commandLines(script), ['make', 'tee log']);
});

test('line continuations join words and lines; a trailing one is not part of the word', () => {
  const src = 'apt-get install -y \\\n  curl \\\n  wget && ec\\\nho "a\\\nb" x\\\n';
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(
    script.commands.map((c) => [c.command.name!.value, ...c.command.args.map((w) => w.value)]),
    [
      ['apt-get', 'install', '-y', 'curl', 'wget'],
      ['echo', 'ab', 'x'],
    ],
  );
  const echo = command(script, 'echo');
  assert.deepEqual([echo.command.name!.text, ...span(echo.command.name!)], ['ec\\\nho', 40, 46]);
  assert.deepEqual(span(echo.command.args[0]!), [47, 53]);
  assert.deepEqual(span(echo.command.args[1]!), [54, 55]);
});

test('redirections: operators, file descriptors and targets', () => {
  const src = 'cmd >out 2>&1 >>app <in 3<>rw >|clob &>both &>>both2 4<&0 5>&- <<<"s $x" {fd}>f 2> /dev/null';
  const script = parseShell(src);
  noErrors(script);
  const cmd = firstStatementCommand(script);
  assert.deepEqual(cmd.args, []);
  assert.deepEqual(
    cmd.redirects.map((r) => [r.fd, r.operator, r.target.text]),
    [
      [undefined, '>', 'out'],
      ['2', '>&', '1'],
      [undefined, '>>', 'app'],
      [undefined, '<', 'in'],
      ['3', '<>', 'rw'],
      [undefined, '>|', 'clob'],
      [undefined, '&>', 'both'],
      [undefined, '&>>', 'both2'],
      ['4', '<&', '0'],
      ['5', '>&', '-'],
      [undefined, '<<<', '"s $x"'],
      ['fd', '>', 'f'],
      ['2', '>', '/dev/null'],
    ],
  );
  assert.deepEqual(span(cmd.redirects[1]!), [9, 13]);
  assert.deepEqual(span(cmd.redirects[12]!), [src.length - 12, src.length]);
  assert.deepEqual(span(cmd), [0, src.length]);
});

test('heredocs: bodies after the command line, quoted and unquoted, several on one line, <<-', () => {
  const src = "cat <<EOF | sh\necho $(id -u)\nEOF\ncat <<'A' <<-\"B\" > /f && wc\n$x\nA\n\tindented $y\n\tB\necho after";
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(commandLines(script), ['cat', 'sh', 'id -u', 'cat', 'wc', 'echo after']);
  const [first, second, third] = script.commands
    .flatMap((c) => c.command.redirects)
    .filter((r): r is Redirect & { heredoc: NonNullable<Redirect['heredoc']> } => r.heredoc !== undefined);
  assert.deepEqual(
    [first!.heredoc.delimiter, first!.heredoc.quoted, first!.heredoc.body.text, ...span(first!.heredoc.body), ...span(first!.heredoc)],
    ['EOF', false, 'echo $(id -u)\n', 15, 29, 15, 32],
  );
  assert.equal(first!.heredoc.body.value, undefined);
  assert.deepEqual(
    [second!.heredoc.delimiter, second!.heredoc.quoted, second!.heredoc.body.value, second!.heredoc.closed],
    ['A', true, '$x\n', true],
  );
  assert.deepEqual(
    [third!.heredoc.delimiter, third!.heredoc.quoted, third!.heredoc.stripTabs, third!.heredoc.body.value],
    ['B', true, true, '\tindented $y\n'],
  );
  // The command inside the unquoted body is found at its place in the source.
  assert.deepEqual(span(command(script, 'id').command), [22, 27]);
  assert.deepEqual(command(script, 'echo').before, '\n');
});

test('an unclosed heredoc is an error; the command that opened it is kept', () => {
  const script = parseShell('cat <<EOF\nno end');
  assert.deepEqual(script.errors, [{ message: 'the heredoc `EOF` is never closed', offset: 9 }]);
  assert.deepEqual(commandLines(script), ['cat']);
  const heredoc = firstStatementCommand(script).redirects[0]!.heredoc!;
  assert.deepEqual([heredoc.closed, heredoc.body.text], [false, 'no end']);
});

test('subshells, brace groups and process substitutions', () => {
  const src = '(cd /x && make) > log; { a; b; } 2>&1 | c; diff <(sort f) >(tee g)';
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(
    script.commands.map((c) => [c.command.name!.value, c.inSubshell, c.inSubstitution]),
    [
      ['cd', true, false],
      ['make', true, false],
      ['a', false, false],
      ['b', false, false],
      ['c', false, false],
      ['diff', false, false],
      ['sort', false, true],
      ['tee', false, true],
    ],
  );
  const [subshell, group] = script.body.map((s) => s.pipelines[0]!.commands[0]!);
  assert.deepEqual([subshell!.type, ...span(subshell!)], ['Subshell', 0, 21]);
  assert.deepEqual([group!.type, ...span(group!)], ['BraceGroup', 23, 37]);
  assert.equal(command(script, 'c').pipeline.index, 1);
  assert.deepEqual(command(script, 'diff').command.args.map((w) => w.parts[0]!.type), ['ProcessSubstitution', 'ProcessSubstitution']);
  // As in bash, a process substitution may also sit inside a word, and `{` followed by `(` opens a group.
  const inWord = parseShell('echo x<(true)y; {(a)}');
  noErrors(inWord);
  assert.deepEqual(inWord.commands[0]!.command.args[0]!.parts.map((p) => [p.type, ...span(p)]), [
    ['Literal', 5, 6],
    ['ProcessSubstitution', 6, 13],
    ['Literal', 13, 14],
  ]);
  assert.deepEqual(commandLines(inWord), ['echo x<(true)y', 'true', 'a']);
  assert.equal(inWord.body[1]!.pipelines[0]!.commands[0]!.type, 'BraceGroup');
});

test('if / elif / else: conditions are marked, bodies are not', () => {
  const src = 'if [ -f a ]; then b; elif ! c; then d; else e; fi';
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(
    script.commands.map((c) => [c.command.name!.value, c.inCondition]),
    [
      ['[', true],
      ['b', false],
      ['c', true],
      ['d', false],
      ['e', false],
    ],
  );
  const clause = script.body[0]!.pipelines[0]!.commands[0] as IfClause;
  assert.deepEqual([clause.branches.length, clause.elseBody?.length, ...span(clause)], [2, 1, 0, src.length]);
});

test('loops: for … in, for without in, arithmetic for, while, until, select', () => {
  const src = 'for x in a "b c"; do echo $x; done; for y; do :; done; for ((i=0; i<3; i++)); do n; done; while read l; do w; done < f; until u; do v; done; select s in p; do q; done';
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(commandLines(script), ['echo $x', ':', 'n', 'read l', 'w', 'u', 'v', 'q']);
  const loops = script.body.map((s) => s.pipelines[0]!.commands[0]!);
  assert.deepEqual(loops.map((l) => l.type), ['ForClause', 'ForClause', 'ArithmeticForClause', 'WhileClause', 'WhileClause', 'ForClause']);
  const forIn = loops[0] as ForClause;
  assert.deepEqual([forIn.variable.value, forIn.items?.map((w) => w.value)], ['x', ['a', 'b c']]);
  assert.equal((loops[1] as ForClause).items, undefined);
  assert.equal(command(script, 'read').inCondition, true);
  assert.equal(command(script, 'u').inCondition, true);
  assert.deepEqual(loops[3]!.type === 'WhileClause' && loops[3]!.redirects.map((r) => r.target.text), ['f']);
});

test('case: patterns with |, optional (, and the ;; ;& ;;& terminators', () => {
  const src = 'case "$1" in\n  a|b) one;;\n  (c) two ;&\n  *.gz) three;;&\n  *) four\nesac';
  const script = parseShell(src);
  noErrors(script);
  const clause = script.body[0]!.pipelines[0]!.commands[0] as CaseClause;
  assert.deepEqual(
    clause.items.map((i) => [i.patterns.map((p) => p.text), i.terminator, i.body.length]),
    [
      [['a', 'b'], ';;', 1],
      [['c'], ';&', 1],
      [['*.gz'], ';;&', 1],
      [['*'], undefined, 1],
    ],
  );
  assert.deepEqual(commandLines(script), ['one', 'two', 'three', 'four']);
  assert.deepEqual(span(clause), [0, src.length]);
});

test('functions: name() { … }, function name { … }; their commands are marked', () => {
  const script = parseShell('f() { echo f; }\nfunction g { echo g; } > log\nf');
  noErrors(script);
  assert.deepEqual(
    script.commands.map((c) => [c.command.args[0]?.value ?? c.command.name!.value, c.inFunction]),
    [
      ['f', true],
      ['g', true],
      ['f', false],
    ],
  );
  const [f, g] = script.body.map((s) => s.pipelines[0]!.commands[0]!);
  assert.deepEqual([f!.type, f!.type === 'FunctionDefinition' && [f.name.value, f.keyword]], ['FunctionDefinition', ['f', false]]);
  assert.deepEqual(g!.type === 'FunctionDefinition' && [g.name.value, g.keyword, g.body.type === 'BraceGroup' && g.body.redirects.length], ['g', true, 1]);
});

test('[[ … ]] and (( … )): tests and arithmetic commands, with commands inside found', () => {
  const src = '[[ -f /x && $(uname) == Linux* || ! -d /y ]] && [[ $v =~ ^(a|b)[0-9]+$ ]] && (( n = $(nproc) + 1 ))';
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(commandLines(script), ['uname', 'nproc']);
  const [test1, test2, arithmetic] = script.body[0]!.pipelines.map((p) => p.commands[0]!);
  assert.deepEqual(test1!.type === 'TestClause' && test1.words.map((w) => w.text), ['-f', '/x', '&&', '$(uname)', '==', 'Linux*', '||', '!', '-d', '/y']);
  assert.deepEqual(test2!.type === 'TestClause' && test2.words.map((w) => w.text), ['$v', '=~', '^(a|b)[0-9]+$']);
  assert.deepEqual([arithmetic!.type, ...span(arithmetic!)], ['ArithmeticCommand', src.indexOf('(('), src.length]);
});

test('arrays: a=(…) assignments and declare/local array arguments', () => {
  const src = 'a=(x "y z" $(q)) b+=(w); declare -a arr=(1 2) other; local l=(m)';
  const script = parseShell(src);
  noErrors(script);
  const first = script.commands[0]!.command;
  assert.deepEqual(
    first.assignments.map((a) => [a.name, a.append, a.array?.elements.map((w) => w.value)]),
    [
      ['a', false, ['x', 'y z', undefined]],
      ['b', true, ['w']],
    ],
  );
  assert.equal(first.name, undefined);
  assert.deepEqual(commandLines(script), ['', 'q', 'declare -a arr=(1 2) other', 'local l=(m)']);
  assert.deepEqual(command(script, 'declare').command.args[1]!.parts.map((p) => p.type), ['Literal', 'ArrayLiteral']);
});

test('comments start only at the start of a word; keywords count only in command position', () => {
  const src = 'echo a#b c # comment\n# line comment\necho if then fi done';
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(commandLines(script), ['echo a#b c', 'echo if then fi done']);
  assert.deepEqual(
    script.comments.map((c) => [c.text, ...span(c)]),
    [
      [' comment', 11, 20],
      [' line comment', 21, 35],
    ],
  );
});

test('extglob patterns and globs are words', () => {
  const script = parseShell('rm -rf /var/lib/apt/lists/* !(keep) @(a|b).txt [ab]?');
  noErrors(script);
  assert.deepEqual(
    script.commands[0]!.command.args.map((w) => w.value),
    ['-rf', '/var/lib/apt/lists/*', '!(keep)', '@(a|b).txt', '[ab]?'],
  );
});

test('effective command: wrappers set aside, and kept visible', () => {
  const cases: [string, string | undefined, string[], string[]][] = [
    ['sudo -u www-data -E apt-get install -y x', 'apt-get', ['install', '-y', 'x'], ['sudo']],
    ['sudo --user=root -- apt-get update', 'apt-get', ['update'], ['sudo']],
    ['sudo -v', 'sudo', ['-v'], []],
    ['env -i PATH=/bin FOO=1 pip install x', 'pip', ['install', 'x'], ['env']],
    ['env -u HOME sh -c x', 'sh', ['-c', 'x'], ['env']],
    ['nice -n 10 make', 'make', [], ['nice']],
    ['nice -5 make', 'make', [], ['nice']],
    ['nohup server &', 'server', [], ['nohup']],
    ['/usr/bin/time -f %e make -j4', 'make', ['-j4'], ['/usr/bin/time']],
    ['command -p apk add x', 'apk', ['add', 'x'], ['command']],
    ['command -v curl', 'command', ['-v', 'curl'], []],
    ['exec -a name gosu app', 'gosu', ['app'], ['exec']],
    ['eatmydata apt-get install x', 'apt-get', ['install', 'x'], ['eatmydata']],
    ['stdbuf -oL -e 0 make', 'make', [], ['stdbuf']],
    ['timeout -s KILL 5m curl url', 'curl', ['url'], ['timeout']],
    ['timeout 10 $CMD', '$CMD', [], ['timeout']],
    ['xargs rm -f', 'xargs', ['rm', '-f'], []],
    ['sudo env DEBIAN_FRONTEND=noninteractive nice apt-get -y upgrade', 'apt-get', ['-y', 'upgrade'], ['sudo', 'env', 'nice']],
    ['A=1', undefined, [], []],
  ];
  for (const [src, name, args, wrappers] of cases) {
    const info = parseShell(src).commands[0]!;
    const effective = info.effective;
    assert.deepEqual(
      [effective?.name.text, effective?.args.map((w) => w.text) ?? [], effective?.wrappers.map((w) => w.text) ?? []],
      [name, args, wrappers],
      src,
    );
  }
  // The wrapper stays the command's name, for rules such as no-sudo.
  assert.equal(parseShell('sudo apt-get update').commands[0]!.command.name!.value, 'sudo');
});

test('nested sh -c scripts: parsed, marked, offsets mapped into the outer source', () => {
  const src = "bash -eux -o pipefail -c 'apt-get update && rm -rf /var/lib/apt/lists/*' && sudo sh -c \"cd \\\"/o p\\\" && make \\$J\"";
  const script = parseShell(src);
  noErrors(script);
  assert.deepEqual(
    script.commands.map((c) => [c.command.name!.value, c.nestedIn?.command.name!.value, ...span(c.command)]),
    [
      ['bash', undefined, 0, 72],
      ['apt-get', 'bash', 26, 40],
      ['rm', 'bash', 44, 71],
      ['sudo', undefined, 76, 112],
      ['cd', 'sudo', 88, 99],
      ['make', 'sudo', 103, 111],
    ],
  );
  const cd = command(script, 'cd');
  // `\"/o p\"` inside the double quotes: the nested word `"/o p"` maps to the escaped quotes in the source.
  assert.deepEqual([cd.command.args[0]!.value, src.slice(cd.command.args[0]!.start, cd.command.args[0]!.end)], ['/o p', '\\"/o p\\"']);
  const make = command(script, 'make');
  assert.deepEqual([make.command.args[0]!.text, src.slice(make.command.args[0]!.start, make.command.args[0]!.end)], ['$J', '\\$J']);
  assert.equal(script.nested.length, 2);
  assert.equal(script.nested[0]!.word.value, 'apt-get update && rm -rf /var/lib/apt/lists/*');
});

test('nested scripts: not parsed when dynamic, when there is no -c, or when disabled', () => {
  assert.deepEqual(commandLines(parseShell('sh -c "$SCRIPT"')), ['sh -c "$SCRIPT"']);
  assert.deepEqual(commandLines(parseShell('bash script.sh -c x')), ['bash script.sh -c x']);
  assert.deepEqual(commandLines(parseShell("sh -c 'a; b'", { nested: false })), ["sh -c 'a; b'"]);
  assert.deepEqual(commandLines(parseShell("/bin/sh -ec 'a; b' name")), ["/bin/sh -ec 'a; b' name", 'a', 'b']);
  assert.deepEqual(commandLines(parseShell("sh -c -- 'x'")), ["sh -c -- 'x'", 'x']);
});

test('a syntax error in a nested script is reported at its place in the outer source', () => {
  const script = parseShell("sh -c 'echo \"open' && ok");
  assert.deepEqual(script.errors, [{ message: 'in the script of `sh -c`: reached the end of the script without a closing `"`', offset: 12 }]);
  assert.deepEqual(commandLines(script), ["sh -c 'echo \"open'", 'echo "open', 'ok']);
});

test('error recovery: commands before and after an error are kept, errors have offsets', () => {
  const cases: [string, { message: string; offset: number }[], string[]][] = [
    ['a; fi; b', [{ message: '`fi` is out of place', offset: 3 }], ['a', 'b']],
    ['a && ) && b\nc', [{ message: 'unexpected `)` where a command was expected', offset: 5 }], ['a', 'b', 'c']],
    ['apt-get update && echo "unterminated', [{ message: 'reached the end of the script without a closing `"`', offset: 23 }], ['apt-get update', 'echo "unterminated']],
    ['a |\n', [{ message: '`|` must be followed by a command', offset: 2 }], ['a']],
    ['x && \n', [{ message: '`&&` must be followed by a command', offset: 2 }], ['x']],
    ['if a; then b\nc', [{ message: '`if` needs a matching `fi`', offset: 0 }], ['a', 'b', 'c']],
    ['echo $(x\ny', [{ message: 'reached the end of the script without closing `$(`', offset: 5 }], ['echo $(x\ny', 'x', 'y']],
    ['echo ${a b}; c', [{ message: '` ` is not a parameter expansion operator', offset: 8 }], ['echo ${a', 'c']],
    [';; a', [{ message: '`;;` can only be used in a case clause', offset: 0 }], ['a']],
    ['echo a (b); c', [{ message: 'a command can only contain words and redirects; `(` is out of place', offset: 7 }], ['echo a', 'c']],
    ['for x in a; do b', [{ message: '`do` needs a matching `done`', offset: 12 }], ['b']],
    ['case x in a) b', [{ message: '`case` needs a matching `esac`', offset: 0 }], ['b']],
    ['f() echo', [{ message: 'a function body must be a compound command such as `{ … }`', offset: 4 }], ['echo']],
    ['a | ! b', [{ message: '`!` can only start a pipeline', offset: 4 }], ['a']],
    ['time && x', [{ message: 'unexpected `&` where a command was expected', offset: 5 }], ['x']],
    ['{&& x', [{ message: 'unexpected `&` where a command was expected', offset: 1 }], ['x']],
  ];
  for (const [src, errors, commands] of cases) {
    const script = parseShell(src);
    assert.deepEqual(script.errors, errors, src);
    assert.deepEqual(commandLines(script), commands, src);
  }
});

test('the parser never throws, and every offset stays inside the source (random input)', () => {
  const fragments = ['echo', 'a', ' ', ' ', ';', '&&', '||', '|', '&', '\n', '"', "'", '$x', '${y:-z}', '$(', ')', '(', '`', '{', '}', 'if', 'then', 'fi', 'for', 'in', 'do', 'done', 'case', 'esac', ';;', '<', '>', '2>&1', '<<EOF', 'EOF', '\\\n', '\\', '#', 'x=', 'a=(', '[[', ']]', '((', '))', '$((', 'sh -c ', "'", 'é', '😀', '$\'', '\t'];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < 3000; i++) {
    let src = '';
    const n = 1 + Math.floor(random() * 16);
    for (let k = 0; k < n; k++) src += fragments[Math.floor(random() * fragments.length)];
    const script = parseShell(src);
    for (const info of script.commands) {
      for (const node of [info.command, ...info.command.args, ...info.command.assignments]) {
        assert.ok(node.start >= 0 && node.start <= node.end && node.end <= src.length, `${JSON.stringify(src)}: [${node.start}, ${node.end}]`);
      }
    }
    for (const error of script.errors) assert.ok(error.offset >= 0 && error.offset <= src.length, JSON.stringify(src));
  }
});

test('deeply nested input gives an error, not a stack overflow', () => {
  const script = parseShell('$('.repeat(5000) + 'x' + ')'.repeat(5000));
  assert.equal(script.errors[0]?.message, 'the script is nested too deeply');
  const braces = parseShell('${a:-'.repeat(5000));
  assert.ok(braces.errors.length > 0);
});

test('mapShellOffsets moves every node into another text', () => {
  // The script was joined from `RUN a \` + newline + `  && b` at offset 4 of a Dockerfile.
  const dockerfile = 'RUN a \\\n  && b';
  const joined = 'a   && b';
  const map = (o: number) => (o < 2 ? 4 + o : o + 6);
  const script = parseShell(joined);
  mapShellOffsets(script, map);
  assert.deepEqual(
    script.commands.map((c) => [dockerfile.slice(c.command.start, c.command.end), ...span(c.command)]),
    [
      ['a', 4, 5],
      ['b', 13, 14],
    ],
  );
});
