import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { InputError } from '../core/errors.js';
import { sbomTimestamp } from '../report/sbom-common.js';
import { withTempDir } from '../../test/support/tar-analyze.js';
import { parseSbom, readSbom } from './sbom.js';

describe('readSbom: other tools’ documents', () => {
  test('a Trivy-style CycloneDX: nested components, source packages, OS, expression licences', async () => {
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { type: 'operating-system', name: 'Alpine', version: '3.19.1' },
        {
          type: 'library',
          name: 'musl',
          version: '1.2.4_git20230717-r4',
          purl: 'pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=3.19.1',
          licenses: [{ license: { id: 'MIT' } }],
          properties: [
            { name: 'aquasecurity:trivy:SrcName', value: 'musl' },
            { name: 'aquasecurity:trivy:SrcVersion', value: '1.2.4_git20230717-r4' },
            { name: 'aquasecurity:trivy:LayerDiffID', value: 'sha256:abc' },
          ],
        },
        {
          type: 'application',
          name: 'app.jar',
          components: [{ type: 'library', group: 'org.slf4j', name: 'slf4j-api', purl: 'pkg:maven/org.slf4j/slf4j-api@2.0.9', licenses: [{ expression: 'MIT OR Apache-2.0' }] }],
        },
        { type: 'file', name: 'no purl here' },
      ],
    };
    await withTempDir(async (dir) => {
      const path = join(dir, 'trivy.cdx.json');
      writeFileSync(path, JSON.stringify(bom));
      const sbom = readSbom(path);
      assert.equal(sbom.format, 'cyclonedx');
      assert.deepEqual(sbom.os, { id: 'alpine', versionId: '3.19.1' });
      assert.deepEqual(sbom.packages, [
        {
          ecosystem: 'apk', name: 'musl', version: '1.2.4_git20230717-r4', purl: bom.components[1]!.purl, licenses: ['MIT'],
          source: 'musl', sourceVersion: '1.2.4_git20230717-r4', layerDiffId: 'sha256:abc',
        },
        { ecosystem: 'maven', name: 'org.slf4j:slf4j-api', version: '2.0.9', purl: 'pkg:maven/org.slf4j/slf4j-api@2.0.9', licenses: ['MIT OR Apache-2.0'] },
      ]);
    });
  });

  test('an SPDX document: purl refs, LicenseRefs named again, top-level AND split into licences', () => {
    const document = {
      spdxVersion: 'SPDX-2.2',
      hasExtractedLicensingInfos: [{ licenseId: 'LicenseRef-GPLv2', name: 'GPLv2', extractedText: '…' }],
      packages: [
        { SPDXID: 'SPDXRef-a', name: 'bash', versionInfo: '5.1.8-6.el9', licenseDeclared: '(MIT OR Apache-2.0) AND LicenseRef-GPLv2', externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: 'pkg:rpm/rhel/bash@5.1.8-6.el9?epoch=1' }] },
        { SPDXID: 'SPDXRef-b', name: 'Flask', licenseDeclared: 'NOASSERTION', externalRefs: [{ referenceType: 'purl', referenceLocator: 'pkg:pypi/flask@3.0.0' }] },
        { SPDXID: 'SPDXRef-c', name: 'no purl', externalRefs: [{ referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:x:y:1' }] },
      ],
    };
    const sbom = parseSbom(JSON.stringify(document), 'x.spdx.json');
    assert.deepEqual(sbom.packages, [
      { ecosystem: 'rpm', name: 'bash', version: '1:5.1.8-6.el9', purl: 'pkg:rpm/rhel/bash@5.1.8-6.el9?epoch=1', licenses: ['MIT OR Apache-2.0', 'GPLv2'] },
      { ecosystem: 'pypi', name: 'Flask', version: '3.0.0', purl: 'pkg:pypi/flask@3.0.0' },
    ]);
  });

  test('bad input: one line naming the file and the problem', async () => {
    assert.throws(() => parseSbom('{', 'a.json'), (error: unknown) => error instanceof InputError && /^a\.json: not JSON/.test(error.message));
    assert.throws(() => parseSbom('{"spdxVersion":"SPDX-3.0"}', 'b.json'), /^InputError: b\.json: neither a CycloneDX nor an SPDX 2 JSON document$/);
    assert.throws(() => parseSbom('{"bomFormat":"CycloneDX","components":[{"purl":"npm/x@1"}]}', 'c.json'), /^InputError: c\.json: not a package URL/);
    assert.throws(() => readSbom('/nonexistent/sbom.json'), /^InputError: \/nonexistent\/sbom\.json: cannot read the SBOM \(ENOENT\)$/);
  });
});

describe('sbomTimestamp', () => {
  const now = new Date('2026-05-05T05:05:05.123Z');
  test('--timestamp, then SOURCE_DATE_EPOCH, then now; seconds precision', () => {
    assert.equal(sbomTimestamp('2026-01-02T03:04:05+02:00', { SOURCE_DATE_EPOCH: '0' }, now), '2026-01-02T01:04:05Z');
    assert.equal(sbomTimestamp('86400', {}, now), '1970-01-02T00:00:00Z');
    assert.equal(sbomTimestamp(undefined, { SOURCE_DATE_EPOCH: '1700000000' }, now), '2023-11-14T22:13:20Z');
    assert.equal(sbomTimestamp(undefined, {}, now), '2026-05-05T05:05:05Z');
    assert.throws(() => sbomTimestamp(undefined, { SOURCE_DATE_EPOCH: 'soon' }, now), /^InputError: SOURCE_DATE_EPOCH: "soon" is neither/);
  });
});
