// Rows 8, 9 and 10 of the hostile inputs: `-o` never overwrites an input, `fix` leaves a read-only Dockerfile as it
// is, and a directory it cannot write in is one line, exit 2.
import assert from 'node:assert/strict';
import { chmodSync, linkSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, type CliResult } from '../support/cli.js';

const FIXABLE = 'FROM ubuntu:22.04\nRUN apt-get install -y curl\n';
/** Root writes any file: permission checks are tried as nobody too. */
const NOBODY = process.getuid?.() === 0 ? [{ user: 'root', uid: undefined }, { user: 'nobody', uid: 65534 }] : [{ user: 'this user', uid: undefined }];

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-hostile-output-'));
  chmodSync(dir, 0o777);
  writeFileSync(join(dir, 'Dockerfile'), FIXABLE);
  return dir;
}

function assertOneLineError(result: CliResult, message: string): void {
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stderr, `shipshape: ${message}\n`);
}

describe('-o never overwrites an input', () => {
  test('lint -o Dockerfile Dockerfile, and the same file by another name', async () => {
    const dir = project();
    assertOneLineError(await runCli(['lint', '-o', 'Dockerfile', 'Dockerfile'], { cwd: dir }), 'Dockerfile: is an input of this run; write the report to another file');
    symlinkSync('Dockerfile', join(dir, 'link'));
    linkSync(join(dir, 'Dockerfile'), join(dir, 'hard'));
    for (const output of ['./Dockerfile', 'link', 'hard', join(dir, 'Dockerfile')]) {
      assertOneLineError(await runCli(['lint', '-o', output, 'Dockerfile'], { cwd: dir }), `${output}: is the input Dockerfile of this run; write the report to another file`);
    }
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXABLE);
    const written = await runCli(['lint', '-o', 'report.txt', 'Dockerfile'], { cwd: dir });
    assert.equal(written.code, 0, written.stderr);
    assert.match(readFileSync(join(dir, 'report.txt'), 'utf8'), /use-no-install-recommends/);
  });

  test('the config and the .dockerignore a run read are inputs too', async () => {
    const dir = project();
    writeFileSync(join(dir, '.shipshape.yaml'), 'failOn: warning\n');
    assertOneLineError(await runCli(['lint', '-o', '.shipshape.yaml', 'Dockerfile'], { cwd: dir }), `.shipshape.yaml: is the input ${join(dir, '.shipshape.yaml')} of this run; write the report to another file`);
    writeFileSync(join(dir, '.dockerignore'), 'secret\n');
    assertOneLineError(await runCli(['context', '.', '-o', '.dockerignore'], { cwd: dir }), '.dockerignore: is an input of this run; write the report to another file');
    assert.equal(readFileSync(join(dir, '.dockerignore'), 'utf8'), 'secret\n');
  });
});

describe('fix leaves what it may not write as it is', () => {
  for (const { user, uid } of NOBODY) {
    test(`a read-only Dockerfile (0444), as ${user}`, async () => {
      const dir = project();
      chmodSync(join(dir, 'Dockerfile'), 0o444);
      assertOneLineError(await runCli(['fix', 'Dockerfile'], { cwd: dir, ...(uid ? { uid } : {}) }), 'Dockerfile: read-only (mode 0444), not rewritten; make it writable first');
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXABLE);
      assert.equal(statSync(join(dir, 'Dockerfile')).mode & 0o777, 0o444);
    });
  }

  test('a Dockerfile another user owns and this one may not write', { skip: process.getuid?.() !== 0 && 'needs root to run as nobody' }, async () => {
    const dir = project();
    chmodSync(join(dir, 'Dockerfile'), 0o644);
    assertOneLineError(await runCli(['fix', 'Dockerfile'], { cwd: dir, uid: 65534 }), 'Dockerfile: cannot write: permission denied');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXABLE);
  });

  test('a directory it may not write in: one line, exit 2, nothing left behind', { skip: process.getuid?.() !== 0 && 'needs root to run as nobody' }, async () => {
    const dir = project();
    chmodSync(join(dir, 'Dockerfile'), 0o666);
    chmodSync(dir, 0o555);
    assertOneLineError(await runCli(['fix', 'Dockerfile'], { cwd: dir, uid: 65534 }), 'Dockerfile: cannot write: permission denied in directory .');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), FIXABLE);
    assert.deepEqual(readdirSync(dir), ['Dockerfile']);
  });
});
