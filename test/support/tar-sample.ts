// A small but complete image for tests: a Debian-like base, apt lists, a key added then deleted, a chown -R layer,
// secrets in ARG/ENV, an npm app with devDependencies installed, a compiler and a setuid binary.
import { createHash } from 'node:crypto';
import type { Image } from '../../src/image/types.js';
import { makeTestImage } from './tar-image.js';
import type { TarEntrySpec } from './tar-writer.js';

/** A PEM-shaped private key whose body is deterministic noise: the detector sees a key, no key is committed. */
export function fakePrivateKey(seed: string): string {
  let body = '';
  for (let block = createHash('sha256').update(seed).digest(); body.length < 800; block = createHash('sha256').update(block).digest()) {
    body += block.toString('base64').replace(/=+$/, '');
  }
  const lines = body.slice(0, 768).match(/.{1,64}/g)!;
  return ['-----BEGIN', 'RSA PRIVATE KEY-----'].join(' ') + '\n' + lines.join('\n') + '\n' + ['-----END', 'RSA PRIVATE KEY-----'].join(' ') + '\n';
}

export const SAMPLE_PRIVATE_KEY = fakePrivateKey('shipshape sample');

const DPKG_STATUS = `Package: base-files
Status: install ok installed
Installed-Size: 400
Architecture: amd64
Version: 12.4+deb12u5

Package: gcc-12
Status: install ok installed
Installed-Size: 68000
Architecture: amd64
Source: gcc-12 (12.2.0-14)
Version: 12.2.0-14

Package: removed-thing
Status: deinstall ok config-files
Version: 1.0
`;

const bytes = (size: number, seed = 1): Buffer => Buffer.alloc(size, seed);

export function sampleLayers(): { tar: TarEntrySpec[]; createdBy: string }[] {
  return [
    {
      createdBy: '/bin/sh -c #(nop) ADD file:2b0a in / ',
      tar: [
        { path: 'bin/', type: 'dir' },
        { path: 'bin/sh', content: bytes(1000) , mode: 0o755 },
        { path: 'etc/', type: 'dir' },
        { path: 'etc/os-release', type: 'symlink', linkTarget: '../usr/lib/os-release' },
        { path: 'usr/lib/os-release', content: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' },
        { path: 'etc/debian_version', content: '12.5\n' },
        { path: 'var/lib/dpkg/status', content: DPKG_STATUS.split('\n\nPackage: gcc-12')[0] + '\n' },
        { path: 'usr/bin/passwd', content: bytes(2000), mode: 0o4755 },
      ],
    },
    {
      createdBy: '|1 API_KEY=ghp_abcdefghijklmnopqrstuvwxyz0123456789 /bin/sh -c apt-get update && apt-get install -y gcc-12',
      tar: [
        { path: 'var/lib/apt/lists/deb.debian.org_dists_bookworm_InRelease', content: bytes(300_000, 2) },
        { path: 'var/lib/apt/lists/lock', content: '' },
        { path: 'var/lib/dpkg/status', content: DPKG_STATUS },
        { path: 'usr/bin/gcc-12', content: bytes(1_200_000, 3), mode: 0o755 },
        { path: 'tmp/build.log', content: bytes(5000, 4) },
      ],
    },
    {
      createdBy: 'COPY . /app # buildkit',
      tar: [
        { path: 'app/', type: 'dir' },
        { path: 'app/id_rsa', content: SAMPLE_PRIVATE_KEY },
        { path: 'app/package.json', content: JSON.stringify({ name: 'web', version: '1.0.0', dependencies: { express: '^4' }, devDependencies: { jest: '^29' } }) },
        { path: 'app/node_modules/express/package.json', content: JSON.stringify({ name: 'express', version: '4.19.2' }) },
        { path: 'app/node_modules/express/index.js', content: bytes(20_000, 5) },
        { path: 'app/node_modules/jest/package.json', content: JSON.stringify({ name: 'jest', version: '29.7.0' }) },
        { path: 'app/node_modules/jest/build/index.js', content: bytes(2_000_000, 6) },
        { path: 'app/server.js', content: bytes(3_000_000, 7) },
      ],
    },
    {
      createdBy: 'RUN /bin/sh -c rm -rf /app/id_rsa /var/lib/apt/lists && chown -R 1000:1000 /app # buildkit',
      tar: [
        { path: 'app/', type: 'dir', uid: 1000, gid: 1000 },
        { path: 'app/.wh.id_rsa' },
        { path: 'var/lib/apt/.wh.lists' },
        { path: 'app/server.js', content: bytes(3_000_000, 7), uid: 1000, gid: 1000 },
      ],
    },
  ];
}

export function makeSampleImage(dir: string): Promise<Image> {
  return makeTestImage(dir, {
    ref: 'oci:sample',
    layers: sampleLayers(),
    emptyHistory: [
      { before: 1, createdBy: '/bin/sh -c #(nop)  ENV DB_PASSWORD=hunter2hunter2 PASSWORD_MIN_LENGTH=12' },
      { before: 4, createdBy: 'CMD ["node" "/app/server.js"] # buildkit' },
    ],
    config: {
      Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'DB_PASSWORD=hunter2hunter2', 'PASSWORD_MIN_LENGTH=12'],
      Cmd: ['node', '/app/server.js'],
      ExposedPorts: { '8080/tcp': {} },
      Labels: { 'org.opencontainers.image.base.name': 'docker.io/library/debian:bookworm' },
    },
  });
}
