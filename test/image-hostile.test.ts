// Hostile layers and streams: each ends in a clear error or finding, never a crash, a write, or unbounded memory.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { InputError } from '../src/core/errors.js';
import { analyzeImage } from '../src/image/analyze.js';
import { withTempDir } from './support/tar-analyze.js';
import { openImage } from '../src/image/open.js';
import { makeTestImage, writeOciLayout } from './support/tar-image.js';
import { tarBuffer } from './support/tar-writer.js';

const MEMORY_LIMIT = 300 * 1024 * 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

async function runChild(which: string, limit?: number): Promise<{ error: string; maxRssBytes: number }> {
  const child = join(import.meta.dirname, 'image-hostile-child.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, which, ...(limit ? [String(limit)] : [])], {
    cwd: join(import.meta.dirname, '..'),
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { error: string; maxRssBytes: number };
}

test('path traversal: entries escaping the root are findings, skipped, and nothing is written outside the cache', async () => {
  await withTempDir(async (dir) => {
    const cacheDir = join(dir, 'cache');
    const image = await makeTestImage(join(dir, 'image'), {
      layers: [
        {
          tar: [
            { path: '../evil-dotdot', content: 'x' },
            { path: '/evil-absolute', content: 'x' },
            { path: 'a/b/../../../evil-nested', content: 'x' },
            { path: `${'../'.repeat(20)}tmp/evil-deep`, content: 'x' },
            { path: 'ok', content: 'x' },
          ],
        },
      ],
    });
    const before = await filesUnder(dir);
    const report = await analyzeImage(image, { cache: { dir: cacheDir } });
    const traversal = report.findings.filter((f) => f.ruleId === 'image/no-path-traversal');
    assert.deepEqual(traversal.map((f) => f.severity), ['error', 'warning', 'error', 'error']);
    assert.deepEqual(report.image.layers[0]!.changes, { added: 2, modified: 0, deleted: 0 });
    const written = (await filesUnder(dir)).filter((f) => !before.includes(f));
    // only cache entries: a layer's by diffID, the stack's by ChainID, the report's by the digest of its inputs
    const cacheEntry = /^(?:layers|chains|reports)\/sha256\/[0-9a-f]{2}\/[0-9a-f]{64}\/[a-z0-9-]+(?:@\d+)?(?:\+listing@\d+)?\.json$/;
    assert.ok(written.length > 0 && written.every((f) => f.startsWith(`${cacheDir}/`) && cacheEntry.test(f.slice(cacheDir.length + 1))), written.join('\n'));
    for (const name of ['evil-dotdot', 'evil-absolute', 'evil-nested', 'evil-deep']) {
      assert.ok(!existsSync(join(dir, '..', name)) && !existsSync(join('/', name)) && !existsSync(join('/tmp', name)), name);
    }
  });
});

test('symlink loops and escapes: analysis completes, the loop resolves to nothing, the escape is a finding', async () => {
  await withTempDir(async (dir) => {
    const image = await makeTestImage(dir, {
      layers: [
        {
          tar: [
            { path: 'etc/os-release', type: 'symlink', linkTarget: 'os-release.d' },
            { path: 'etc/os-release.d', type: 'symlink', linkTarget: '/etc/os-release' },
            { path: 'etc/passwd', type: 'symlink', linkTarget: '../../../../../../etc/passwd' },
            { path: 'usr/lib/os-release', type: 'symlink', linkTarget: '../../usr/lib/os-release' },
            { path: 'var/spin', type: 'symlink', linkTarget: 'spin/spin/spin' },
          ],
        },
      ],
    });
    const report = await analyzeImage(image, { cache: false });
    assert.equal(report.image.os, undefined);
    assert.deepEqual(
      report.findings.filter((f) => f.ruleId === 'image/no-path-traversal').map((f) => f.message.split(':')[0]),
      ['link `etc/passwd` → `../../../../../../etc/passwd` points above the root'],
    );
  });
});

test('a truncated gzip layer is a one-line error naming the image and the layer', async () => {
  await withTempDir(async (dir) => {
    const image = await makeTestImage(dir, { ref: 'oci:cut', layers: [{ tar: [{ path: 'f', content: Buffer.alloc(100_000, 7) }] }] });
    const file = join(dir, `${image.layers[0]!.digest.slice(7)}.tar.gz`);
    await truncate(file, Math.floor((await readFile(file)).length / 2));
    await assert.rejects(analyzeImage(image, { cache: false }), (error: Error) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /^oci:cut: layer 1 of 1 \(sha256:[0-9a-f]{12}\): unexpected end of file$/);
      return true;
    });
  });
});

test('with verifyDiffIds, a layer whose content does not match its diffID is an error, and nothing is cached for it', async () => {
  await withTempDir(async (dir) => {
    const image = await makeTestImage(join(dir, 'image'), {
      ref: 'oci:forged',
      layers: [{ tar: [{ path: 'f', content: 'x' }], diffId: `sha256:${'ab'.repeat(32)}` }],
    });
    await assert.rejects(
      analyzeImage(image, { cache: { dir: join(dir, 'cache') }, verifyDiffIds: true }),
      /^InputError: oci:forged: layer 1 of 1 \(sha256:abababababab\): content hashes to sha256:[0-9a-f]{64}, but the image config says sha256:(ab){32}$/,
    );
    assert.equal(existsSync(join(dir, 'cache')), false);
  });
});

test('through a real source: a layer that does not hash to its diffID, and a blob that does not match its digest', async () => {
  await withTempDir(async (dir) => {
    const image = await makeTestImage(join(dir, 'image'), { layers: [{ tar: [{ path: 'f', content: 'x'.repeat(5000) }] }] });
    const forged = await writeOciLayout(join(dir, 'forged'), image, { diffIds: [`sha256:${'ab'.repeat(32)}`] });
    const analyze = async (ref: string) => {
      const opened = await openImage(ref);
      try {
        return await analyzeImage(opened, { cache: { dir: join(dir, 'cache') } });
      } finally {
        await opened.close();
      }
    };
    await assert.rejects(analyze(forged), (error: Error) => {
      assert.ok(error instanceof InputError, String(error));
      assert.match(error.message, /^oci:.*forged:test: layer sha256:[0-9a-f]{12} \(uncompressed\) sha256:abababababab does not match its digest \(got sha256:[0-9a-f]{64}\)$/);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
    assert.equal(existsSync(join(dir, 'cache')), false);

    const ref = await writeOciLayout(join(dir, 'corrupt'), image);
    const blob = join(dir, 'corrupt', 'blobs', 'sha256', image.layers[0]!.digest.slice(7));
    const bytes = await readFile(blob);
    bytes[bytes.length - 12]! ^= 0xff;
    await writeFile(blob, bytes);
    await assert.rejects(analyze(ref), (error: Error) => {
      assert.ok(error instanceof InputError, String(error));
      assert.match(error.message, /^oci:.*corrupt:test: /);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
  });
});

test('a layer that is not a tar is an error', async () => {
  await withTempDir(async (dir) => {
    const garbage = Buffer.alloc(8192, 0x5a);
    const image = await makeTestImage(dir, { ref: 'oci:junk', layers: [{ tar: garbage }] });
    await assert.rejects(analyzeImage(image, { cache: false }), /^InputError: oci:junk: layer 1 of 1 \(sha256:[0-9a-f]{12}\): not a valid tar archive/);
  });
});

test('a hostile diffID names no cache file', async () => {
  await withTempDir(async (dir) => {
    const tar = tarBuffer([{ path: 'f', content: 'x' }]);
    const image = await makeTestImage(join(dir, 'image'), { layers: [{ tar }] });
    image.layers[0]!.diffId = 'sha256:../../../escape';
    await assert.rejects(analyzeImage(image, { cache: { dir: join(dir, 'cache') }, verifyDiffIds: true }), /content hashes to/);
    await writeFile(join(dir, 'marker'), '');
    assert.deepEqual(await filesUnder(dir).then((files) => files.filter((f) => f.includes('escape'))), []);
  });
});

test('a 10 GB entry declared over a 1 KB stream ends in a clear error, without allocating it', async () => {
  const result = await runChild('declared');
  assert.match(
    result.error,
    /^InputError: hostile:declared: layer 1 of 1 \(sha256:222222222222\): truncated: tar entry "big" declares 10\.0 GB but the layer ends after 512 B of it$/,
  );
  assert.ok(result.maxRssBytes < MEMORY_LIMIT, `maxRSS ${result.maxRssBytes}`);
});

test('a decompression bomb (10 GB from a lazily made gzip) stops at the uncompressed limit in bounded memory', async () => {
  const result = await runChild('bomb', 1024 ** 3);
  assert.match(result.error, /^InputError: hostile:bomb: layer 1 of 1 \(sha256:222222222222\): inflates past the 1\.07 GB limit \(maxUncompressedBytes\): stopped reading \(a decompression bomb, or raise the limit for a genuinely huge image\)$/);
  assert.ok(result.maxRssBytes < MEMORY_LIMIT, `maxRSS ${result.maxRssBytes}`);
});

test('a zstd bomb (10 GB of RLE blocks in one 300 KB read) stops at the uncompressed limit in bounded memory', async () => {
  const result = await runChild('zstd-bomb', 1024 ** 3);
  assert.match(result.error, /^InputError: hostile:zstd-bomb: layer 1 of 1 \(sha256:222222222222\): inflates past the 1\.07 GB limit \(maxUncompressedBytes\)/);
  assert.ok(result.maxRssBytes < MEMORY_LIMIT, `maxRSS ${result.maxRssBytes}`);
});

test('a layer of endless small files stops at the entry limit, under 300 MB', async () => {
  const result = await runChild('entries');
  assert.match(result.error, /: more than 200000 entries: stopped reading \(raise maxEntries for a genuinely huge image\)$/);
  assert.ok(result.maxRssBytes < MEMORY_LIMIT, `maxRSS ${result.maxRssBytes}`);
});

test('a layer of 150,000 files is analysed to the end under 300 MB', async () => {
  const result = await runChild('many-files');
  assert.equal(result.error, '');
  assert.ok(result.maxRssBytes < MEMORY_LIMIT, `maxRSS ${result.maxRssBytes}`);
});

test('an entry declaring more than the limit is refused before it is read', async () => {
  const result = await runChild('declared', 1000 ** 3);
  assert.match(result.error, /tar entry "big" declares 10\.0 GB, more than the 1\.00 GB limit \(maxUncompressedBytes\)$/);
});
