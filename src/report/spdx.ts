// SPDX 2.3 JSON of an image's packages: the document describes the image (a CONTAINER package), which contains
// the operating system and every package, each with its purl, declared licence and, in an annotation, the layer
// it came from.
import { TOOL_VERSION } from '../core/version.js';
import type { ImageReport } from '../image/report-types.js';
import { classifyLicense, licenseRef } from './sbom-licenses.js';
import { imageDigest, nameUuid, provenance, type SbomOptions } from './sbom-common.js';

const TOOL = `Tool: shipshape-${TOOL_VERSION}`;

interface ExtractedLicense {
  licenseId: string;
  name: string;
  extractedText: string;
}

/** The declared licence as an SPDX expression; names that are not SPDX identifiers become LicenseRefs. */
function declaredLicense(texts: readonly string[] | undefined, extracted: Map<string, ExtractedLicense>): string {
  if (!texts?.length) return 'NOASSERTION';
  const parts = texts.map((text) => {
    const license = classifyLicense(text);
    if ('id' in license) return license.id;
    if ('expression' in license) return texts.length > 1 ? `(${license.expression})` : license.expression;
    const id = licenseRef(text);
    // The package metadata gives the name only; the text stays with the package.
    if (!extracted.has(id)) extracted.set(id, { licenseId: id, name: text, extractedText: `The licence the package metadata names "${text}"` });
    return id;
  });
  return parts.join(' AND ');
}

export function renderSpdx(report: ImageReport, options: SbomOptions): string {
  const { image } = report;
  const digest = imageDigest(image);
  const created = options.timestamp;
  const annotation = (pairs: [string, string][]) => [{ annotationType: 'OTHER', annotator: TOOL, annotationDate: created, comment: pairs.map(([k, v]) => `${k}=${v}`).join('\n') }];
  const extracted = new Map<string, ExtractedLicense>();
  const unknown = { downloadLocation: 'NOASSERTION', filesAnalyzed: false, licenseConcluded: 'NOASSERTION', copyrightText: 'NOASSERTION' };

  const imagePackage: Record<string, unknown> = {
    SPDXID: 'SPDXRef-Image',
    name: image.ref,
    versionInfo: digest,
    ...unknown,
    licenseDeclared: 'NOASSERTION',
    primaryPackagePurpose: 'CONTAINER',
    annotations: annotation([
      ['shipshape:image:configDigest', image.configDigest],
      ...(image.manifestDigest ? [['shipshape:image:manifestDigest', image.manifestDigest] as [string, string]] : []),
      ['shipshape:image:platform', image.platform],
    ]),
  };
  const [algorithm, hex] = digest.split(':') as [string, string];
  if (algorithm === 'sha256') imagePackage.checksums = [{ algorithm: 'SHA256', checksumValue: hex }];

  const packages: Record<string, unknown>[] = [imagePackage];
  if (image.os?.id) {
    const os: Record<string, unknown> = { SPDXID: 'SPDXRef-OperatingSystem', name: image.os.id, ...unknown, licenseDeclared: 'NOASSERTION', primaryPackagePurpose: 'OPERATING_SYSTEM' };
    if (image.os.versionId) os.versionInfo = image.os.versionId;
    if (image.os.prettyName) os.description = image.os.prettyName;
    packages.push(os);
  }
  image.packages.forEach((pkg, index) => {
    const entry: Record<string, unknown> = {
      SPDXID: `SPDXRef-Package-${index + 1}`,
      name: pkg.name,
      versionInfo: pkg.version,
      ...unknown,
      licenseDeclared: declaredLicense(pkg.licenses, extracted),
      externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl }],
      primaryPackagePurpose: 'LIBRARY',
      annotations: annotation(provenance(image, pkg)),
    };
    if (pkg.source) entry.sourceInfo = `built from source package ${pkg.source}${pkg.sourceVersion ? ` ${pkg.sourceVersion}` : ''}`;
    packages.push(entry);
  });

  const document: Record<string, unknown> = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: image.ref,
    documentNamespace: `https://spdx.org/spdxdocs/shipshape-${TOOL_VERSION}/${nameUuid(`shipshape/${TOOL_VERSION}/spdx/${image.ref}@${digest}`)}`,
    creationInfo: { created, creators: [TOOL] },
    packages,
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: 'SPDXRef-Image' },
      ...packages.slice(1).map((entry) => ({ spdxElementId: 'SPDXRef-Image', relationshipType: 'CONTAINS', relatedSpdxElement: entry.SPDXID })),
    ],
  };
  if (extracted.size > 0) document.hasExtractedLicensingInfos = [...extracted.values()];
  return `${JSON.stringify(document, null, 2)}\n`;
}
