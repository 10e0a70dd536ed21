// The library writes no cache unless asked; the CLI asks (and `--no-cache` does not).
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeImage, openImage, scanImage } from '../src/index.js';
import { runCli } from './support/cli.js';
import { withTempDir } from './support/tar-analyze.js';
import { makeSampleImage } from './support/tar-sample.js';
import { writeOciLayout } from './support/tar-image.js';

/** Every file under a directory, relative to it; none when it does not exist. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** Runs `body` with every variable that chooses the default cache directory pointing under `dir`. */
async function withCacheHome<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const names = ['SHIPSHAPE_CACHE_DIR', 'XDG_CACHE_HOME', 'HOME'] as const;
  const saved = names.map((name) => [name, process.env[name]] as const);
  process.env.SHIPSHAPE_CACHE_DIR = join(dir, 'shipshape-cache');
  process.env.XDG_CACHE_HOME = join(dir, 'xdg');
  process.env.HOME = join(dir, 'home');
  try {
    return await body();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

test('analyzeImage and scanImage write no cache unless given one; given one, analyzeImage writes to the default directory', async () => {
  await withTempDir(async (dir) => {
    const image = await makeSampleImage(join(dir, 'image'));
    await withCacheHome(dir, async () => {
      await analyzeImage(image);
      await assert.rejects(scanImage(image, { dbDir: join(dir, 'no-db') }), /no vulnerability database/);
      assert.deepEqual(filesUnder(join(dir, 'shipshape-cache')), []);
      assert.deepEqual(filesUnder(join(dir, 'xdg')), []);
      assert.deepEqual(filesUnder(join(dir, 'home')), []);

      await analyzeImage(image, { cache: {} });
      const written = filesUnder(join(dir, 'shipshape-cache'));
      assert.ok(written.some((file) => file.startsWith('layers/sha256/')), written.join('\n'));
      assert.ok(written.some((file) => file.startsWith('reports/sha256/')), written.join('\n'));
    });
  });
});

test('a library caller that opens an image from a layout writes nothing beside it either', async () => {
  await withTempDir(async (dir) => {
    const ref = await writeOciLayout(join(dir, 'layout'), await makeSampleImage(join(dir, 'image')));
    const before = filesUnder(dir);
    await withCacheHome(dir, async () => {
      const image = await openImage(ref);
      try {
        await analyzeImage(image);
      } finally {
        await image.close();
      }
    });
    assert.deepEqual(filesUnder(dir), before);
  });
});

test('`shipshape image` caches its analysis in SHIPSHAPE_CACHE_DIR; with --no-cache it writes none', async () => {
  await withTempDir(async (dir) => {
    const ref = await writeOciLayout(join(dir, 'layout'), await makeSampleImage(join(dir, 'image')));
    const cached = join(dir, 'cached');
    const asked = await runCli(['image', ref, '--format', 'json'], { env: { SHIPSHAPE_CACHE_DIR: cached } });
    assert.equal(asked.code, 1, asked.stderr);
    assert.ok(filesUnder(cached).some((file) => file.startsWith('layers/sha256/')), filesUnder(cached).join('\n'));

    const uncached = join(dir, 'uncached');
    const notAsked = await runCli(['image', ref, '--format', 'json', '--no-cache'], { env: { SHIPSHAPE_CACHE_DIR: uncached } });
    assert.equal(notAsked.code, 1, notAsked.stderr);
    assert.deepEqual(filesUnder(uncached), []);
    assert.equal(notAsked.stdout, asked.stdout);
  });
});
