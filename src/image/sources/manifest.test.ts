import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatPlatform, hostPlatform, parseManifestDocument, parsePlatform, selectPlatform, type ImageIndex } from './manifest.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const entry = (c: string, platform?: { os: string; architecture: string; variant?: string }) => ({
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  digest: digest(c),
  size: 500,
  ...(platform && { platform }),
});

test('platforms parse and format; the default is Linux on this CPU', () => {
  assert.deepEqual(parsePlatform('linux/arm64/v8'), { os: 'linux', architecture: 'arm64', variant: 'v8' });
  assert.equal(formatPlatform(parsePlatform('linux/amd64')), 'linux/amd64');
  assert.throws(() => parsePlatform('amd64'), { name: 'InputError', message: /invalid platform "amd64"/ });
  assert.equal(hostPlatform().os, 'linux');
  assert.equal(hostPlatform().architecture, process.arch === 'x64' ? 'amd64' : hostPlatform().architecture);
});

test('selecting from an index: variants, arm64 defaulting to v8, attestations skipped, choices listed', () => {
  const index: ImageIndex = {
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      entry('a', { os: 'linux', architecture: 'amd64' }),
      entry('b', { os: 'linux', architecture: 'arm', variant: 'v7' }),
      entry('c', { os: 'linux', architecture: 'arm64' }),
      entry('d', { os: 'unknown', architecture: 'unknown' }),
    ],
  };
  assert.equal(selectPlatform(index, parsePlatform('linux/amd64'), 'img').digest, digest('a'));
  assert.equal(selectPlatform(index, parsePlatform('linux/arm64/v8'), 'img').digest, digest('c'));
  assert.equal(selectPlatform(index, parsePlatform('linux/arm'), 'img').digest, digest('b'));
  assert.throws(() => selectPlatform(index, parsePlatform('linux/arm/v6'), 'img'), {
    message: 'img: platform linux/arm/v6 is not in the index (available: linux/amd64, linux/arm/v7, linux/arm64); choose one with --platform',
  });
  assert.equal(selectPlatform({ mediaType: index.mediaType, manifests: [entry('e')] }, parsePlatform('linux/s390x'), 'img').digest, digest('e'));
});

test('manifest documents: image manifests, indexes, schema 1 and artifacts', () => {
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: digest('1'), size: 10 },
    layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: digest('2'), size: 20 }],
  };
  const parsed = parseManifestDocument(Buffer.from(JSON.stringify(manifest)), undefined, 'img');
  assert.equal(parsed.kind, 'manifest');
  const withoutMediaType = { ...manifest, mediaType: undefined, config: { ...manifest.config, mediaType: 'application/vnd.oci.image.config.v1+json' } };
  const oci = parseManifestDocument(Buffer.from(JSON.stringify(withoutMediaType)), 'application/vnd.oci.image.manifest.v1+json', 'img');
  assert.equal(oci.kind === 'manifest' && oci.manifest.mediaType, 'application/vnd.oci.image.manifest.v1+json');
  const index = parseManifestDocument(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [entry('a')] })), undefined, 'img');
  assert.equal(index.kind, 'index');
  assert.throws(() => parseManifestDocument(Buffer.from(JSON.stringify({ schemaVersion: 1, name: 'x', fsLayers: [] })), undefined, 'img'), {
    message: 'img: Docker schema 1 manifests are not supported (push the image again with a current client)',
  });
  assert.throws(() => parseManifestDocument(Buffer.from('{"schemaVersion":2}'), 'application/vnd.docker.distribution.manifest.v1+prettyjws', 'img'), { message: /schema 1/ });
  const helm = { ...manifest, config: { ...manifest.config, mediaType: 'application/vnd.cncf.helm.config.v1+json' } };
  assert.throws(() => parseManifestDocument(Buffer.from(JSON.stringify(helm)), undefined, 'img'), { message: 'img: not a container image (its config is application/vnd.cncf.helm.config.v1+json)' });
  const badLayer = { ...manifest, layers: [{ mediaType: 'x', digest: 'sha256:nope', size: 1 }] };
  assert.throws(() => parseManifestDocument(Buffer.from(JSON.stringify(badLayer)), undefined, 'img'), { message: 'img: layer 0 has an invalid digest "sha256:nope"' });
  assert.throws(() => parseManifestDocument(Buffer.from('nope'), undefined, 'img'), { message: /^img: manifest is not valid JSON/ });
});
