// Row 4 of the hostile inputs: escape sequences in Dockerfile text, file names, image config and layer file
// names never reach the terminal raw; JSON keeps the exact text.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, type CliResult } from '../support/cli.js';
import { tarBuffer } from '../support/tar-writer.js';
import { writeDockerArchive } from './docker-archive.js';

const TITLE = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J';
const CSI = '\u009b';
const RLO = '\u202e';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-hostile-terminal-'));
}

/** No byte a terminal acts on, in either stream: no ESC, BEL, C1 CSI or bidi override. */
function assertInert(result: CliResult): void {
  for (const [stream, text] of [['stdout', result.stdout], ['stderr', result.stderr]] as const) {
    assert.doesNotMatch(text, /[\x07\x1b\u009b\u202e]/, `${stream} holds a raw control character:\n${text}`);
  }
}

describe('escape sequences from files, images and registries reach the terminal escaped', () => {
  test('Dockerfile text: the code frame shows the escapes and its caret stays under the offending text', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'Dockerfile'), `FROM ubuntu:22.04\nRUN echo "${TITLE}${CLEAR}${CSI}${RLO}" && apt-get install -y curl\n`);
    const result = await runCli(['lint', 'Dockerfile'], { cwd: dir });
    assertInert(result);
    const lines = result.stdout.split('\n');
    const frame = lines.findIndex((line) => line.includes('RUN echo'));
    assert.ok(frame > 0, result.stdout);
    assert.ok(lines[frame]!.endsWith('RUN echo "\\x1b]0;pwned\\x07\\x1b[2J\\u009b\\u202e" && apt-get install -y curl'), lines[frame]);
    const caret = lines[frame + 1]!;
    assert.equal(caret.indexOf('^'), lines[frame]!.indexOf('apt-get install'), `${lines[frame]}\n${caret}`);
    assert.equal(caret.trimEnd().length, lines[frame]!.length, 'the underline ends where the line does');
  });

  test('JSON keeps the exact text (escaped only as JSON escapes it)', async () => {
    const dir = scratch();
    const name = `a${CLEAR}b`;
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
    const result = await runCli(['context', '.', '--format', 'json'], { cwd: dir });
    assert.doesNotMatch(result.stdout, /\x1b/);
    const report = JSON.parse(result.stdout) as { findings: { location: { file: string } }[] };
    assert.ok(report.findings.some((finding) => finding.location.file === `${name}/id_rsa`), result.stdout);
  });

  test('context: --list keeps one name a line, and the report shows names escaped', async () => {
    const dir = scratch();
    mkdirSync(join(dir, `keys${TITLE}`));
    writeFileSync(join(dir, `keys${TITLE}`, 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n');
    writeFileSync(join(dir, 'two\nlines'), 'x');
    writeFileSync(join(dir, `${RLO}txt.exe`), 'x');
    const list = await runCli(['context', '.', '--list'], { cwd: dir });
    assertInert(list);
    assert.deepEqual(list.stdout.split('\n').filter(Boolean).sort(), ['keys\\x1b]0;pwned\\x07/id_rsa', 'two\\nlines', '\\u202etxt.exe'].sort());

    const report = await runCli(['context', '.'], { cwd: dir });
    assertInert(report);
    assert.match(report.stdout, /keys\\x1b\]0;pwned\\x07\/id_rsa/);
  });

  test('image: history, user, labels and layer file names, with --files', async () => {
    const dir = scratch();
    const archive = join(dir, 'image.tar');
    const layer = tarBuffer([
      { path: 'etc/', type: 'dir' },
      { path: `etc/motd${CLEAR}`, content: 'hi\n' },
      { path: `etc/link${TITLE}`, type: 'symlink', linkTarget: `target${CLEAR}` },
    ]);
    await writeDockerArchive(archive, {
      layers: [layer],
      createdBy: [`/bin/sh -c echo ${TITLE}${CLEAR}`],
      config: { User: `app${CLEAR}`, Labels: { [`key${TITLE}`]: `value${CSI}` }, Env: [`X=${RLO}y`] },
    });
    const result = await runCli(['image', `docker-archive:${archive}`, '--files'], { cwd: dir });
    assertInert(result);
    assert.match(result.stdout, /user {8}app\\x1b\[2J/);
    assert.match(result.stdout, /label {7}key\\x1b\]0;pwned\\x07=value\\u009b/);
    assert.match(result.stdout, /env {9}X=\\u202ey/);
    assert.match(result.stdout, /echo \\x1b\]0;pwned\\x07\\x1b\[2J/);
    assert.match(result.stdout, /etc\/motd\\x1b\[2J$/m);
    assert.match(result.stdout, /etc\/link\\x1b\]0;pwned\\x07 -> target\\x1b\[2J$/m);
  });

  test('an error message quoting a name the user was given', async () => {
    const dir = scratch();
    const result = await runCli(['lint', `missing${CLEAR}\nDockerfile`], { cwd: dir });
    assertInert(result);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'shipshape: missing\\x1b[2J\\nDockerfile: no such file\n');
  });
});
