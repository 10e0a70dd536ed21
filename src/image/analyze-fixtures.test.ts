// The analysis on real images built by buildah (scripts/fixtures), read through every source: each source yields
// the same report for the same image, and each fixture's known problems are found where they are.
import assert from 'node:assert/strict';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fixtureRefs, imageFixturesOrSkip, type FixtureImageName, type ImageFixtures } from '../../test/support/fixtures.js';
import { withTempDir } from '../../test/support/tar-analyze.js';
import { InputError } from '../core/errors.js';
import { isImageLocation, type Finding } from '../core/finding.js';
import { analyzeImage, type AnalyzeImageOptions } from './analyze.js';
import { openImage, type OpenImageOptions } from './open.js';
import type { ImageReport } from './report-types.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;

async function analyzeRef(ref: string, open: OpenImageOptions = {}, options: AnalyzeImageOptions = { cache: false }): Promise<ImageReport> {
  const image = await openImage(ref, open);
  try {
    return await analyzeImage(image, options);
  } finally {
    await image.close();
  }
}

function sources(name: FixtureImageName): [string, string, OpenImageOptions][] {
  const refs = fixtureRefs(fixtures, name);
  const registry = { insecure: true, dockerConfig: fixtures.dockerConfig };
  return [
    ['docker-archive', refs.dockerArchive, {}],
    ['oci', refs.oci, {}],
    ['oci-archive', refs.ociArchive, {}],
    ['registry (anonymous)', refs.registryAnonymous, registry],
    ['registry (basic auth)', refs.registryBasic, registry],
    ['registry (token auth)', refs.registryToken, registry],
    ['docker-daemon', refs.daemon, { dockerHost: fixtures.dockerHost }],
  ];
}

/** What must not depend on the source: everything but the ref, the transport and how the layers are stored. */
function sourceIndependent(report: ImageReport): unknown {
  const { ref: _ref, transport: _transport, manifestDigest: _manifest, ...image } = report.image;
  return {
    findings: report.findings.map((f: Finding) => ({
      ...f,
      location: { ...f.location, image: '' },
      ...(f.related ? { related: f.related.map((place) => ({ ...place, location: { ...place.location, image: '' } })) } : {}),
    })),
    summary: report.summary,
    image: {
      ...image,
      size: { ...image.size, compressed: 0 },
      layers: image.layers.map(({ digest: _digest, compressedBytes: _stored, ...row }) => row),
    },
  };
}

const byRule = (report: ImageReport, ruleId: string): Finding[] => report.findings.filter((f) => f.ruleId === ruleId);

for (const name of ['secrets', 'apt-leftovers', 'nonroot-clean', 'root-setuid'] as const) {
  describe(`the ${name} image gives one report through every source`, { skip }, () => {
    let reference: unknown;
    for (const [source, ref, open] of skip ? [] : sources(name)) {
      test(source, async () => {
        const report = await analyzeRef(ref, open);
        assert.equal(report.image.ref, ref);
        reference ??= sourceIndependent(await analyzeRef(fixtureRefs(fixtures, name).oci));
        assert.deepEqual(sourceIndependent(report), reference);
      });
    }
  });
}

describe('what each fixture is known to hold', { skip }, () => {
  test('secrets: the build arg, the ENV token, the deleted key and the .env file, never repeated in the report', async () => {
    const report = await analyzeRef(fixtureRefs(fixtures, 'secrets').oci);
    const history = byRule(report, 'image/no-secrets-in-history').map((f) => f.message);
    assert.ok(history.some((m) => m.startsWith('API_KEY=')), history.join('\n'));
    assert.ok(history.some((m) => m.startsWith('GITHUB_TOKEN=ghp_') && m.includes('(GitHub token)')), history.join('\n'));
    const layers = byRule(report, 'image/no-secrets-in-layers');
    const key = layers.find((f) => isImageLocation(f.location) && f.location.path === fixtures.secrets.privateKeyPath);
    assert.ok(key, layers.map((f) => f.message).join('\n'));
    assert.match(key.message, /^Private key .* deletes or replaces it, but the layer that added it still ships it/);
    assert.ok(layers.some((f) => isImageLocation(f.location) && f.location.path === fixtures.secrets.dotenvPath));
    const json = JSON.stringify(report);
    for (const secret of [fixtures.secrets.apiKey, fixtures.secrets.githubToken, fixtures.secrets.dotenvSecret]) {
      assert.ok(!json.includes(secret), `the report repeats ${secret.slice(0, 4)}…`);
    }
  });

  test('apt-leftovers: apt lists with the RUN that left them, a chown -R that ships /app twice, root', async () => {
    const report = await analyzeRef(fixtureRefs(fixtures, 'apt-leftovers').oci);
    const [lists] = byRule(report, 'image/no-package-cache').filter((f) => f.message.includes('of apt lists'));
    assert.ok(lists && isImageLocation(lists.location));
    assert.equal(lists.location.instruction, 'RUN apt-get update && apt-get install -y jq');
    assert.equal(lists.location.path, '/var/lib/apt/lists');
    assert.ok((lists.cost?.bytes ?? 0) > 1_000_000, `apt lists cost ${lists.cost?.bytes}`);
    const rewrite = byRule(report, 'image/wasted-space').find((f) => f.message.includes('with files of the same size'));
    assert.ok(rewrite, byRule(report, 'image/wasted-space').map((f) => f.message).join('\n'));
    assert.match(rewrite.message, /chown -R app:app \/app/);
    assert.equal(byRule(report, 'image/no-root-user').length, 1);
    assert.equal(report.image.os?.id, 'debian');
    assert.ok(report.image.packages.some((p) => p.ecosystem === 'deb' && p.name === 'jq'));
    const jq = report.image.packages.find((p) => p.name === 'jq')!;
    assert.equal(report.image.layers.find((l) => l.index === jq.layerIndex)?.instruction, 'RUN apt-get update && apt-get install -y jq');
  });

  test('nonroot-clean: nothing to report; root-setuid: root and a setuid-root copy of busybox', async () => {
    const clean = await analyzeRef(fixtureRefs(fixtures, 'nonroot-clean').oci);
    assert.deepEqual(clean.findings.filter((f) => f.severity !== 'info'), []);
    const root = await analyzeRef(fixtureRefs(fixtures, 'root-setuid').oci);
    assert.equal(byRule(root, 'image/no-root-user').length, 1);
    assert.ok(byRule(root, 'image/no-setuid').some((f) => f.message.startsWith('/usr/bin/su-helper is setuid (runs as uid 0, root)')));
  });

  test('a warm cache reads no layer of a real image', async () => {
    await withTempDir(async (dir) => {
      const cache = { dir: join(dir, 'cache') };
      const cold = await analyzeRef(fixtureRefs(fixtures, 'apt-leftovers').oci, {}, { cache });
      const image = await openImage(fixtureRefs(fixtures, 'apt-leftovers').oci);
      const unreadable = { ...image, layers: image.layers.map((l) => ({ ...l, openTar: () => Promise.reject(new Error('read')) })) };
      try {
        assert.deepEqual(await analyzeImage(unreadable, { cache }), cold);
      } finally {
        await image.close();
      }
    });
  });

  test('a layer blob that does not match its digest is a one-line error through the source', async () => {
    await withTempDir(async (dir) => {
      const [layout, tag] = fixtures.images.secrets.ociLayout.split(':') as [string, string];
      await cp(layout, join(dir, 'layout'), { recursive: true });
      const image = await openImage(`oci:${join(dir, 'layout')}:${tag}`);
      const blob = join(dir, 'layout', 'blobs', 'sha256', image.layers.at(-1)!.digest.slice(7));
      await image.close();
      const bytes = await readFile(blob);
      bytes[bytes.length - 10] ^= 0xff;
      await writeFile(blob, bytes);
      await assert.rejects(analyzeRef(`oci:${join(dir, 'layout')}:${tag}`), (error: Error) => {
        assert.ok(error instanceof InputError, String(error));
        assert.doesNotMatch(error.message, /\n/);
        assert.match(error.message, /layer|digest|sha256/);
        return true;
      });
      assert.ok((await readdir(dir)).length === 1);
    });
  });
});
