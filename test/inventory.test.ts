// The inventory of real images built by the fixture builder: the Debian image's packages equal what dpkg-query
// lists from the same status file, and the inventory image's packages of every kind are found in the layer that
// added them, through every image source.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeImage } from '../src/image/analyze.js';
import { openImage } from '../src/image/open.js';
import type { ImageReport } from '../src/image/report-types.js';
import { fixtureRefs, imageFixturesOrSkip, type ImageFixtures } from './support/fixtures.js';
import { withTempDir } from './support/tar-analyze.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;

async function analyzeRef(ref: string): Promise<ImageReport> {
  const image = await openImage(ref, { insecure: true });
  try {
    return await analyzeImage(image, { cache: false });
  } finally {
    await image.close();
  }
}

/** The status file of the image's last layer that has one, taken out of the docker save archive by tar itself. */
function dpkgQuery(archive: string, dir: string): string[] {
  const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json']).toString()) as { Layers: string[] }[];
  const admin = join(dir, 'admin');
  mkdirSync(admin, { recursive: true });
  for (const layer of manifest[0]!.Layers) {
    try {
      execFileSync('sh', ['-c', `tar -xOf "$0" "$1" | tar -xOf - var/lib/dpkg/status > "$2/status.new" && mv "$2/status.new" "$2/status"`, archive, layer, admin], {
        stdio: 'ignore',
      });
    } catch {
      // this layer does not touch the status file
    }
  }
  return execFileSync('dpkg-query', [`--admindir=${admin}`, '-W', '-f', '${db:Status-Abbrev} ${binary:Package} ${Version} ${source:Package} ${source:Version}\\n'])
    .toString()
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('ii '))
    .map((line) => line.slice(4).replace(/:[a-z0-9]+(?= )/, ''))
    .sort();
}

describe('inventory of real images', { skip }, () => {
  test('the debootstrapped Debian image: every package dpkg-query lists, with source package and version, and purls', async () => {
    const refs = fixtureRefs(fixtures, 'apt-leftovers');
    const report = await analyzeRef(refs.dockerArchive);
    const debs = report.image.packages.filter((p) => p.ecosystem === 'deb');
    await withTempDir(async (dir) => {
      const expected = dpkgQuery(fixtures.images['apt-leftovers'].dockerArchive, dir);
      assert.ok(expected.length > 80, `${expected.length} packages`);
      const listed = debs.map((p) => `${p.name} ${p.version} ${p.source ?? p.name} ${p.sourceVersion ?? p.version}`).sort();
      assert.deepEqual(listed, expected);
    });
    const jq = debs.find((p) => p.name === 'jq')!;
    assert.match(jq.purl, /^pkg:deb\/debian\/jq@[^?]+\?arch=amd64&distro=debian-12$/);
    const libc = debs.find((p) => p.name === 'libc6')!;
    assert.equal(libc.source, 'glibc');
    assert.equal(libc.layerIndex, 1);
  });

  for (const [source, ref] of [
    ['oci', () => fixtureRefs(fixtures, 'inventory').oci],
    ['registry', () => fixtureRefs(fixtures, 'inventory').registryAnonymous],
  ] as const) {
    test(`packages of every kind, each in the layer that added it (${source})`, async () => {
      const report = await analyzeRef(ref());
      const rows = report.image.layers;
      const layerOf = (path: string): string | undefined => {
        const pkg = report.image.packages.find((p) => p.path === path);
        return pkg && rows.find((row) => row.index === pkg.layerIndex)?.instruction;
      };
      const listed = report.image.packages.map((p) => `${p.purl} ${p.path}`).sort();
      assert.deepEqual(listed, [
        'pkg:composer/monolog/monolog@3.5.0 /srv/app/vendor/composer/installed.json',
        'pkg:gem/rake@13.1.0 /usr/local/lib/ruby/gems/3.3.0/specifications/rake-13.1.0.gemspec',
        `pkg:golang/stdlib@${goVersion()} /usr/local/bin/inventory`,
        'pkg:nuget/Newtonsoft.Json@13.0.3 /app/WebApp.deps.json',
        'pkg:pypi/requests@2.31.0 /usr/local/lib/python3.12/site-packages/requests-2.31.0.dist-info/METADATA',
        'pkg:rpm/bash@5.1.8-6.el9?arch=noarch&epoch=1 /rhel7/var/lib/rpm/Packages',
        'pkg:rpm/bash@5.1.8-6.el9?arch=noarch&epoch=1 /var/lib/rpm/rpmdb.sqlite',
        'pkg:rpm/openssl-libs@3.0.7-24.el9?arch=noarch&epoch=1 /rhel7/var/lib/rpm/Packages',
        'pkg:rpm/openssl-libs@3.0.7-24.el9?arch=noarch&epoch=1 /var/lib/rpm/rpmdb.sqlite',
        'pkg:cargo/serde@1.0.195 /usr/bin/server',
      ].sort());
      // History names a copied directory by its content digest: `COPY dir:<sha256> in /usr/bin/`.
      assert.match(layerOf('/usr/bin/server') ?? '', /^COPY dir:\w+ in \/usr\/bin\/$/);
      assert.match(layerOf('/var/lib/rpm/rpmdb.sqlite') ?? '', /^COPY dir:\w+ in \/var\/$/);
      const openssl = report.image.packages.find((p) => p.name === 'openssl-libs')!;
      assert.equal(openssl.version, '1:3.0.7-24.el9');
      assert.deepEqual(openssl.licenses, ['ASL 2.0']);
      assert.deepEqual(
        report.image.runtimes.map((r) => `${r.name} ${r.version} ${'env' in r.source ? `env ${r.source.env}` : r.source.path}`),
        ['nodejs 18.19.0 /usr/local/include/node/node_version.h', 'python 3.12.1 /usr/local/include/python3.12/patchlevel.h', 'go 1.19.8 env GOLANG_VERSION'],
      );
    });
  }
});

function goVersion(): string {
  return execFileSync('go', ['env', 'GOVERSION']).toString().trim().replace(/^go/, '');
}
