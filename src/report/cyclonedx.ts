// CycloneDX 1.6 JSON of an image's packages: the image as the document's subject (a container, by digest), the
// operating system, every package with its purl, licences and the layer it came from, and the language runtimes.
import { TOOL_VERSION } from '../core/version.js';
import type { ImageReport } from '../image/report-types.js';
import { classifyLicense } from './sbom-licenses.js';
import { imageDigest, layerDiffId, nameUuid, provenance, type SbomOptions } from './sbom-common.js';

interface Property {
  name: string;
  value: string;
}

function properties(pairs: [string, string][]): Property[] {
  return pairs.map(([name, value]) => ({ name, value }));
}

/** bom-refs must be unique; the purl is, unless one package is installed at several paths. */
function uniqueRefs(): (wanted: string) => string {
  const seen = new Map<string, number>();
  return (wanted) => {
    const count = seen.get(wanted) ?? 0;
    seen.set(wanted, count + 1);
    return count === 0 ? wanted : `${wanted}#${count + 1}`;
  };
}

/** CycloneDX takes one expression alone, or a list of licences each an SPDX id or a name. */
function cycloneDxLicenses(texts: readonly string[]): object[] {
  const licenses = texts.map(classifyLicense);
  if (licenses.length === 1 && 'expression' in licenses[0]!) return [licenses[0]];
  return licenses.map((license, index) => ({ license: 'id' in license ? license : { name: texts[index]! } }));
}

export function renderCycloneDx(report: ImageReport, options: SbomOptions): string {
  const { image } = report;
  const digest = imageDigest(image);
  const ref = uniqueRefs();
  const components: Record<string, unknown>[] = [];
  if (image.os?.id) {
    const os: Record<string, unknown> = { 'bom-ref': ref(`os:${image.os.id}`), type: 'operating-system', name: image.os.id };
    if (image.os.versionId) os.version = image.os.versionId;
    if (image.os.prettyName) os.description = image.os.prettyName;
    components.push(os);
  }
  for (const pkg of image.packages) {
    const component: Record<string, unknown> = { 'bom-ref': ref(pkg.purl), type: 'library', name: pkg.name, version: pkg.version, purl: pkg.purl };
    if (pkg.licenses?.length) component.licenses = cycloneDxLicenses(pkg.licenses);
    component.properties = properties(provenance(image, pkg));
    components.push(component);
  }
  for (const runtime of image.runtimes) {
    const where: [string, string][] = [];
    if ('env' in runtime.source) where.push(['shipshape:runtime:env', runtime.source.env]);
    else {
      where.push(['shipshape:layer:index', String(runtime.source.layerIndex)]);
      const diffId = layerDiffId(image, runtime.source.layerIndex);
      if (diffId) where.push(['shipshape:layer:diffID', diffId]);
      where.push(['shipshape:package:path', runtime.source.path]);
    }
    components.push({
      'bom-ref': ref(`runtime:${runtime.name}`),
      type: 'platform',
      name: runtime.name,
      version: runtime.version,
      properties: properties(where),
    });
  }
  const [algorithm, hex] = digest.split(':') as [string, string];
  const subject: Record<string, unknown> = {
    'bom-ref': 'image',
    type: 'container',
    name: image.ref,
    version: digest,
    properties: properties([
      ['shipshape:image:configDigest', image.configDigest],
      ...(image.manifestDigest ? [['shipshape:image:manifestDigest', image.manifestDigest] as [string, string]] : []),
      ['shipshape:image:platform', image.platform],
      ...image.layers.filter((row) => row.diffId).map((row) => [`shipshape:layer:${row.index}:diffID`, row.diffId!] as [string, string]),
    ]),
  };
  if (algorithm === 'sha256') subject.hashes = [{ alg: 'SHA-256', content: hex }];
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${nameUuid(`shipshape/${TOOL_VERSION}/cyclonedx/${image.ref}@${digest}`)}`,
    version: 1,
    metadata: {
      timestamp: options.timestamp,
      tools: { components: [{ type: 'application', name: 'shipshape', version: TOOL_VERSION }] },
      component: subject,
    },
    components,
  };
  return `${JSON.stringify(bom, null, 2)}\n`;
}
