// `shipshape sbom` on real images built by the fixture builder: CycloneDX 1.6 and SPDX 2.3 documents that their
// schemas accept, every package with its purl and the layer it came from, read back by readSbom into the same
// inventory, and byte-identical output for a fixed timestamp.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { analyzeImage } from '../src/image/analyze.js';
import { openImage } from '../src/image/open.js';
import type { ImagePackage, ImageReport } from '../src/image/report-types.js';
import { renderCycloneDx } from '../src/report/cyclonedx.js';
import { classifyLicense } from '../src/report/sbom-licenses.js';
import { renderSpdx } from '../src/report/spdx.js';
import { parseSbom, readSbom, type SbomPackage } from '../src/vuln/sbom.js';
import { runCli } from './support/cli.js';
import { fixtureRefs, imageFixturesOrSkip, type ImageFixtures } from './support/fixtures.js';
import { cycloneDxValidator, spdxValidator } from './support/sbom-schemas.js';
import { withTempDir } from './support/tar-analyze.js';

const loaded = await imageFixturesOrSkip();
const skip = 'skip' in loaded ? loaded.skip : false;
const fixtures = loaded as ImageFixtures;
const timestamp = '2026-03-01T12:00:00Z';

async function analyzeRef(ref: string): Promise<ImageReport> {
  const image = await openImage(ref, { insecure: true });
  try {
    return await analyzeImage(image, { cache: false });
  } finally {
    await image.close();
  }
}

/** What a document must give back of a package: everything, licences as SBOMs spell them. */
function expected(pkg: ImagePackage, diffId: string | undefined): SbomPackage {
  const entry: SbomPackage = { ...pkg };
  if (pkg.licenses) entry.licenses = pkg.licenses.map((text) => { const l = classifyLicense(text); return 'id' in l ? l.id : 'expression' in l ? l.expression : l.name; });
  if (diffId) entry.layerDiffId = diffId;
  return entry;
}

const byPurlAndPath = (a: SbomPackage, b: SbomPackage) => `${a.purl} ${a.path}`.localeCompare(`${b.purl} ${b.path}`);

describe('shipshape sbom on real images', { skip }, () => {
  const reports = new Map<string, ImageReport>();
  before(async () => {
    reports.set('inventory', await analyzeRef(fixtureRefs(fixtures, 'inventory').ociArchive));
    reports.set('apt-leftovers', await analyzeRef(fixtureRefs(fixtures, 'apt-leftovers').dockerArchive));
  });

  for (const name of ['inventory', 'apt-leftovers']) {
    test(`${name}: CycloneDX 1.6 valid, every package with purl and layer provenance, read back equal`, () => {
      const report = reports.get(name)!;
      assert.ok(report.image.packages.length > 0, 'the fixture has packages');
      const bom = JSON.parse(renderCycloneDx(report, { timestamp }));
      const validate = cycloneDxValidator();
      assert.equal(validate(bom), true, JSON.stringify(validate.errors?.slice(0, 5)));
      assert.equal(bom.specVersion, '1.6');
      assert.equal(bom.metadata.timestamp, timestamp);
      assert.equal(bom.metadata.component.type, 'container');
      assert.equal(bom.metadata.component.version, report.image.manifestDigest ?? report.image.configDigest);
      const refs = bom.components.map((c: { 'bom-ref': string }) => c['bom-ref']);
      assert.equal(new Set(refs).size, refs.length, 'bom-refs are unique');
      const libraries = bom.components.filter((c: { type: string }) => c.type === 'library');
      assert.equal(libraries.length, report.image.packages.length);
      for (const [index, pkg] of report.image.packages.entries()) {
        const component = libraries[index];
        assert.equal(component.purl, pkg.purl);
        const props = Object.fromEntries(component.properties.map((p: { name: string; value: string }) => [p.name, p.value]));
        assert.equal(props['shipshape:layer:index'], String(pkg.layerIndex));
        assert.equal(props['shipshape:layer:diffID'], report.image.layers.find((row) => row.index === pkg.layerIndex)?.diffId);
        assert.match(props['shipshape:layer:diffID'] ?? '', /^sha256:[0-9a-f]{64}$/);
        assert.equal(props['shipshape:package:path'], pkg.path);
      }
      const platforms = bom.components.filter((c: { type: string }) => c.type === 'platform').map((c: { name: string; version: string }) => `${c.name} ${c.version}`);
      assert.deepEqual(platforms, report.image.runtimes.map((runtime) => `${runtime.name} ${runtime.version}`));
      if (report.image.os?.id) {
        const os = bom.components.find((c: { type: string }) => c.type === 'operating-system');
        assert.deepEqual([os.name, os.version], [report.image.os.id, report.image.os.versionId]);
      }
      const back = parseSbom(JSON.stringify(bom), 'x.cdx.json');
      assert.equal(back.format, 'cyclonedx');
      const want = report.image.packages.map((pkg) => expected(pkg, report.image.layers.find((row) => row.index === pkg.layerIndex)?.diffId));
      assert.deepEqual(back.packages.sort(byPurlAndPath), want.sort(byPurlAndPath));
      if (report.image.os?.id) assert.equal(back.os?.id, report.image.os.id);
    });

    test(`${name}: SPDX 2.3 valid, every package contained by the image with purl and layer provenance, read back equal`, () => {
      const report = reports.get(name)!;
      const document = JSON.parse(renderSpdx(report, { timestamp }));
      const validate = spdxValidator();
      assert.equal(validate(document), true, JSON.stringify(validate.errors?.slice(0, 5)));
      assert.equal(document.dataLicense, 'CC0-1.0');
      assert.equal(document.creationInfo.created, timestamp);
      assert.match(document.documentNamespace, /^https:\/\/spdx\.org\/spdxdocs\/shipshape-[^/]+\/[0-9a-f-]{36}$/);
      const ids = new Set(document.packages.map((p: { SPDXID: string }) => p.SPDXID));
      assert.equal(ids.size, document.packages.length, 'SPDXIDs are unique');
      assert.deepEqual(document.relationships[0], { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' });
      const contained = new Set(document.relationships.filter((r: { relationshipType: string }) => r.relationshipType === 'CONTAINS').map((r: { relatedSpdxElement: string }) => r.relatedSpdxElement));
      assert.equal(contained.size, document.packages.length - 1);
      const libraries = document.packages.filter((p: { primaryPackagePurpose: string }) => p.primaryPackagePurpose === 'LIBRARY');
      assert.equal(libraries.length, report.image.packages.length);
      for (const [index, pkg] of report.image.packages.entries()) {
        assert.deepEqual(libraries[index].externalRefs, [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl }]);
        assert.match(libraries[index].annotations[0].comment, new RegExp(`^shipshape:layer:index=${pkg.layerIndex}\nshipshape:layer:diffID=sha256:[0-9a-f]{64}\n`));
      }
      const back = parseSbom(JSON.stringify(document), 'x.spdx.json');
      const want = report.image.packages.map((pkg) => expected(pkg, report.image.layers.find((row) => row.index === pkg.layerIndex)?.diffId));
      assert.deepEqual(back.packages.sort(byPurlAndPath), want.sort(byPurlAndPath));
    });
  }

  test('the CLI writes the same bytes twice for a fixed timestamp, from --timestamp or SOURCE_DATE_EPOCH, and readSbom reads the file', async () => {
    await withTempDir(async (dir) => {
      const ref = fixtureRefs(fixtures, 'inventory').ociArchive;
      const first = join(dir, 'a.json');
      const second = join(dir, 'b.json');
      const spdx = join(dir, 'c.spdx.json');
      const epoch = String(Date.parse(timestamp) / 1000);
      assert.equal((await runCli(['sbom', ref, '--timestamp', timestamp, '-o', first])).code, 0);
      assert.equal((await runCli(['sbom', ref, '-o', second], { env: { ...process.env, SOURCE_DATE_EPOCH: epoch } })).code, 0);
      assert.equal(readFileSync(first, 'utf8'), readFileSync(second, 'utf8'));
      assert.equal((await runCli(['sbom', ref, '--format', 'spdx', '--timestamp', epoch, '-o', spdx])).code, 0);
      const inventory = reports.get('inventory')!.image.packages.map((p) => p.purl).sort();
      assert.deepEqual(readSbom(first).packages.map((p) => p.purl).sort(), inventory);
      assert.deepEqual(readSbom(spdx).packages.map((p) => p.purl).sort(), inventory);
      assert.equal(JSON.parse(readFileSync(spdx, 'utf8')).creationInfo.created, timestamp);
      const bad = await runCli(['sbom', ref, '--timestamp', 'yesterday']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--timestamp: "yesterday" is neither/);
    });
  });
});
