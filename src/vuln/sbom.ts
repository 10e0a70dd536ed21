// SBOMs read back into packages, so `scan sbom:FILE` works without the image: CycloneDX (1.4–1.6) and SPDX 2.x
// JSON, ours with their layer provenance, other tools' by their purls (and Trivy's source-package properties).
import { readFileSync, statSync } from 'node:fs';
import { parsePurl } from '../analyzers/purl-parse.js';
import { InputError, errorMessage } from '../core/errors.js';
import type { ImagePackage, ImageSummary } from '../image/report-types.js';

/** A package as an SBOM lists it: layer and path only when the document recorded them. */
export type SbomPackage = Omit<ImagePackage, 'layerIndex' | 'path'> & { layerIndex?: number; path?: string; layerDiffId?: string };

export interface Sbom {
  format: 'cyclonedx' | 'spdx';
  packages: SbomPackage[];
  os?: NonNullable<ImageSummary['os']>;
}

/** SBOMs of large images run to tens of MB; past this the input is refused rather than parsed. */
const MAX_SBOM_BYTES = 512 * 1024 * 1024;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Compares names as purl types normalise them, so the document's spelling is kept when it is the same name. */
const loose = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

export function readSbom(path: string): Sbom {
  let body: string;
  try {
    if (statSync(path).size > MAX_SBOM_BYTES) throw new InputError(`${path}: larger than ${MAX_SBOM_BYTES / (1024 * 1024)} MiB, the limit for an SBOM`);
    body = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: cannot read the SBOM (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`);
  }
  return parseSbom(body, path);
}

export function parseSbom(body: string, label: string): Sbom {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    throw new InputError(`${label}: not JSON (${errorMessage(error)})`);
  }
  if (isObject(document) && document.bomFormat === 'CycloneDX') return readCycloneDx(document, label);
  if (isObject(document) && typeof document.spdxVersion === 'string' && document.spdxVersion.startsWith('SPDX-2.')) return readSpdx(document, label);
  throw new InputError(`${label}: neither a CycloneDX nor an SPDX 2 JSON document`);
}

/** The package a purl and the document's own fields describe. */
function packageOf(purlText: string, documentName: string | undefined, documentVersion: string | undefined, label: string): SbomPackage {
  let parsed;
  try {
    parsed = parsePurl(purlText);
  } catch (error) {
    throw new InputError(`${label}: ${errorMessage(error)}`);
  }
  const name = documentName && loose(documentName) === loose(parsed.name) ? documentName : parsed.name;
  let version = documentVersion ?? parsed.version ?? '';
  // Some tools write an rpm's version without the epoch their purl carries; advisories compare it with.
  const epoch = parsed.qualifiers.epoch;
  if (parsed.type === 'rpm' && epoch && epoch !== '0' && version && !version.includes(':')) version = `${epoch}:${version}`;
  return { ecosystem: parsed.type, name, version, purl: purlText };
}

/** Applies provenance pairs (ours, and Trivy's where it has the same facts). */
function applyProperties(pkg: SbomPackage, pairs: Iterable<[string, string]>): void {
  for (const [name, value] of pairs) {
    switch (name) {
      case 'shipshape:layer:index': {
        const index = Number(value);
        if (Number.isInteger(index) && index > 0) pkg.layerIndex = index;
        break;
      }
      case 'shipshape:layer:diffID':
      case 'aquasecurity:trivy:LayerDiffID':
        pkg.layerDiffId = value;
        break;
      case 'shipshape:package:path':
        pkg.path = value;
        break;
      case 'shipshape:package:source':
      case 'aquasecurity:trivy:SrcName':
        pkg.source = value;
        break;
      case 'shipshape:package:sourceVersion':
      case 'aquasecurity:trivy:SrcVersion':
        pkg.sourceVersion = value;
        break;
    }
  }
}

function readCycloneDx(bom: Json, label: string): Sbom {
  const sbom: Sbom = { format: 'cyclonedx', packages: [] };
  // Components nest (an image's layers, a jar's shaded jars); walked with an explicit stack, not recursion.
  const stack = [...list(bom.components)].reverse();
  while (stack.length > 0) {
    const component = stack.pop();
    if (!isObject(component)) continue;
    stack.push(...list(component.components).reverse());
    if (component.type === 'operating-system' && text(component.name)) {
      sbom.os = { id: text(component.name)!.toLowerCase() };
      if (text(component.version)) sbom.os.versionId = text(component.version)!;
      if (text(component.description)) sbom.os.prettyName = text(component.description)!;
      continue;
    }
    const purl = text(component.purl);
    if (!purl) continue;
    const pkg = packageOf(purl, text(component.name), text(component.version), label);
    const licenses = list(component.licenses).flatMap((entry) => {
      if (!isObject(entry)) return [];
      const license = isObject(entry.license) ? entry.license : {};
      const found = text(entry.expression) ?? text(license.id) ?? text(license.name);
      return found ? [found] : [];
    });
    if (licenses.length > 0) pkg.licenses = licenses;
    applyProperties(
      pkg,
      list(component.properties).flatMap((p) => (isObject(p) && text(p.name) && typeof p.value === 'string' ? [[p.name as string, p.value] as [string, string]] : [])),
    );
    sbom.packages.push(pkg);
  }
  return sbom;
}

/** Splits `A AND (B OR C)` at its top-level ANDs: the list of licences a package declares. */
function splitAnd(expression: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  const tokens = expression.split(/(\(|\)|\s+AND\s+)/);
  let current = '';
  for (const token of tokens) {
    if (token === '(') depth++;
    if (token === ')') depth--;
    if (depth === 0 && /^\s+AND\s+$/.test(token)) {
      parts.push(current);
      current = '';
    } else current += token;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).map((part) => (/^\([^()]*\)$/.test(part) ? part.slice(1, -1) : part)).filter(Boolean);
}

function readSpdx(document: Json, label: string): Sbom {
  const sbom: Sbom = { format: 'spdx', packages: [] };
  const licenseNames = new Map<string, string>();
  for (const info of list(document.hasExtractedLicensingInfos)) {
    if (isObject(info) && text(info.licenseId) && text(info.name)) licenseNames.set(info.licenseId as string, info.name as string);
  }
  for (const entry of list(document.packages)) {
    if (!isObject(entry)) continue;
    if (entry.primaryPackagePurpose === 'OPERATING_SYSTEM' && text(entry.name)) {
      sbom.os = { id: text(entry.name)!.toLowerCase() };
      if (text(entry.versionInfo)) sbom.os.versionId = text(entry.versionInfo)!;
      if (text(entry.description)) sbom.os.prettyName = text(entry.description)!;
      continue;
    }
    const purlRef = list(entry.externalRefs).find((ref) => isObject(ref) && ref.referenceType === 'purl' && text(ref.referenceLocator));
    if (!isObject(purlRef)) continue;
    const pkg = packageOf(purlRef.referenceLocator as string, text(entry.name), text(entry.versionInfo), label);
    const declared = text(entry.licenseDeclared);
    if (declared && declared !== 'NOASSERTION' && declared !== 'NONE') pkg.licenses = splitAnd(declared).map((part) => licenseNames.get(part) ?? part);
    const pairs = list(entry.annotations).flatMap((annotation) =>
      isObject(annotation) && typeof annotation.comment === 'string'
        ? annotation.comment.split('\n').flatMap((line) => {
            const equals = line.indexOf('=');
            return equals > 0 ? [[line.slice(0, equals), line.slice(equals + 1)] as [string, string]] : [];
          })
        : [],
    );
    applyProperties(pkg, pairs);
    sbom.packages.push(pkg);
  }
  return sbom;
}
