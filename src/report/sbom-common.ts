// What the CycloneDX and SPDX renderers share: the image's identity, reproducible timestamps and ids, and the
// layer each package came from.
import { createHash } from 'node:crypto';
import { InputError } from '../core/errors.js';
import type { ImagePackage, ImageSummary } from '../image/report-types.js';

export interface SbomOptions {
  /** ISO 8601 creation time; fixed for reproducible documents (`--timestamp`, SOURCE_DATE_EPOCH). */
  timestamp: string;
}

/**
 * The document's creation time: `--timestamp` (ISO 8601 or Unix seconds), else SOURCE_DATE_EPOCH (the
 * reproducible-builds convention), else now. Seconds precision, UTC, as both formats write it.
 */
export function sbomTimestamp(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const given = flag ?? env.SOURCE_DATE_EPOCH;
  const label = flag !== undefined ? '--timestamp' : 'SOURCE_DATE_EPOCH';
  let date = now;
  if (given !== undefined && given !== '') {
    date = /^\d+$/.test(given) ? new Date(Number(given) * 1000) : new Date(given);
    if (Number.isNaN(date.getTime())) throw new InputError(`${label}: "${given}" is neither an ISO 8601 date nor Unix seconds`);
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The digest that names the image: the manifest's when the source has one, else the config's (the image ID). */
export function imageDigest(image: ImageSummary): string {
  return image.manifestDigest ?? image.configDigest;
}

/** A name-based UUID (RFC 4122 version 5, URL namespace): the same image and tool give the same document id. */
export function nameUuid(name: string): string {
  const namespace = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');
  const bytes = createHash('sha1').update(namespace).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The diff ID of the 1-based layer a package came from. */
export function layerDiffId(image: ImageSummary, layerIndex: number): string | undefined {
  return image.layers.find((row) => row.index === layerIndex)?.diffId;
}

/** Layer provenance as name/value pairs; the property names are shared by both formats and read back by readSbom. */
export function provenance(image: ImageSummary, pkg: ImagePackage): [string, string][] {
  const pairs: [string, string][] = [['shipshape:layer:index', String(pkg.layerIndex)]];
  const diffId = layerDiffId(image, pkg.layerIndex);
  if (diffId) pairs.push(['shipshape:layer:diffID', diffId]);
  pairs.push(['shipshape:package:path', pkg.path]);
  if (pkg.source) pairs.push(['shipshape:package:source', pkg.source]);
  if (pkg.sourceVersion) pairs.push(['shipshape:package:sourceVersion', pkg.sourceVersion]);
  return pairs;
}

