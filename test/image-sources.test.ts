// The contract every source keeps: one fixture image, opened through each transport, is the same image.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { Parser } from 'tar';
import { openImage, validateImage, type Image, type OpenImageOptions } from '../src/image/open.js';
import { fixtureRefs, imageFixturesOrSkip, type FixtureImageName, type ImageFixtures } from './support/fixtures.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;

async function sha256(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

async function tarEntries(stream: Readable): Promise<string[]> {
  const names: string[] = [];
  const parser = new Parser({ onReadEntry: (entry) => (names.push(entry.path), entry.resume()) });
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    parser.on('end', resolve);
    parser.on('error', reject);
    stream.pipe(parser);
  });
  return names;
}

function sources(name: FixtureImageName): [string, string, OpenImageOptions][] {
  const refs = fixtureRefs(fixtures, name);
  const registry = { insecure: true, dockerConfig: fixtures.dockerConfig };
  const list: [string, string, OpenImageOptions][] = [
    ['docker-archive (classic)', refs.dockerArchive, {}],
    ['oci', refs.oci, {}],
    ['oci-archive', refs.ociArchive, {}],
    ['registry, anonymous', refs.registryAnonymous, registry],
    ['registry, basic auth', refs.registryBasic, registry],
    ['registry, token auth', refs.registryToken, registry],
    ['docker-daemon', refs.daemon, { dockerHost: fixtures.dockerHost }],
  ];
  if (name === fixtures.dockerOciArchive.image) list.push(['docker-archive (Docker 25 layout)', `docker-archive:${fixtures.dockerOciArchive.path}`, {}]);
  if (name === fixtures.zstd.image) {
    list.push(['oci, zstd layers', `oci:${fixtures.zstd.ociLayout}`, {}]);
    list.push(['registry, zstd layers', `docker://${fixtures.registries.anonymous.host}/${fixtures.zstd.repository}`, registry]);
  }
  if (name === fixtures.dockerV2.image) list.push(['registry, Docker v2 manifest', `docker://${fixtures.registries.anonymous.host}/${fixtures.dockerV2.repository}`, registry]);
  return list;
}

const EXPECTED_COMPRESSION: Record<string, string> = {
  'docker-archive (classic)': 'none',
  'docker-archive (Docker 25 layout)': 'none',
  'docker-daemon': 'none',
  'oci, zstd layers': 'zstd',
  'registry, zstd layers': 'zstd',
};

for (const name of ['secrets', 'busybox', 'nonroot-clean'] as const) {
  describe(`the ${name} image is the same through every source`, { skip }, () => {
    let reference: Image | undefined;
    for (const [source, ref, options] of skip ? [] : sources(name)) {
      test(source, async () => {
        const image = await openImage(ref, options);
        try {
          await validateImage(image);
          assert.equal(image.ref, ref);
          reference ??= await openImage(fixtureRefs(fixtures, name).dockerArchive);
          assert.equal(image.configDigest, reference.configDigest);
          assert.deepEqual(
            image.layers.map((layer) => layer.diffId),
            reference.layers.map((layer) => layer.diffId),
          );
          assert.deepEqual(image.config, reference.config);
          for (const layer of image.layers) {
            assert.equal(await sha256(await layer.openTar()), layer.diffId);
            assert.equal(layer.compression, EXPECTED_COMPRESSION[source] ?? 'gzip', `${source} layer compression`);
          }
        } finally {
          await image.close();
        }
      });
    }
  });
}

describe('what the fixture images carry', { skip }, () => {
  test('secrets: the build arg in history, the token in ENV, a deleted private key and a .env file in the layers', async () => {
    const image = await openImage(fixtureRefs(fixtures, 'secrets').dockerArchive);
    try {
      const history = (image.config.history ?? []).map((entry) => entry.created_by ?? '');
      assert.ok(history.some((line) => line.startsWith(`|1 API_KEY=${fixtures.secrets.apiKey} /bin/sh -c`)), history.join('\n'));
      assert.ok(image.config.config?.Env?.includes(`GITHUB_TOKEN=${fixtures.secrets.githubToken}`));
      const entries = await Promise.all(image.layers.map(async (layer) => tarEntries(await layer.openTar())));
      const keyPath = fixtures.secrets.privateKeyPath.slice(1);
      const keyDir = keyPath.split('/').slice(0, -1).join('/');
      const keyName = keyPath.split('/').at(-1);
      const added = entries.findIndex((names) => names.includes(keyPath));
      const deleted = entries.findIndex((names) => names.includes(`${keyDir}/.wh.${keyName}`));
      assert.ok(added >= 0 && deleted > added, `key added in layer ${added}, whited out in layer ${deleted}`);
      assert.ok(entries.some((names) => names.includes(fixtures.secrets.dotenvPath.slice(1))));
    } finally {
      await image.close();
    }
  });

  test('apt-leftovers: apt lists left in the install layer, root user, the app directory shipped twice', async () => {
    const image = await openImage(fixtureRefs(fixtures, 'apt-leftovers').dockerArchive);
    try {
      assert.ok(!image.config.config?.User, 'runs as root');
      const entries = await Promise.all(image.layers.map(async (layer) => tarEntries(await layer.openTar())));
      assert.ok(entries.some((names) => names.some((n) => n.startsWith('var/lib/apt/lists/') && n.endsWith('_Packages'))));
      assert.equal(entries.filter((names) => names.includes('app/assets/blob.bin')).length, 2);
    } finally {
      await image.close();
    }
  });

  test('nonroot-clean runs as app; root-setuid runs as root with a setuid binary', async () => {
    const clean = await openImage(fixtureRefs(fixtures, 'nonroot-clean').dockerArchive);
    const setuid = await openImage(fixtureRefs(fixtures, 'root-setuid').dockerArchive);
    try {
      assert.equal(clean.config.config?.User, 'app');
      assert.ok(!setuid.config.config?.User);
      const modes: number[] = [];
      const parser = new Parser({ onReadEntry: (entry) => (entry.path === 'usr/bin/su-helper' && modes.push(entry.mode ?? 0), entry.resume()) });
      const tar = await setuid.layers.at(-1)!.openTar();
      await new Promise<void>((resolve, reject) => {
        parser.on('end', resolve);
        tar.on('error', reject);
        tar.pipe(parser);
      });
      assert.deepEqual(modes.map((mode) => (mode & 0o4000) !== 0), [true]);
    } finally {
      await clean.close();
      await setuid.close();
    }
  });
});

describe('selecting an image', { skip }, () => {
  test('a multi-image docker archive by name and by index', async () => {
    const { path, names } = fixtures.multiImageArchive;
    for (const [i, name] of names.entries()) {
      const byName = await openImage(`docker-archive:${path}:${name}`);
      const byIndex = await openImage(`docker-archive:${path}:@${i}`);
      const single = await openImage(`docker-archive:${fixtures.images[name.split('/').at(-1)!.split(':')[0] as FixtureImageName].dockerArchive}`);
      try {
        assert.equal(byName.configDigest, single.configDigest);
        assert.equal(byIndex.configDigest, single.configDigest);
        await validateImage(byName, { layers: false });
      } finally {
        await Promise.all([byName.close(), byIndex.close(), single.close()]);
      }
    }
  });

  test('a short name matches the archive tag as Docker normalises it', async () => {
    const image = await openImage(`docker-archive:${fixtures.dockerOciArchive.path}:docker.io/library/${fixtures.dockerOciArchive.repoTag}`);
    await image.close();
    assert.equal(image.transport, 'docker-archive');
  });

  for (const [where, ref] of [
    ['registry', () => `docker://${fixtures.registries.anonymous.host}/${fixtures.multiArch.repository}`],
    ['oci layout (nested index)', () => `oci:${fixtures.multiArch.ociLayout}`],
  ] as const) {
    test(`the platform from a multi-arch index in the ${where}`, async () => {
      const amd64Base = await openImage(`docker-archive:${fixtures.images.busybox.dockerArchive}`);
      await amd64Base.close();
      const amd64 = await openImage(ref(), { insecure: true, platform: 'linux/amd64' });
      const arm64 = await openImage(ref(), { insecure: true, platform: 'linux/arm64' });
      const arm64v8 = await openImage(ref(), { insecure: true, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } });
      try {
        assert.equal(amd64.configDigest, amd64Base.configDigest);
        assert.equal(amd64.config.architecture, 'amd64');
        assert.equal(arm64.config.architecture, 'arm64');
        assert.equal(arm64.config.variant, 'v8');
        assert.equal(arm64v8.configDigest, arm64.configDigest);
        assert.notEqual(arm64.configDigest, amd64.configDigest);
        assert.deepEqual(arm64.layers.map((l) => l.diffId), amd64.layers.map((l) => l.diffId));
        assert.ok(amd64.indexDigest?.startsWith('sha256:'));
        assert.equal(amd64.indexDigest, arm64.indexDigest);
        await validateImage(arm64);
      } finally {
        await Promise.all([amd64.close(), arm64.close(), arm64v8.close()]);
      }
      await assert.rejects(openImage(ref(), { insecure: true, platform: 'linux/s390x' }), {
        name: 'InputError',
        message: /platform linux\/s390x is not in the index \(available: linux\/amd64, linux\/arm64\/v8\)/,
      });
    });
  }
});

describe('docker save archives written by other tools', { skip }, () => {
  test('gzip-compressed layers (as crane writes them) are detected by their magic and hashed for their digest', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'shipshape-crane-'));
    try {
      const oci = await openImage(fixtureRefs(fixtures, 'secrets').oci);
      await oci.close();
      const layoutDir = fixtures.images.secrets.ociLayout.split(':')[0]!;
      const blob = (digest: string) => join(layoutDir, 'blobs', 'sha256', digest.slice('sha256:'.length));
      const root = join(scratch, 'root');
      await mkdir(root);
      const configName = `${oci.configDigest.slice('sha256:'.length)}.json`;
      await writeFile(join(root, configName), oci.rawConfig);
      const layerNames = [];
      for (const layer of oci.layers) {
        const name = `${layer.digest.slice('sha256:'.length)}.tar.gz`;
        await copyFile(blob(layer.digest), join(root, name));
        layerNames.push(name);
      }
      await writeFile(join(root, 'manifest.json'), JSON.stringify([{ Config: configName, RepoTags: ['crane/secrets:1'], Layers: layerNames }]));
      const archive = join(scratch, 'crane.tar');
      execFileSync('tar', ['-C', root, '-cf', archive, '.']);
      const image = await openImage(`docker-archive:${archive}:crane/secrets:1`);
      try {
        await validateImage(image);
        assert.equal(image.configDigest, oci.configDigest);
        assert.equal(image.manifestDigest, undefined, 'a docker save archive stores no manifest');
        assert.deepEqual(image.layers.map((l) => [l.compression, l.digest, l.diffId]), oci.layers.map((l) => ['gzip', l.digest, l.diffId]));
        assert.equal(image.manifest.layers[0]!.mediaType, 'application/vnd.docker.image.rootfs.diff.tar.gzip');
      } finally {
        await image.close();
      }
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
