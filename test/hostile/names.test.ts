// Row 5 of the hostile inputs: names that are not valid UTF-8, in a build context and in a layer. Nothing is
// skipped (least of all a key), .dockerignore matches such names as Docker does, and they are shown escaped.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { walkContext } from '../../src/context/walk.js';
import { decodeFileName } from '../../src/core/file-names.js';
import { runCli } from '../support/cli.js';
import { fakePrivateKey } from '../support/tar-sample.js';
import { tarBuffer } from '../support/tar-writer.js';
import { tarWithRawName, writeDockerArchive } from './docker-archive.js';

const KEY = fakePrivateKey('names that are not UTF-8');
const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/** A context with a key inside a directory whose name is `keys` and the byte 0xff, and a file named `caf\xe9.txt`. */
function context(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-hostile-names-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nCOPY . /app\nUSER app\n');
  const keys = Buffer.concat([Buffer.from(`${dir}/`), bytes('keys\xff')]);
  mkdirSync(keys);
  writeFileSync(Buffer.concat([keys, Buffer.from('/id_rsa')]), KEY);
  writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), bytes('caf\xe9.txt')]), 'x');
  symlinkSync(bytes('target\xfe'), Buffer.concat([Buffer.from(`${dir}/`), Buffer.from('link')]));
  return dir;
}

describe('names that are not UTF-8', () => {
  test('context: the directory is walked, the key inside is reported, names are shown escaped', async () => {
    const dir = context();
    const result = await runCli(['context', '.'], { cwd: dir });
    assert.equal(result.code, 1, result.stderr);
    assert.doesNotMatch(result.stdout, /cannot list|\ufffd/);
    assert.match(result.stdout, /COPY copies keys\\xff\/id_rsa \(SSH private key\) into the image/);
    const list = await runCli(['context', '.', '--list'], { cwd: dir });
    assert.deepEqual(list.stdout.split('\n').filter(Boolean).sort(), ['Dockerfile', 'caf\\xe9.txt', 'keys\\xff/id_rsa', 'link']);
  });

  test('context, walked on helper threads too: names keep their bytes, and a link its target', () => {
    const dir = context();
    for (let i = 0; i < 50; i++) mkdirSync(join(dir, `d${i}`));
    const helperModule = new URL('../../src/context/test-support/walk-worker-from-source.mjs', import.meta.url);
    const alone = walkContext(dir, { threads: 0 });
    const shared = walkContext(dir, { threads: 1, parallelAfter: 0, helperModule });
    assert.deepEqual(shared.entries, alone.entries);
    assert.deepEqual(alone.problems, []);
    const byPath = new Map(alone.entries.map((entry) => [entry.path, entry]));
    assert.equal(byPath.get(decodeFileName(bytes('keys\xff/id_rsa')))?.size, KEY.length);
    assert.equal(byPath.get(decodeFileName(bytes('link')))?.target, decodeFileName(bytes('target\xfe')));
  });

  test('.dockerignore matches the bytes: a literal byte, `?` over one byte, and a wildcard pattern holding one fails as in Docker', async () => {
    const dir = context();
    writeFileSync(join(dir, '.dockerignore'), Buffer.concat([bytes('keys\xff\n'), Buffer.from('caf?.txt\n')]));
    const list = await runCli(['context', '.', '--list'], { cwd: dir });
    assert.deepEqual(list.stdout.split('\n').filter(Boolean).sort(), ['.dockerignore', 'Dockerfile', 'link']);
    writeFileSync(join(dir, '.dockerignore'), bytes('k*\xff\n'));
    const bad = await runCli(['context', '.', '--list'], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, 'shipshape: .dockerignore:1: bad pattern "k*\\xff": invalid UTF-8\n');
  });

  test('image: a layer entry whose name is not UTF-8 keeps its bytes, is listed escaped and found as a key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-hostile-names-'));
    const archive = join(dir, 'image.tar');
    const layer = Buffer.concat([
      tarBuffer([{ path: 'root/', type: 'dir' }]).subarray(0, 512),
      tarWithRawName(bytes('root/.ssh\xff/id_rsa'), KEY).subarray(0, -1024),
      tarWithRawName(bytes('root/.ssh\xfe/id_rsa'), KEY),
    ]);
    await writeDockerArchive(archive, { layers: [layer] });
    const result = await runCli(['image', `docker-archive:${archive}`, '--files'], { cwd: dir });
    assert.doesNotMatch(result.stdout, /\ufffd/);
    assert.match(result.stdout, /root\/\.ssh\\xff\/id_rsa$/m);
    assert.match(result.stdout, /root\/\.ssh\\xfe\/id_rsa$/m);
    const json = await runCli(['image', `docker-archive:${archive}`, '--format', 'json'], { cwd: dir });
    const report = JSON.parse(json.stdout) as { findings: { ruleId: string; location: { path?: string } }[] };
    const keys = report.findings.filter((finding) => finding.location.path?.endsWith('/id_rsa')).map((finding) => finding.location.path);
    assert.deepEqual([...new Set(keys)].sort(), [decodeFileName(bytes('root/.ssh\xfe/id_rsa')), decodeFileName(bytes('root/.ssh\xff/id_rsa'))].map((p) => `/${p}`).sort());
  });
});
