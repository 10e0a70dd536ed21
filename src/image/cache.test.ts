import assert from 'node:assert/strict';
import { readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { withTempDir } from '../../test/support/tar-analyze.js';
import { chainId, DEFAULT_CACHE_MAX_BYTES, defaultCacheDir, defaultCacheMaxBytes, LayerCache } from './cache.js';

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

test('a blob is verified for a diffID only once recorded; a report whose checksum does not match is a miss', async () => {
  await withTempDir(async (dir) => {
    const cache = new LayerCache(dir);
    const blob = `sha256:${'b1'.repeat(32)}`;
    assert.equal(await cache.verifiedBlob(DIFF_ID, blob), false);
    await cache.writeVerifiedBlob(DIFF_ID, blob);
    assert.equal(await cache.verifiedBlob(DIFF_ID, blob), true);
    assert.equal(await cache.verifiedBlob(DIFF_ID, `sha256:${'b2'.repeat(32)}`), false, 'another blob under the same diffID');
    assert.equal(await cache.verifiedBlob(`sha256:${'d0'.repeat(32)}`, blob), false, 'the same blob under another diffID');
    await cache.writeVerifiedBlob(DIFF_ID, 'sha256:../../escape');
    assert.equal(await cache.verifiedBlob(DIFF_ID, 'sha256:../../escape'), false);

    const key = `sha256:${'e0'.repeat(32)}`;
    await cache.writeReport(key, { findings: [1] });
    assert.deepEqual(await cache.readReport(key), { findings: [1] });
    const reportDir = join(dir, 'reports', 'sha256', 'e0', 'e0'.repeat(32));
    const [file] = await readdir(reportDir);
    const stored = await readFile(join(reportDir, file!), 'utf8');
    for (const tampered of [stored.replace('[1]', '[2]'), stored.slice(65), `${'0'.repeat(64)}\n${stored.slice(65)}`, '']) {
      await writeFile(join(reportDir, file!), tampered);
      assert.equal(await cache.readReport(key), undefined, JSON.stringify(tampered));
    }
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

/** A listing of `files` entries, some 70 bytes each on disk. */
function listingOf(files: number) {
  return { entries: Array.from({ length: files }, (_, i) => ({ path: `f${i}`, kind: 'file' as const, size: i, mode: 0o644, uid: 0, gid: 0 })), problems: [], tarBytes: 0 };
}

const digest = (n: number) => `sha256:${n.toString(16).padStart(2, '0').repeat(32)}`;
const entryDir = (dir: string, kind: string, n: number) => join(dir, kind, 'sha256', n.toString(16).padStart(2, '0'), n.toString(16).padStart(2, '0').repeat(32));

test('the size budget: SHIPSHAPE_CACHE_MAX_MB in mebibytes, else 1 GiB; anything but a whole number is an input error', () => {
  assert.equal(defaultCacheMaxBytes({}), DEFAULT_CACHE_MAX_BYTES);
  assert.equal(defaultCacheMaxBytes({ SHIPSHAPE_CACHE_MAX_MB: '' }), DEFAULT_CACHE_MAX_BYTES);
  assert.equal(defaultCacheMaxBytes({ SHIPSHAPE_CACHE_MAX_MB: ' 512 ' }), 512 * 1024 * 1024);
  for (const bad of ['1.5', '-1', '1GB', 'lots']) {
    assert.throws(() => defaultCacheMaxBytes({ SHIPSHAPE_CACHE_MAX_MB: bad }), { name: 'InputError', message: /^SHIPSHAPE_CACHE_MAX_MB: ".*" is not a whole number of megabytes$/ });
  }
});

test('pruning removes the least recently used entries down to the budget, never one this run used', async () => {
  await withTempDir(async (dir) => {
    // Six older entries, last used an hour apart: layers 1-4, a stack's facts (5) and a report (6).
    const before = new LayerCache(dir);
    for (let n = 1; n <= 4; n++) await before.writeListing(digest(n), listingOf(100));
    await before.writeStackFacts(digest(5), { name: 'dive-efficiency', version: 1 }, { score: 1, wastedBytes: 0 });
    await before.writeReport(digest(6), { findings: [] });
    const kinds = ['layers', 'layers', 'layers', 'layers', 'chains', 'reports'];
    for (let n = 1; n <= 6; n++) {
      const used = new Date(Date.now() - (10 - n) * 3_600_000);
      await utimes(entryDir(dir, kinds[n - 1]!, n), used, used);
    }
    const entryBytes = (await stat(join(entryDir(dir, 'layers', 1), 'listing@2.json'))).size;

    // This run reads layer 1 (the oldest), writes layer 7, and may keep about three listings.
    const run = new LayerCache(dir, entryBytes * 3 + 200);
    assert.ok(await run.readListing(digest(1)));
    await run.writeListing(digest(7), listingOf(100));
    const result = await run.prune();

    const left = (await Promise.all(kinds.concat('layers').map(async (kind, i) => ((await stat(entryDir(dir, kind, i + 1)).catch(() => undefined)) ? i + 1 : 0)))).filter(Boolean);
    // 2 and 3 are the least recently used after 1 was read: they go; 4 is the newest older listing and stays.
    assert.deepEqual(left, [1, 4, 5, 6, 7]);
    assert.equal(result.removed, 2);
    assert.ok(result.bytesAfter <= run.maxBytes, `${result.bytesAfter} > ${run.maxBytes}`);
    assert.equal(result.bytesBefore - result.bytesAfter, 2 * entryBytes);
    // The emptied two-letter directories are gone; the others stay.
    assert.deepEqual((await readdir(join(dir, 'layers', 'sha256'))).sort(), ['01', '04', '07']);

    // Entries this run used stay even when they alone are over the budget.
    const tight = new LayerCache(dir, 1);
    await tight.writeListing(digest(8), listingOf(100));
    assert.ok(await tight.readListing(digest(7)));
    await tight.prune();
    assert.ok(await stat(entryDir(dir, 'layers', 8)));
    assert.ok(await stat(entryDir(dir, 'layers', 7)));
    assert.equal(await stat(entryDir(dir, 'layers', 1)).catch(() => 'gone'), 'gone');

    // A run that only read adds nothing and prunes nothing.
    const reader = new LayerCache(dir, 1);
    assert.ok(await reader.readListing(digest(8)));
    assert.deepEqual(await reader.prune(), { bytesBefore: 0, bytesAfter: 0, removed: 0 });
    assert.ok(await stat(entryDir(dir, 'layers', 7)));
  });
});
