// validateImage finds what a source got wrong, independently of the checks the sources make themselves.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { openImage, validateImage, ImageValidationError, type Image } from '../src/image/open.js';
import { imageFixturesOrSkip, type ImageFixtures } from './support/fixtures.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;

async function problemsOf(image: Image): Promise<string[]> {
  try {
    await validateImage(image);
    return [];
  } catch (error) {
    assert.ok(error instanceof ImageValidationError);
    return error.problems;
  }
}

test('a sound image validates; each broken invariant is reported', { skip }, async () => {
  const image = await openImage(`oci:${fixtures.images.busybox.ociLayout}`);
  try {
    assert.deepEqual(await problemsOf(image), []);

    const wrongConfig = { ...image, configDigest: `sha256:${'0'.repeat(64)}` };
    assert.ok((await problemsOf(wrongConfig)).some((p) => /^configDigest sha256:0{64} differs from the manifest's/.test(p)));

    const editedConfig = { ...image, config: { ...image.config, architecture: 'arm64' } };
    assert.deepEqual(await problemsOf(editedConfig), ['config object differs from the config bytes']);

    const editedManifest = { ...image, rawManifest: Buffer.from(image.rawManifest!.toString().replace('"schemaVersion":2', '"schemaVersion": 2')) };
    assert.ok((await problemsOf(editedManifest)).some((p) => p.startsWith('manifest bytes hash to')));

    const layer = image.layers[0]!;
    const wrongTar = { ...image, layers: [{ ...layer, openTar: async () => Readable.from([Buffer.alloc(1024)]) }] };
    assert.ok((await problemsOf(wrongTar)).some((p) => /^layer 0 tar hashes to sha256:[a-f0-9]{64}, not /.test(p)));

    const wrongCompression = { ...image, layers: [{ ...layer, compression: 'zstd' as const }] };
    assert.ok((await problemsOf(wrongCompression)).some((p) => p.startsWith('layer 0 compression zstd does not match media type')));

    const missingLayer = { ...image, layers: [] };
    const problems = await problemsOf(missingLayer);
    assert.ok(problems.includes('config has 1 diff_ids for 0 layers'));
    assert.ok(problems.includes('config history has 1 non-empty entries for 0 layers'));
  } finally {
    await image.close();
  }
});
