// Rows 6 and 7 of the hostile inputs: config and ignore files are read on purpose only. A link out of the project
// is not followed, a device or FIFO is not read, and an error never quotes the file.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, type CliResult } from '../support/cli.js';

const SHADOW = 'root:$6$SECRETSALT$SECRETHASHSECRETHASH:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-hostile-files-'));
}

/** A project with a Dockerfile, and outside it a secret file as /etc/shadow is. */
function project(): { dir: string; secret: string } {
  const root = scratch();
  const dir = join(root, 'project');
  mkdirSync(dir);
  writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nCOPY . /app\nUSER app\n');
  const secret = join(root, 'shadow');
  writeFileSync(secret, SHADOW);
  return { dir, secret };
}

function assertOneLineError(result: CliResult, message: string | RegExp): void {
  assert.equal(result.code, 2, result.stderr);
  if (typeof message === 'string') assert.equal(result.stderr, `shipshape: ${message}\n`);
  else assert.match(result.stderr, message);
  assert.doesNotMatch(result.stdout + result.stderr, /SECRET|daemon/);
}

describe('config files are read on purpose only', () => {
  test('.shipshape.yaml linked to a file outside the project is not followed, and nothing of it is printed', async () => {
    const { dir, secret } = project();
    symlinkSync(secret, join(dir, '.shipshape.yaml'));
    assertOneLineError(await runCli(['lint', 'Dockerfile'], { cwd: dir }), `${join(dir, '.shipshape.yaml')}: a symbolic link to a file outside ${dir}, not followed`);
  });

  test('a file the user names with -c may be anywhere, but its text is never quoted in an error', async () => {
    const { dir, secret } = project();
    const result = await runCli(['lint', '-c', secret, 'Dockerfile'], { cwd: dir });
    assertOneLineError(result, /^shipshape: \S+shadow:1: unknown key \(\d+ characters, not a name: not shown\) \(expected failOn, exclude, rules or db\)\n$/);
  });

  test('-c /dev/zero and -c FIFO: one line, at once', async () => {
    const { dir } = project();
    assertOneLineError(await runCli(['lint', '-c', '/dev/zero', 'Dockerfile'], { cwd: dir }), '/dev/zero: not a regular file (a device, FIFO or socket is not read)');
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    assertOneLineError(await runCli(['lint', '-c', 'fifo', 'Dockerfile'], { cwd: dir }), 'fifo: not a regular file (a device, FIFO or socket is not read)');
  });

  test('a config larger than 1 MB is refused; a link inside the project is followed', async () => {
    const { dir } = project();
    writeFileSync(join(dir, 'big.yaml'), `# ${'x'.repeat(1_000_000)}\n`);
    assertOneLineError(await runCli(['lint', '-c', 'big.yaml', 'Dockerfile'], { cwd: dir }), 'big.yaml: 1.00 MB, larger than the 1.00 MB a config or ignore file may be');
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'shipshape.yaml'), 'rules:\n  dockerfile/use-digest-pin: off\n  dockerfile/no-such-rule: off\n');
    symlinkSync('conf/shipshape.yaml', join(dir, '.shipshape.yaml'));
    assertOneLineError(await runCli(['lint', 'Dockerfile'], { cwd: dir }), `${join(dir, '.shipshape.yaml')}:3: unknown rule "dockerfile/no-such-rule" (see \`shipshape rules\`)`);
  });
});

describe('ignore files are read on purpose only', () => {
  test('.dockerignore linked to a file outside the context is not followed', async () => {
    const { dir, secret } = project();
    symlinkSync(secret, join(dir, '.dockerignore'));
    assertOneLineError(await runCli(['context', '.'], { cwd: dir }), '.dockerignore: a symbolic link to a file outside ., not followed');
    assertOneLineError(await runCli(['context', '.', '--format', 'json'], { cwd: dir }), '.dockerignore: a symbolic link to a file outside ., not followed');
  });

  test('<Dockerfile>.dockerignore as a FIFO is refused, and a .dockerignore linked inside the context is used', async () => {
    const { dir } = project();
    execFileSync('mkfifo', [join(dir, 'Dockerfile.dockerignore')]);
    assertOneLineError(await runCli(['context', '.'], { cwd: dir }), `Dockerfile.dockerignore: not a regular file (a device, FIFO or socket is not read)`);

    const other = project();
    writeFileSync(join(other.dir, 'ignore-patterns'), 'ignore-patterns\nsecret.txt\n');
    writeFileSync(join(other.dir, 'secret.txt'), 'x');
    symlinkSync('ignore-patterns', join(other.dir, '.dockerignore'));
    const list = await runCli(['context', '.', '--list'], { cwd: other.dir });
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(list.stdout.split('\n').filter(Boolean).sort(), ['.dockerignore', 'Dockerfile']);
  });
});
