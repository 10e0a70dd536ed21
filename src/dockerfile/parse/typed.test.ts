import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDockerfile, type Instruction, type InstructionKeyword, type InstructionOf } from './index.js';

const slice = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

function only<K extends InstructionKeyword>(text: string, keyword: K, index = 1): InstructionOf<K> {
  const instruction: Instruction | undefined = parseDockerfile(text).instructions[index];
  assert.equal(instruction?.keyword, keyword);
  return instruction as InstructionOf<K>;
}

describe('typed instructions', () => {
  test('FROM: image, reference, platform and stage name', () => {
    const text = 'FROM --platform=$BUILDPLATFORM ghcr.io/org/app:1.2@sha256:abc AS Build\n';
    const from = only(text, 'FROM', 0);
    assert.equal(from.image?.value, 'ghcr.io/org/app:1.2@sha256:abc');
    assert.equal(from.reference?.domain, 'ghcr.io');
    assert.equal(from.reference?.tag, '1.2');
    assert.equal(from.reference?.digest, 'sha256:abc');
    assert.equal(from.platform?.value, '$BUILDPLATFORM');
    assert.equal(slice(text, from.stageName!.span), 'Build');
    assert.equal(only('FROM $BASE\n', 'FROM', 0).reference, undefined, 'a variable is no reference yet');
  });

  test('COPY and ADD: sources, destination, flags; heredoc markers are no sources', () => {
    const copy = only('FROM a\nCOPY --from=build --chown=app --link=false --parents --exclude=*.md --exclude=x a b /dst/\n', 'COPY');
    assert.deepEqual(copy.sources.map((w) => w.value), ['a', 'b']);
    assert.equal(copy.destination?.value, '/dst/');
    assert.equal(copy.from?.value, 'build');
    assert.equal(copy.chown?.value, 'app');
    assert.equal(copy.link, false);
    assert.equal(copy.parents, true);
    assert.deepEqual(copy.exclude.map((f) => f.value), ['*.md', 'x']);
    const heredoc = only('FROM a\nCOPY <<EOF /etc/conf\nx=1\nEOF\n', 'COPY');
    assert.deepEqual(heredoc.sources, []);
    assert.equal(heredoc.heredocs[0]?.content, 'x=1\n');
    const add = only('FROM a\nADD --checksum=sha256:1 --keep-git-dir https://x/y.git /src\n', 'ADD');
    assert.equal(add.checksum?.value, 'sha256:1');
    assert.equal(add.keepGitDir, true);
    assert.equal(add.unpack, undefined);
  });

  test('RUN: mounts, network, exec form, the script parsed once', () => {
    const run = only('FROM a\nRUN --mount=type=cache,target=/root/.cache/,sharing=locked --mount=from=build,src=/out,dst=/in --network=none make\n', 'RUN');
    assert.deepEqual(
      run.mounts.map((m) => [m.type, m.target, m.sharing, m.from, m.source]),
      [
        ['cache', '/root/.cache', 'locked', undefined, undefined],
        ['bind', '/in', undefined, 'build', '/out'],
      ],
    );
    assert.equal(run.network?.value, 'none');
    assert.equal(run.exec, undefined);
    assert.equal(run.shell?.script.commands[0]?.effective?.name.value, 'make');
    assert.equal(run.shell, run.shell);
    const exec = only('FROM a\nRUN ["echo", "hi"]\n', 'RUN');
    assert.deepEqual(exec.exec?.map((w) => w.value), ['echo', 'hi']);
    assert.equal(exec.shell, undefined);
    assert.equal(only('FROM a\nSHELL ["pwsh", "-c"]\nRUN Get-Item x\n', 'RUN', 2).shell, undefined, 'no POSIX script under PowerShell');
  });

  test('ARG, USER, WORKDIR, EXPOSE, HEALTHCHECK, SHELL, CMD, VOLUME', () => {
    const arg = only('FROM a\nARG A=1 B\n', 'ARG');
    assert.deepEqual(arg.declarations.map((d) => [d.name, d.defaultValue]), [['A', '1'], ['B', undefined]]);
    const user = only('FROM a\nUSER app:staff\n', 'USER');
    assert.deepEqual([user.user, user.group], ['app', 'staff']);
    assert.equal(only('FROM a\nWORKDIR /srv/app\n', 'WORKDIR').path?.value, '/srv/app');
    const expose = only('FROM a\nEXPOSE 80 8000-8010/udp $PORT\n', 'EXPOSE');
    assert.deepEqual(expose.ports.map((p) => [p.port, p.endPort, p.protocol]), [
      [80, undefined, undefined],
      [8000, 8010, 'udp'],
      [undefined, undefined, undefined],
    ]);
    const health = only('FROM a\nHEALTHCHECK --interval=5s --retries=3 CMD ["curl", "-f", "http://x"]\n', 'HEALTHCHECK');
    assert.equal(health.none, false);
    assert.equal(health.interval?.value, '5s');
    assert.equal(health.retries?.value, '3');
    assert.deepEqual(health.command.map((w) => w.value), ['curl', '-f', 'http://x']);
    assert.equal(only('FROM a\nHEALTHCHECK NONE\n', 'HEALTHCHECK').none, true);
    assert.deepEqual(only('FROM a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n', 'SHELL').argv, ['/bin/bash', '-o', 'pipefail', '-c']);
    const cmd = only('FROM a\nCMD node server.js\n', 'CMD');
    assert.equal(cmd.form, 'shell');
    assert.deepEqual(cmd.command.map((w) => w.value), ['node server.js']);
    assert.deepEqual(only('FROM a\nVOLUME ["/data", "/logs"]\n', 'VOLUME').paths.map((w) => w.value), ['/data', '/logs']);
  });

  test('an unknown keyword has no typed fields and keeps its text', () => {
    const df = parseDockerfile('FROM a\nFOO bar\n');
    const unknown = df.instructions[1]!;
    assert.equal(unknown.keyword, '');
    assert.equal(unknown.keywordText, 'FOO');
    assert.ok(df.problems.some((p) => p.message === 'unknown instruction: FOO'));
  });
});

describe('flags BuildKit refuses are parse problems', () => {
  const problems = (text: string) => parseDockerfile(text).problems.filter((p) => p.level === 'error').map((p) => [p.message, slice(text, p.span)]);

  test('unknown, duplicate, missing values, bad booleans', () => {
    assert.deepEqual(problems('FROM a\nCOPY --foo=1 a /b\n'), [['unknown flag: --foo', '--foo=1']]);
    assert.deepEqual(problems('FROM a\nCOPY --from=x --from=y a /b\n'), [['duplicate flag specified: --from', '--from=y']]);
    assert.deepEqual(problems('FROM a\nCOPY --exclude=x --exclude=y a /b\n'), [], '--exclude may be repeated');
    assert.deepEqual(problems('FROM a\nCOPY --from a /b\n'), [['missing a value on flag: --from', '--from']]);
    assert.deepEqual(problems('FROM a\nCOPY --link=yes a /b\n'), [['expecting boolean value for flag --link, not: yes', '--link=yes']]);
    assert.deepEqual(problems('FROM a\nADD --parents a /b\n'), [['unknown flag: --parents', '--parents']]);
    assert.deepEqual(problems('FROM a\nENV --x=1 A=b\n'), [['unknown flag: --x', '--x=1']]);
  });

  test('ARG, STOPSIGNAL and HEALTHCHECK NONE never read their flags', () => {
    assert.deepEqual(problems('FROM a\nARG --x=1 A\nSTOPSIGNAL --y SIGTERM\nHEALTHCHECK --interval=1s NONE\n'), []);
    assert.deepEqual(problems('FROM a\nHEALTHCHECK --bogus=1 CMD true\n'), [['unknown flag: --bogus', '--bogus=1']]);
  });

  test('an ONBUILD trigger is checked by its own keyword', () => {
    assert.deepEqual(problems('FROM a\nONBUILD COPY --chmod=755 a /b\nONBUILD RUN --foo x\n'), [['unknown flag: --foo', '--foo']]);
  });
});
