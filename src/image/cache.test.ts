import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTempDir } from '../../test/support/tar-analyze.js';
import { defaultCacheDir, LayerCache } from './cache.js';

const DIFF_ID = `sha256:${'c0'.repeat(32)}`;

test('the cache directory: SHIPSHAPE_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
  assert.equal(defaultCacheDir({ SHIPSHAPE_CACHE_DIR: '/x', XDG_CACHE_HOME: '/y' }), '/x');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/y' }), '/y/shipshape');
  assert.equal(defaultCacheDir({}), join(homedir(), '.cache', 'shipshape'));
});

test('listings and facts round-trip; other versions, corrupt files and hostile keys are misses', async () => {
  await withTempDir(async (dir) => {
    const cache = new LayerCache(dir);
    const listing = {
      entries: [
        { path: 'bin/sh', kind: 'symlink' as const, size: 0, mode: 0o777, uid: 0, gid: 0, linkTarget: 'busybox' },
        { path: 'bin/busybox', kind: 'file' as const, size: 1000, mode: 0o4755, uid: 0, gid: 0 },
      ],
      problems: [{ kind: 'absolute-path' as const, rawPath: '/x' }],
      tarBytes: 3072,
    };
    await cache.writeListing(DIFF_ID, listing);
    assert.deepEqual(await cache.readListing(DIFF_ID), listing);
    const facts = { records: [{ path: 'bin/busybox', fact: { setuid: true } }], error: 'x: boom' };
    await cache.writeFacts(DIFF_ID, { name: 'setuid', version: 1 }, facts);
    assert.deepEqual(await cache.readFacts(DIFF_ID, { name: 'setuid', version: 1 }), facts);
    assert.equal(await cache.readFacts(DIFF_ID, { name: 'setuid', version: 2 }), undefined);

    const layerDir = join(dir, 'layers', 'sha256', 'c0', 'c0'.repeat(32));
    assert.deepEqual((await readdir(layerDir)).sort(), ['listing@1.json', 'setuid@1.json']);
    await writeFile(join(layerDir, 'setuid@1.json'), '{"records": [trunc');
    assert.equal(await cache.readFacts(DIFF_ID, { name: 'setuid', version: 1 }), undefined);

    await cache.writeListing('sha256:../../../../escape', listing);
    await cache.writeFacts(DIFF_ID, { name: '../escape', version: 1 }, facts);
    assert.equal(await cache.readListing('sha256:../../../../escape'), undefined);
    assert.deepEqual(await readdir(dir), ['layers']);
    assert.deepEqual((await readdir(layerDir)).sort(), ['listing@1.json', 'setuid@1.json']);
  });
});

test('a cache that cannot be written does not fail the caller', async () => {
  await withTempDir(async (dir) => {
    // A regular file where the cache directory should be: every write fails.
    const file = join(dir, 'not-a-directory');
    await writeFile(file, '');
    const cache = new LayerCache(file);
    await cache.writeListing(DIFF_ID, { entries: [], problems: [], tarBytes: 0 });
    assert.equal(await cache.readListing(DIFF_ID), undefined);
  });
});
