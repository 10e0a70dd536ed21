// Bad input through every file and daemon source: one InputError line naming the reference and the problem.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { openImage, validateImage } from '../src/image/open.js';
import { imageFixturesOrSkip, type ImageFixtures } from './support/fixtures.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;

let scratch: string;
before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'shipshape-sources-errors-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function drain(stream: Readable): Promise<void> {
  for await (const chunk of stream) void chunk;
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

interface LayoutManifest {
  config: { digest: string };
  layers: { mediaType: string; digest: string; size: number }[];
}

/** Copies one tagged image of an OCI layout into a fresh single-image layout that a test may damage. */
async function copyLayoutImage(layoutRef: string, destination: string): Promise<{ manifest: LayoutManifest; blob: (digest: string) => string; rewriteManifest: (m: LayoutManifest) => Promise<void> }> {
  const [dir, tag] = [layoutRef.slice(0, layoutRef.lastIndexOf(':')), layoutRef.slice(layoutRef.lastIndexOf(':') + 1)];
  const blob = (root: string) => (digest: string) => join(root, 'blobs', 'sha256', digest.slice('sha256:'.length));
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string; size: number; mediaType: string; annotations?: Record<string, string> }[] };
  const entry = index.manifests.find((m) => m.annotations?.['org.opencontainers.image.ref.name'] === tag)!;
  const manifest = JSON.parse(await readFile(blob(dir)(entry.digest), 'utf8')) as LayoutManifest;
  await mkdir(join(destination, 'blobs', 'sha256'), { recursive: true });
  for (const digest of [entry.digest, manifest.config.digest, ...manifest.layers.map((l) => l.digest)]) await copyFile(blob(dir)(digest), blob(destination)(digest));
  await copyFile(join(dir, 'oci-layout'), join(destination, 'oci-layout'));
  const writeIndex = async (manifestBytes: Buffer) => {
    const digest = sha256(manifestBytes);
    await writeFile(blob(destination)(digest), manifestBytes);
    await writeFile(join(destination, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ ...entry, digest, size: manifestBytes.length }] }));
  };
  await writeIndex(await readFile(blob(dir)(entry.digest)));
  return { manifest, blob: blob(destination), rewriteManifest: (m) => writeIndex(Buffer.from(JSON.stringify(m))) };
}

describe('references that cannot be opened', () => {
  test('unknown and unsupported transports, invalid names, empty references', async () => {
    await assert.rejects(openImage('ftp://host/x'), { name: 'InputError', message: 'ftp://host/x: unknown transport ftp:// (use docker://, docker-archive:, oci:, oci-archive: or docker-daemon:)' });
    await assert.rejects(openImage('containers-storage:localhost/x:1'), { message: /^containers-storage:localhost\/x:1: the containers-storage transport is not supported/ });
    await assert.rejects(openImage('Not A Name'), { message: 'Not A Name: unknown transport or invalid image reference' });
    await assert.rejects(openImage(''), { message: 'empty image reference' });
    await assert.rejects(openImage('docker-archive:'), { message: 'docker-archive:: missing path after docker-archive:' });
    await assert.rejects(openImage('oci:/tmp', { platform: 'linux' }), { message: /invalid platform "linux"/ });
  });

  test('a file given without a transport gets a hint', async () => {
    const path = join(scratch, 'image.tar');
    await writeFile(path, 'x');
    await assert.rejects(openImage(path), { message: `${path}: unknown transport or invalid image reference (to read a file, write docker-archive:${path} or oci-archive:${path})` });
  });

  test('missing files and directories, directories for archives, files that are no tar', async () => {
    await assert.rejects(openImage('docker-archive:/nonexistent/image.tar'), { message: 'docker-archive:/nonexistent/image.tar: no such file' });
    await assert.rejects(openImage('oci-archive:/nonexistent/image.tar'), { message: 'oci-archive:/nonexistent/image.tar: no such file' });
    await assert.rejects(openImage('oci:/nonexistent/layout'), { message: 'oci:/nonexistent/layout: no such directory /nonexistent/layout' });
    await assert.rejects(openImage(`docker-archive:${scratch}`), { message: `docker-archive:${scratch}: is a directory, not a tar archive` });
    const text = join(scratch, 'notes.txt');
    await writeFile(text, 'just some text, long enough to fill a tar header block? no.\n'.repeat(20));
    await assert.rejects(openImage(`docker-archive:${text}`), { message: `docker-archive:${text}: not a tar archive` });
    await assert.rejects(openImage(`oci:${scratch}`), { message: `oci:${scratch}: not an OCI image layout (no oci-layout file)` });
  });

  test('a docker save archive without manifest.json, and an empty tar', async () => {
    const dir = join(scratch, 'plain-tar');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'hello.txt'), 'hello');
    const tarPath = join(scratch, 'plain.tar');
    execFileSync('tar', ['-C', dir, '-cf', tarPath, '.']);
    await assert.rejects(openImage(`docker-archive:${tarPath}`), { message: `docker-archive:${tarPath}: not a docker save archive (no manifest.json)` });
    await assert.rejects(openImage(`oci-archive:${tarPath}`), { message: `oci-archive:${tarPath}: not an OCI image layout (no oci-layout file)` });
  });
});

describe('broken or ambiguous fixture archives', { skip }, () => {
  test('a gzip-compressed docker save archive, a truncated one, and an OCI archive given as docker-archive', async () => {
    const gz = join(scratch, 'busybox.docker.tar.gz');
    execFileSync('sh', ['-c', `gzip -c < '${fixtures.images.busybox.dockerArchive}' > '${gz}'`]);
    await assert.rejects(openImage(`docker-archive:${gz}`), { message: `docker-archive:${gz}: is a gzip-compressed file, not a tar archive (decompress it first)` });

    const cut = join(scratch, 'cut.docker.tar');
    await copyFile(fixtures.images.busybox.dockerArchive, cut);
    await truncate(cut, 1024 * 1024);
    await assert.rejects(openImage(`docker-archive:${cut}`), { message: /^docker-archive:.*cut\.docker\.tar: truncated tar archive \(.+ ends past the end of the file\)$/ });

    const oci = fixtures.images.busybox.ociArchive;
    await assert.rejects(openImage(`docker-archive:${oci}`), { message: `docker-archive:${oci}: has no manifest.json; it looks like an OCI archive (use oci-archive:${oci})` });
  });

  test('several images and no selector, or a selector that matches none', async () => {
    const { path, names } = fixtures.multiImageArchive;
    await assert.rejects(openImage(`docker-archive:${path}`), {
      message: `docker-archive:${path}: the archive holds 3 images; add :NAME:TAG or :@N to pick one (${names.map((n, i) => `@${i} ${n}`).join(', ')})`,
    });
    await assert.rejects(openImage(`docker-archive:${path}:@7`), { message: `docker-archive:${path}:@7: no image @7 (the archive holds 3)` });
    await assert.rejects(openImage(`docker-archive:${path}:localhost/nope:1`), { message: /: no image named localhost\/nope:1 \(@0 localhost\/fixture\/busybox:1/ });
    const layout = fixtures.images.busybox.ociLayout.split(':')[0]!;
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as { manifests: { annotations: Record<string, string> }[] };
    const tags = index.manifests.map((m) => m.annotations['org.opencontainers.image.ref.name']).join(', ');
    // Every exported fixture image: busybox, secrets, nonroot-clean, root-setuid, apt-leftovers, inventory.
    assert.equal(index.manifests.length, 6);
    await assert.rejects(openImage(`oci:${layout}`), { message: `oci:${layout}: the layout holds 6 images; name one (${tags})` });
    await assert.rejects(openImage(`oci:${layout}:nope`), { message: `oci:${layout}:nope: no image tagged nope (available: ${tags})` });
    const byIndex = await openImage(`oci:${layout}:@1`);
    await byIndex.close();
    const byTag = await openImage(`oci:${fixtures.images.secrets.ociLayout}`);
    await byTag.close();
    assert.equal(byIndex.configDigest, byTag.configDigest);
  });

  test('a layer blob with changed bytes or extra bytes, and a config that does not match its digest', async () => {
    const flipped = join(scratch, 'flipped');
    const { manifest, blob } = await copyLayoutImage(fixtures.images.busybox.ociLayout, flipped);
    const layerPath = blob(manifest.layers[0]!.digest);
    const bytes = await readFile(layerPath);
    bytes[bytes.length >> 1]! ^= 0x01;
    await writeFile(layerPath, bytes);
    const image = await openImage(`oci:${flipped}`);
    try {
      const short = manifest.layers[0]!.digest.slice(0, 'sha256:'.length + 12);
      await assert.rejects(drain(await image.layers[0]!.openTar()), {
        name: 'InputError',
        message: new RegExp(`^oci:${flipped}: (blob ${short} does not match its digest|cannot read layer ${short}: .+)`),
      });
      await assert.rejects(validateImage(image), { name: 'ImageValidationError', message: /layer 0: / });
    } finally {
      await image.close();
    }

    const grown = join(scratch, 'grown');
    const copy = await copyLayoutImage(fixtures.images.busybox.ociLayout, grown);
    await writeFile(copy.blob(copy.manifest.layers[0]!.digest), Buffer.concat([await readFile(copy.blob(copy.manifest.layers[0]!.digest)), Buffer.from('x')]));
    const grownImage = await openImage(`oci:${grown}`);
    try {
      await assert.rejects(grownImage.layers[0]!.openStored(), { message: /: blob sha256:[a-f0-9]{12} is \d+ bytes, its descriptor says \d+$/ });
    } finally {
      await grownImage.close();
    }

    const badConfig = join(scratch, 'bad-config');
    const third = await copyLayoutImage(fixtures.images.busybox.ociLayout, badConfig);
    const configPath = third.blob(third.manifest.config.digest);
    await writeFile(configPath, (await readFile(configPath, 'utf8')).replace('"amd64"', '"arm64"'));
    await assert.rejects(openImage(`oci:${badConfig}`), { message: new RegExp(`^oci:${badConfig}: blob ${third.manifest.config.digest.slice(0, 19)} does not match its digest`) });
  });

  test('a layer whose media type says zstd but whose bytes are gzip; an artifact that is no image', async () => {
    const mislabelled = join(scratch, 'mislabelled');
    const { manifest, rewriteManifest } = await copyLayoutImage(fixtures.images.busybox.ociLayout, mislabelled);
    manifest.layers[0]!.mediaType = 'application/vnd.oci.image.layer.v1.tar+zstd';
    await rewriteManifest(manifest);
    const image = await openImage(`oci:${mislabelled}`);
    try {
      assert.equal(image.layers[0]!.compression, 'zstd');
      await assert.rejects(drain(await image.layers[0]!.openTar()), {
        message: new RegExp(`^oci:${mislabelled}: layer sha256:[a-f0-9]{12} is declared zstd but its bytes are gzip$`),
      });
    } finally {
      await image.close();
    }

    const artifact = join(scratch, 'artifact');
    const copy = await copyLayoutImage(fixtures.images.busybox.ociLayout, artifact);
    (copy.manifest.config as { mediaType?: string }).mediaType = 'application/vnd.cncf.helm.config.v1+json';
    await copy.rewriteManifest(copy.manifest);
    await assert.rejects(openImage(`oci:${artifact}`), { message: `oci:${artifact}: not a container image (its config is application/vnd.cncf.helm.config.v1+json)` });
  });

  test('a classic docker save archive whose layer was altered', async () => {
    const dir = join(scratch, 'classic');
    await mkdir(dir, { recursive: true });
    execFileSync('tar', ['-C', dir, '-xf', fixtures.images.busybox.dockerArchive]);
    const layerFile = (await readdir(dir)).find((name) => name.endsWith('.tar'))!;
    const bytes = await readFile(join(dir, layerFile));
    // change a byte of file data (past the first header), so the tar still parses but no longer hashes right
    bytes[bytes.length >> 1]! ^= 0x01;
    await writeFile(join(dir, layerFile), bytes);
    const altered = join(scratch, 'altered.docker.tar');
    execFileSync('tar', ['-C', dir, '-cf', altered, '.']);
    const image = await openImage(`docker-archive:${altered}`);
    try {
      await assert.rejects(drain(await image.layers[0]!.openTar()), { message: new RegExp(`^docker-archive:${altered}: blob sha256:${layerFile.slice(0, 12)} does not match its digest`) });
    } finally {
      await image.close();
    }
  });
});

describe('the docker daemon source', { skip }, () => {
  test('a missing socket, an image the daemon does not have', async () => {
    await assert.rejects(openImage('docker-daemon:busybox:1', { dockerHost: 'unix:///nonexistent/docker.sock' }), {
      message: 'docker-daemon:busybox:1: cannot connect to the Docker daemon at unix:///nonexistent/docker.sock (no such socket); is it running? (set DOCKER_HOST)',
    });
    await assert.rejects(openImage('docker-daemon:localhost/nope:1', { dockerHost: fixtures.dockerHost }), {
      message: `docker-daemon:localhost/nope:1: no such image localhost/nope:1 in the daemon at ${fixtures.dockerHost}`,
    });
    await assert.rejects(openImage('docker-daemon:x', { dockerHost: 'ssh://host' }), { message: /DOCKER_HOST ssh:\/\/host: unsupported/ });
  });

  test('DOCKER_HOST is honoured, and the spooled archive is deleted on close', async () => {
    const spoolRoot = join(scratch, 'spool');
    await mkdir(spoolRoot, { recursive: true });
    const previous = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = fixtures.dockerHost;
    try {
      const image = await openImage(`docker-daemon:${fixtures.images['nonroot-clean'].name}`, { tempDir: spoolRoot });
      assert.equal((await readdir(spoolRoot)).length, 1);
      assert.equal(image.transport, 'docker-daemon');
      await validateImage(image);
      await image.close();
      assert.deepEqual(await readdir(spoolRoot), []);
    } finally {
      if (previous === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previous;
    }
  });
});
