import assert from 'node:assert/strict';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeSpec, withTempDir } from '../../test/support/tar-analyze.js';
import { makeSampleImage } from '../../test/support/tar-sample.js';
import { makeTestImage } from '../../test/support/tar-image.js';
import { ANALYZERS } from '../analyzers/index.js';
import { InputError } from '../core/errors.js';
import { analyzeImage, type AnalyzeImageOptions, type LayerProgress } from './analyze.js';
import { imageRules } from './rules/index.js';
import type { Image } from './types.js';

/** The same image whose layers can no longer be read: a warm cache must not need them. */
function unreadable(image: Image): Image {
  return {
    ...image,
    layers: image.layers.map((layer) => ({
      ...layer,
      openTar: () => Promise.reject(new Error(`layer ${layer.diffId} was read`)),
      openStored: () => Promise.reject(new Error(`layer ${layer.diffId} was read`)),
    })),
  };
}

test('the base: a label, else the FROM the builder recorded, else os-release; an image ID names no base', async () => {
  const osRelease = { path: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' };
  const baseOf = async (comment: string) =>
    (await analyzeSpec({ layers: [{ tar: [osRelease] }, { tar: [{ path: 'app', content: 'x' }], comment }] })).image.base;
  assert.deepEqual(await baseOf('FROM docker.io/library/node:20'), { name: 'docker.io/library/node:20', source: 'history' });
  assert.deepEqual(await baseOf(`FROM 4a86122661a4${'0'.repeat(52)}`), { name: 'debian:12', source: 'os-release' });
  assert.deepEqual(await baseOf('FROM sha256:4a86122661a4'), { name: 'debian:12', source: 'os-release' });
});

test('the sample image: history aligned to layers, sizes, OS, base, packages and their layers', async () => {
  await withTempDir(async (dir) => {
    const report = await analyzeImage(await makeSampleImage(join(dir, 'image')), { cache: false });
    const image = report.image;
    assert.deepEqual(
      image.layers.map((l) => [l.index, l.empty, l.instruction.split(' ')[0]]),
      [[1, false, 'ADD'], [undefined, true, 'ENV'], [2, false, 'RUN'], [3, false, 'COPY'], [4, false, 'RUN'], [undefined, true, 'CMD']],
    );
    assert.equal(image.layers[2]!.instruction, 'RUN apt-get update && apt-get install -y gcc-12');
    assert.deepEqual(image.os, { id: 'debian', versionId: '12', versionCodename: 'bookworm', prettyName: 'Debian GNU/Linux 12 (bookworm)', release: '12.5' });
    assert.deepEqual(image.base, { name: 'docker.io/library/debian:bookworm', source: 'label' });
    assert.deepEqual(
      image.packages.map((p) => [p.ecosystem, p.name, p.layerIndex]),
      [['deb', 'base-files', 1], ['deb', 'gcc-12', 2], ['npm', 'express', 3], ['npm', 'jest', 3]],
    );
    assert.equal(image.size.layers, image.layers.reduce((sum, l) => sum + l.size, 0));
    assert.equal(image.size.compressed, report.image.layers.reduce((sum, l) => sum + (l.compressedBytes ?? 0), 0));
    assert.ok(image.size.final < image.size.layers);
    // id_rsa (the key is 842 bytes), the apt lists, the chown'ed server.js and the first status file are hidden.
    assert.equal(image.efficiency.recoverableBytes, image.layers.reduce((sum, l) => sum + (l.wastedBytes ?? 0), 0));
    assert.ok(image.efficiency.diveWastedBytes > image.efficiency.recoverableBytes);
    assert.deepEqual(
      [...new Set(report.findings.map((f) => f.ruleId))].sort(),
      [
        'image/no-build-tools',
        'image/no-dev-dependencies',
        'image/no-package-cache',
        'image/no-root-user',
        'image/no-secrets-in-history',
        'image/no-secrets-in-layers',
        'image/no-setuid',
        'image/wasted-space',
      ],
    );
    assert.deepEqual(report.summary, { error: 3, warning: 6, info: 1 });
  });
});

test('a warm cache answers without reading any layer, with the same report', async () => {
  await withTempDir(async (dir) => {
    const image = await makeSampleImage(join(dir, 'image'));
    const cache = { dir: join(dir, 'cache') };
    const cold = await analyzeImage(image, { cache, files: true });
    const warm = await analyzeImage(unreadable(image), { cache, files: true });
    assert.deepEqual(warm, cold);
    await assert.rejects(analyzeImage(unreadable(image), { cache: { dir: join(dir, 'other') } }), /was read/);
  });
});

test('a re-run on the same image with the same settings reads its cached report; any other input computes it again', async () => {
  await withTempDir(async (dir) => {
    const image = await makeSampleImage(join(dir, 'image'));
    const cache = { dir: join(dir, 'cache') };
    const cold = await analyzeImage(image, { cache });
    // without the layers' results, only the report can answer
    await rm(join(dir, 'cache', 'layers'), { recursive: true });
    const progress: LayerProgress[] = [];
    const warm = await analyzeImage(unreadable(image), { cache, onProgress: (p) => progress.push(p) });
    assert.deepEqual(warm, JSON.parse(JSON.stringify(cold)));
    assert.deepEqual(progress.map((p) => [p.layer, p.cached, p.done]), image.layers.map((_, i) => [i, true, true]));
    const changed: [string, Image, AnalyzeImageOptions][] = [
      ['rule settings', unreadable(image), { cache, rules: { 'image/no-root-user': { severity: 'off' } } }],
      ['rules', unreadable(image), { cache, ruleSet: imageRules.slice(1) }],
      ['analyzer version', unreadable(image), { cache, analyzers: ANALYZERS.map((a) => ({ ...a, version: a.version + 1 })) }],
      ['limits', unreadable(image), { cache, maxEntries: 1_000_000 }],
      ['name', { ...unreadable(image), ref: 'another:tag' }, { cache }],
      ['config', { ...unreadable(image), rawConfig: Buffer.concat([image.rawConfig, Buffer.from(' ')]) }, { cache }],
      ['--files', unreadable(image), { cache, files: true }],
    ];
    for (const [what, other, options] of changed) await assert.rejects(analyzeImage(other, options), /was read/, what);
    // a report file that does not parse is a miss
    const reports = join(dir, 'cache', 'reports');
    const [file] = (await readdir(reports, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
    await writeFile(join(file!.parentPath, file!.name), '{"findings": 3');
    await assert.rejects(analyzeImage(unreadable(image), { cache }), /was read/);
  });
});

test('the cache keeps to its budget: another image analysed with a full cache pushes out the least recently used', async () => {
  await withTempDir(async (dir) => {
    const sample = await makeSampleImage(join(dir, 'sample'));
    const other = await makeTestImage(join(dir, 'other'), { layers: [{ tar: [{ path: 'app/main.js', content: 'console.log(1)' }] }] });
    const roomy = { dir: join(dir, 'cache') };
    await analyzeImage(sample, { cache: roomy });
    await analyzeImage(other, { cache: roomy });
    // Within the budget both stay: the sample answers from its cached report without reading a layer.
    await analyzeImage(unreadable(sample), { cache: roomy });

    // A budget of one byte keeps only what a run uses: analysing the other image, with a new setting so that its
    // layers are read from the cache and a new report written, pushes the sample's entries out.
    const full = { dir: roomy.dir, maxBytes: 1 };
    await analyzeImage(unreadable(other), { cache: full, maxEntries: 1_000_000 });
    await assert.rejects(analyzeImage(unreadable(sample), { cache: roomy }), /was read/);
    const layers = await readdir(join(roomy.dir, 'layers', 'sha256'), { recursive: true });
    assert.deepEqual(layers.filter((path) => path.split('/').length === 2), [other.layers[0]!.diffId.slice(7, 9) + '/' + other.layers[0]!.diffId.slice(7)]);
  });
});

test('a new analyzer version reads the layers again, for that analyzer only', async () => {
  await withTempDir(async (dir) => {
    const image = await makeSampleImage(join(dir, 'image'));
    const cache = { dir: join(dir, 'cache') };
    await analyzeImage(image, { cache });
    const bumped = ANALYZERS.map((a) => (a.name === 'setuid' ? { ...a, version: a.version + 1 } : a));
    await assert.rejects(analyzeImage(unreadable(image), { cache, analyzers: bumped }), /was read/);
    const report = await analyzeImage(image, { cache, analyzers: bumped });
    assert.ok(report.findings.some((f) => f.ruleId === 'image/no-setuid'));
    await analyzeImage(unreadable(image), { cache, analyzers: bumped });
  });
});

test('rule settings turn rules off, change their severity and pass their options', async () => {
  await withTempDir(async (dir) => {
    const image = await makeSampleImage(join(dir, 'image'));
    const report = await analyzeImage(image, {
      cache: false,
      rules: {
        'image/no-root-user': { severity: 'off' },
        'image/no-setuid': { severity: 'error' },
        'image/size-budget': { options: { maxBytes: 1000 } },
      },
    });
    const ids = report.findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('image/no-root-user'));
    assert.equal(report.findings.find((f) => f.ruleId === 'image/no-setuid')?.severity, 'error');
    assert.ok(ids.includes('image/size-budget'));
  });
});

test('--files lists what each layer adds, changes and deletes', async () => {
  await withTempDir(async (dir) => {
    const report = await analyzeImage(await makeSampleImage(join(dir, 'image')), { cache: false, files: true });
    const last = report.image.layers.find((l) => l.index === 4)!;
    assert.deepEqual(
      last.files?.map((f) => [f.path, f.change, f.mode, f.uid]),
      [
        ['/app/id_rsa', 'deleted', '0644', 0],
        ['/var/lib/apt/lists', 'deleted', '0644', 0],
        ['/app', 'modified', '0755', 1000],
        ['/app/server.js', 'modified', '0644', 1000],
      ],
    );
    assert.equal(last.files?.[1]?.size, 300_000);
  });
});

test('the uncompressed limit covers the whole image', async () => {
  await withTempDir(async (dir) => {
    const image = await makeTestImage(dir, {
      ref: 'oci:limited',
      layers: [{ tar: [{ path: 'a', content: Buffer.alloc(6000) }] }, { tar: [{ path: 'b', content: Buffer.alloc(6000) }] }],
    });
    await assert.rejects(analyzeImage(image, { cache: false, maxUncompressedBytes: 10_000 }), (error: Error) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /^oci:limited: layer 2 of 2 \(sha256:[0-9a-f]{12}\): inflates past the [\d.]+ kB limit \(what earlier layers left of maxUncompressedBytes, 10\.0 kB\)/);
      return true;
    });
  });
});
