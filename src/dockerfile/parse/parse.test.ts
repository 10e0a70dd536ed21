import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDockerfile, type Span } from './index.js';

const slice = (text: string, span: Span): string => text.slice(span.start, span.end);

describe('instructions', () => {
  test('keywords, spans and lines, with continuations and comments inside them', () => {
    const text = [
      'FROM debian:12 AS base',
      '# install',
      'RUN apt-get update \\',
      '    # a comment inside the continuation',
      '    && apt-get install -y curl',
      'CMD ["sh"]',
    ].join('\n');
    const df = parseDockerfile(text);
    assert.deepEqual(
      df.instructions.map((i) => [i.keyword, i.line, i.endLine]),
      [
        ['FROM', 1, 1],
        ['RUN', 3, 5],
        ['CMD', 6, 6],
      ],
    );
    const run = df.instructions[1]!;
    assert.equal(run.rest, 'apt-get update     && apt-get install -y curl');
    assert.equal(slice(text, run.span), text.slice(text.indexOf('RUN'), text.indexOf('\nCMD')));
    assert.deepEqual(run.comments.map((c) => c.text), ['install']);
    assert.deepEqual(df.comments.map((c) => c.line), [2, 4]);
    // An offset in the joined text maps back to the file across the continuation.
    const install = run.rest.indexOf('install');
    assert.equal(text.slice(run.restOffset(install), run.restOffset(install) + 7), 'install');
  });

  test('flags with values, quotes and bare flags; `--` ends flags', () => {
    const text = 'COPY --from=build --chown="app user" --link -- --not-a-flag /dst/\n';
    const copy = parseDockerfile(text).instructions[0]!;
    assert.deepEqual(
      copy.flags.map((f) => [f.name, f.value]),
      [
        ['from', 'build'],
        ['chown', 'app user'],
        ['link', null],
      ],
    );
    assert.equal(slice(text, copy.flags[0]!.valueSpan!), 'build');
    assert.equal(slice(text, copy.flags[1]!.span), '--chown="app user"');
    assert.deepEqual(
      copy.args.map((a) => a.value),
      ['--not-a-flag', '/dst/'],
    );
  });

  test('JSON and shell forms, with exact spans of JSON strings', () => {
    const text = 'CMD ["node", "server.js"]\nENTRYPOINT node server.js\nRUN [\'single\']\n';
    const [cmd, entrypoint, run] = parseDockerfile(text).instructions;
    assert.equal(cmd!.json, true);
    assert.deepEqual(cmd!.args.map((a) => [a.value, slice(text, a.span)]), [
      ['node', '"node"'],
      ['server.js', '"server.js"'],
    ]);
    assert.equal(entrypoint!.json, false);
    assert.deepEqual(entrypoint!.args.map((a) => a.value), ['node server.js']);
    assert.equal(run!.json, false, 'single quotes are not JSON: shell form');
  });

  test('ENV pairs in both forms with value spans', () => {
    const text = 'ENV A=1 B="two words" C=x\\ y\nENV LEGACY value with spaces\n';
    const [modern, legacy] = parseDockerfile(text).instructions;
    assert(modern?.keyword === 'ENV' && legacy?.keyword === 'ENV');
    assert.deepEqual(modern.pairs.map((p) => [p.key, p.value, slice(text, p.valueSpan)]), [
      ['A', '1', '1'],
      ['B', '"two words"', '"two words"'],
      ['C', 'x\\ y', 'x\\ y'],
    ]);
    assert.deepEqual(legacy.pairs.map((p) => [p.key, p.value, p.separator]), [['LEGACY', 'value with spaces', '']]);
  });

  test('ONBUILD carries its trigger', () => {
    const df = parseDockerfile('FROM x\nONBUILD RUN --mount=type=cache,target=/c make\n');
    const trigger = df.instructions[1]!.trigger!;
    assert.equal(trigger.keyword, 'RUN');
    assert.equal(trigger.rest, 'make');
    assert.equal(trigger.flags[0]!.name, 'mount');
    assert.equal(trigger.stageIndex, 0);
  });

  test('unknown instructions and BuildKit-refused files are problems, not exceptions', () => {
    assert.deepEqual(parseDockerfile('FROM x\nFRM y\n').problems.map((p) => p.message), ['unknown instruction: FRM']);
    assert.match(parseDockerfile('FROM x\nENV PATH\n').problems[0]!.message, /ENV must have two arguments/);
    assert.match(parseDockerfile('CMD ["a", ["b"]]\n').problems[0]!.message, /JSON array of something other than strings/);
    assert.deepEqual(parseDockerfile('# only a comment\n\n').problems.map((p) => p.message), ['file with no instructions']);
    assert.deepEqual(parseDockerfile('').problems.map((p) => p.message), ['file with no instructions']);
  });
});

describe('directives', () => {
  test('escape and syntax are read only at the top; a comment or blank line ends them', () => {
    const df = parseDockerfile('# syntax=docker/dockerfile:1.7\n# escape=`\nFROM x\nRUN a `\n  b\n');
    assert.equal(df.escapeChar, '`');
    assert.deepEqual(df.directives.map((d) => [d.name, d.value]), [
      ['syntax', 'docker/dockerfile:1.7'],
      ['escape', '`'],
    ]);
    assert.equal(df.instructions[1]!.rest, 'a   b');
    const late = parseDockerfile('# a comment\n# escape=`\nFROM x\n');
    assert.equal(late.escapeChar, '\\');
    assert.deepEqual(late.directives, []);
  });

  test('a byte order mark and CRLF line endings', () => {
    const df = parseDockerfile('\ufeffFROM x\r\nRUN a \\\r\n  b\r\n');
    assert.deepEqual(df.instructions.map((i) => i.rest), ['x', 'a   b']);
    assert.equal(df.instructions[0]!.span.start, 1);
  });
});

describe('heredocs', () => {
  test('bodies, terminators, quoting and <<- tab stripping', () => {
    const text = [
      'FROM x',
      'RUN <<EOF',
      'apt-get update',
      'EOF',
      "COPY <<-'CONF' /etc/app.conf",
      '\tkey=$value',
      '\tCONF',
      'RUN <<A cat > /a && <<"B" cat > /b',
      'one',
      'A',
      'two',
      'B',
    ].join('\n');
    const df = parseDockerfile(text);
    const [, run, copy, two] = df.instructions;
    assert.deepEqual(run!.heredocs.map((h) => [h.name, h.content, h.expand]), [['EOF', 'apt-get update\n', true]]);
    assert.equal(run!.endLine, 4);
    assert.equal(slice(text, run!.heredocs[0]!.contentSpan), 'apt-get update\n');
    assert.deepEqual(copy!.heredocs.map((h) => [h.name, h.chomp, h.expand, h.content]), [['CONF', true, false, 'key=$value\n']]);
    assert.deepEqual(copy!.args.map((a) => a.value), ['<<-\'CONF\'', '/etc/app.conf']);
    assert.deepEqual(two!.heredocs.map((h) => [h.name, h.content]), [
      ['A', 'one\n'],
      ['B', 'two\n'],
    ]);
    assert.equal(df.instructions.length, 4);
  });

  test('an unterminated heredoc is a problem; JSON form never has heredocs', () => {
    assert.match(parseDockerfile('FROM x\nRUN <<EOF\necho\n').problems[0]!.message, /unterminated heredoc EOF/);
    assert.deepEqual(parseDockerfile('FROM x\nRUN ["sh", "<<EOF"]\nRUN echo\n').instructions[1]!.heredocs, []);
  });
});

describe('stages and variables', () => {
  test('stages with names, bases resolved from global ARGs, stage references', () => {
    const df = parseDockerfile(
      [
        'ARG REGISTRY=docker.io',
        'ARG TAG',
        'ARG NODE=node:${NODE_VERSION:-20}-slim',
        'FROM --platform=$BUILDPLATFORM ${REGISTRY}/library/golang:1.22 AS Build',
        'RUN go build',
        'FROM build AS test',
        'FROM alpine:${TAG}',
        'FROM $NODE',
      ].join('\n'),
    );
    assert.equal(df.globalArgs.length, 3);
    assert.deepEqual(df.stages.map((s) => [s.index, s.name, s.base.value, s.base.unresolved]), [
      [0, 'build', 'docker.io/library/golang:1.22', []],
      [1, 'test', 'build', []],
      [2, undefined, 'alpine:', ['TAG']],
      [3, undefined, 'node:20-slim', []],
    ]);
    assert.equal(df.stages[0]!.nameText, 'Build');
    assert.equal(df.stages[0]!.platform, '$BUILDPLATFORM');
    assert.equal(df.stages[1]!.baseStage, df.stages[0]);
    assert.equal(df.instructions[4]!.stageIndex, 0);
  });

  test('expansion at an instruction sees ARG and ENV in scope, ENV wins, base stage ENV is inherited', () => {
    const df = parseDockerfile(
      [
        'ARG VERSION=1.0',
        'FROM x AS base',
        'ENV APP_HOME=/srv/app',
        'FROM base',
        'ARG VERSION',
        'ARG USER=app',
        'ENV USER=root',
        'WORKDIR $APP_HOME/${VERSION}',
        'USER ${USER}',
        'COPY ${MISSING:-fallback} "${APP_HOME}/dst dir"',
      ].join('\n'),
    );
    const [workdir, user, copy] = df.instructions.slice(-3);
    assert.deepEqual(df.expand(workdir!.args[0]!.value, workdir!), { value: '/srv/app/1.0', unresolved: [] });
    assert.equal(df.expand(user!.args[0]!.value, user!).value, 'root');
    assert.deepEqual(df.expand(copy!.args[0]!.value, copy!), { value: 'fallback', unresolved: [] });
    // COPY splits on whitespace before expanding, as BuildKit does: the quote does not group.
    assert.equal(copy!.args[1]!.value, '"${APP_HOME}/dst');
    assert.deepEqual(df.expand('$NOPE/x', copy!), { value: '/x', unresolved: ['NOPE'] });
  });

  test('an ENV value does not see variables set by the same ENV', () => {
    const df = parseDockerfile('FROM x\nENV A=1\nENV A=2 B=$A\nRUN echo\n');
    assert.equal(df.expand('$B', df.instructions[3]!).value, '1');
  });
});

describe('positions', () => {
  test('1-based line and column of offsets', () => {
    const df = parseDockerfile('FROM x\n  RUN echo\n');
    const run = df.instructions[1]!;
    assert.deepEqual(df.position(run.span.start), { line: 2, column: 3 });
    assert.equal(df.lineStart(2), 7);
  });
});

describe('RUN shell scripts', () => {
  const commandsOf = (text: string, index: number) => {
    const run = parseDockerfile(text).instructions[index];
    assert(run?.keyword === 'RUN');
    const shell = run.shell;
    return shell?.script.commands.map((c) => {
      const start = shell.toFileOffset(c.command.start);
      return [c.effective?.name.value, text.slice(start, start + (c.effective?.name.text.length ?? 0))];
    });
  };

  test('commands of a RUN with continuations map back to the file', () => {
    const text = 'FROM debian:12\nRUN apt-get update \\\n    # refresh\n    && apt-get install -y curl\n';
    assert.deepEqual(commandsOf(text, 1), [
      ['apt-get', 'apt-get'],
      ['apt-get', 'apt-get'],
    ]);
    const df = parseDockerfile(text);
    const run = df.instructions[1];
    assert(run?.keyword === 'RUN');
    const second = run.shell!.script.commands[1]!;
    const offset = run.shell!.toFileOffset(second.command.start);
    assert.deepEqual(df.position(offset), { line: 4, column: 8 });
  });

  test('a heredoc script, a command with a heredoc, and bash reading a heredoc', () => {
    assert.deepEqual(commandsOf('FROM x\nRUN <<EOF\nset -e\napk add curl\nEOF\n', 1), [
      ['set', 'set'],
      ['apk', 'apk'],
    ]);
    assert.deepEqual(commandsOf('FROM x\nRUN cat <<EOF > /etc/motd && chmod 644 /etc/motd\nhello\nEOF\n', 1), [
      ['cat', 'cat'],
      ['chmod', 'chmod'],
    ]);
    assert.deepEqual(commandsOf('FROM x\nRUN bash -e <<EOF\ncurl -o /x y\nEOF\n', 1), [['curl', 'curl']]);
  });

  test('no shell script: exec form, a python heredoc, PowerShell and Windows bases', () => {
    assert.equal(commandsOf('FROM x\nRUN ["apt-get", "update"]\n', 1), undefined);
    assert.equal(commandsOf('FROM x\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n', 1), undefined);
    assert.equal(commandsOf('FROM x\nSHELL ["powershell", "-Command"]\nRUN Get-Item x | Out-Null\n', 2), undefined);
    assert.equal(commandsOf('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n', 1), undefined);
    assert.equal(commandsOf('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN dir | more\n', 1), undefined);
    assert.equal(commandsOf('# hadolint shell=powershell\nFROM x\nRUN Get-Item x\n', 1), undefined);
    assert.deepEqual(commandsOf('FROM x\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN ls | wc\n', 2), [
      ['ls', 'ls'],
      ['wc', 'wc'],
    ]);
  });

  test('a stage built on another inherits its SHELL', () => {
    const df = parseDockerfile('FROM x AS base\nSHELL ["pwsh", "-c"]\nFROM base\nRUN Get-Item x\n');
    assert.equal(df.shellKindAt(df.instructions[3]!), 'powershell');
  });

  test('each RUN is parsed once', () => {
    const run = parseDockerfile('FROM x\nRUN echo hi\n').instructions[1];
    assert(run?.keyword === 'RUN');
    assert.equal(run.shell, run.shell);
  });
});
