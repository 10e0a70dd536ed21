import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTempDir } from '../../test/support/tar-analyze.js';
import { chainId, defaultCacheDir, LayerCache } from './cache.js';

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
    assert.deepEqual((await readdir(layerDir)).sort(), ['listing@2.json', 'setuid@1.json']);
    await writeFile(join(layerDir, 'setuid@1.json'), '{"records": [trunc');
    assert.equal(await cache.readFacts(DIFF_ID, { name: 'setuid', version: 1 }), undefined);

    await cache.writeListing('sha256:../../../../escape', listing);
    await cache.writeFacts(DIFF_ID, { name: '../escape', version: 1 }, facts);
    assert.equal(await cache.readListing('sha256:../../../../escape'), undefined);
    assert.deepEqual(await readdir(dir), ['layers']);
    assert.deepEqual((await readdir(layerDir)).sort(), ['listing@2.json', 'setuid@1.json']);
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

test('ChainID: the first diffID, then sha256 of "<chain below> <diffID>" per layer (OCI image spec)', () => {
  const a = 'sha256:ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb';
  const b = 'sha256:3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d';
  const c = 'sha256:2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6';
  // expected values from `printf '%s %s' "$below" "$diffid" | sha256sum`
  assert.equal(chainId([a]), a);
  assert.equal(chainId([a, b]), 'sha256:51c0c8ace48498d6f5fee6b0592cc06f2da0f3cbe09c5a34a97dce85c3889676');
  assert.equal(chainId([a, b, c]), 'sha256:2fce7f8ce91bcf0a1428b36e1024639fdbd9469eea762dba98aa749631885106');
  assert.equal(chainId([]), undefined);
  assert.equal(chainId([a, 'sha256:../../escape']), undefined);
});

test('facts of a stack round-trip under its ChainID; a listing with ragged columns or unknown kinds is a miss', async () => {
  await withTempDir(async (dir) => {
    const cache = new LayerCache(dir);
    const chain = `sha256:${'ab'.repeat(32)}`;
    await cache.writeStackFacts(chain, { name: 'dive-efficiency', version: 1 }, { score: 0.9, wastedBytes: 10 });
    assert.deepEqual(await cache.readStackFacts(chain, { name: 'dive-efficiency', version: 1 }), { score: 0.9, wastedBytes: 10 });
    assert.equal(await cache.readStackFacts(chain, { name: 'dive-efficiency', version: 2 }), undefined);
    assert.deepEqual(await readdir(join(dir, 'chains', 'sha256', 'ab')), ['ab'.repeat(32)]);

    await cache.writeListing(DIFF_ID, { entries: [{ path: 'a', kind: 'file', size: 1, mode: 0o644, uid: 0, gid: 0 }], problems: [], tarBytes: 2048 });
    const file = join(dir, 'layers', 'sha256', 'c0', 'c0'.repeat(32), 'listing@2.json');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...stored, sizes: [] }));
    assert.equal(await cache.readListing(DIFF_ID), undefined);
    await writeFile(file, JSON.stringify({ ...stored, kinds: [99] }));
    assert.equal(await cache.readListing(DIFF_ID), undefined);
  });
});
