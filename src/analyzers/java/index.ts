// Java archives (JAR, WAR, EAR and the fat jars of Spring Boot): the Maven coordinates each archive records in
// `META-INF/maven/<group>/<artifact>/pom.properties`, or else its `META-INF/MANIFEST.MF`, and the same for every
// archive nested inside it. A zip's table of contents is at its end, so the archive is held as the pieces it
// streamed in (bounded) and read in place; nested archives are bounded in depth, size, count and total bytes,
// since an image's archives are hostile input like the rest of it.
import { InputError } from '../../core/errors.js';
import { ZipReader, type ZipEntry } from '../../vuln/zip.js';
import { manifestInventory } from '../inventory.js';
import type { ContentScanner, StreamAnalyzer } from '../types.js';

/** One component an archive holds, under the path that leads to it (`app.war!/WEB-INF/lib/x.jar`). */
export interface JavaPackage {
  groupId?: string;
  artifactId: string;
  version: string;
  /** The archive it was read from, nested archives after `!/`, relative to the top archive (`` for itself). */
  archive: string;
}

export interface JavaArchiveFact {
  packages: JavaPackage[];
}

const ARCHIVE = /\.(?:jar|war|ear|par|sar|jpi|hpi|kar)$/i;
/** The largest top-level archive held to be read: beyond it the archive is passed by. */
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;
/** A jar inside a jar inside a WAR inside an EAR is as deep as real applications go. */
export const MAX_NESTING = 3;
/** Inflated bytes of nested archives read for one top-level archive, all depths together. */
export const MAX_NESTED_BYTES = 512 * 1024 * 1024;
/** Archives read for one top-level archive, itself included. */
export const MAX_ARCHIVES = 4096;
/** pom.properties and MANIFEST.MF are a few kilobytes; larger ones are not read. */
const MAX_METADATA_BYTES = 256 * 1024;
const POM_PROPERTIES = /^META-INF\/maven\/([^/]+)\/([^/]+)\/pom\.properties$/;
const MANIFEST = 'META-INF/MANIFEST.MF';

/** `key=value` lines of a Java properties file (`#`/`!` comments; `:` also separates). */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (match) properties.set(match[1]!, match[2]!.trim());
  }
  return properties;
}

/** The main section of a JAR manifest: `Name: value` lines, a line starting with one space continuing the last. */
export function parseManifest(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') break;
    if (line.startsWith(' ') && last) {
      attributes.set(last, attributes.get(last)! + line.slice(1));
      continue;
    }
    const colon = line.indexOf(': ');
    if (colon <= 0) continue;
    last = line.slice(0, colon);
    attributes.set(last, line.slice(colon + 2));
  }
  for (const [key, value] of attributes) attributes.set(key, value.trim());
  return attributes;
}

/** `commons-lang3-3.12.0.jar` → artifact and version, when the name has a version after its last `-<digit>`. */
function nameAndVersionOf(fileName: string): { artifactId: string; version?: string } {
  const base = fileName.replace(ARCHIVE, '');
  const match = /^(.+?)-(\d[^-]*(?:-[A-Za-z0-9.]+)*)$/.exec(base);
  return match ? { artifactId: match[1]!, version: match[2]! } : { artifactId: base };
}

/**
 * The component an archive's manifest describes when it has no pom.properties: the version from the OSGi bundle
 * or Implementation fields, else the file name's; the group only when the manifest names it.
 */
function manifestPackage(attributes: Map<string, string>, fileName: string, archive: string): JavaPackage | undefined {
  const fromName = nameAndVersionOf(fileName);
  const symbolicName = attributes.get('Bundle-SymbolicName')?.split(';')[0]?.trim();
  // A versioned file name is the artifact as Maven published it; a bare one (`app.jar`) says less than the bundle.
  const artifactId = fromName.version ? fromName.artifactId : (symbolicName ?? attributes.get('Implementation-Title') ?? fromName.artifactId);
  const version = attributes.get('Bundle-Version') ?? attributes.get('Implementation-Version') ?? fromName.version;
  if (!artifactId || !version) return undefined;
  const pkg: JavaPackage = { artifactId, version, archive };
  const groupId = attributes.get('Implementation-Vendor-Id');
  if (groupId) pkg.groupId = groupId;
  return pkg;
}

function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The packages of one archive and, within the bounds, of the archives nested in it. */
class ArchiveReader {
  readonly packages: JavaPackage[] = [];
  private nestedBytes = 0;
  private archives = 0;

  constructor(private readonly label: string) {}

  read(zip: ZipReader, fileName: string, archive: string, depth: number): void {
    this.archives++;
    const found: JavaPackage[] = [];
    let manifest: Map<string, string> | undefined;
    const nested: ZipEntry[] = [];
    for (const entry of zip.entries) {
      const pom = POM_PROPERTIES.exec(entry.name);
      if (pom && entry.size <= MAX_METADATA_BYTES) {
        const properties = parseProperties(zip.readEntry(entry).toString('utf8'));
        const artifactId = properties.get('artifactId') ?? pom[2]!;
        const version = properties.get('version');
        if (version) found.push({ groupId: properties.get('groupId') ?? pom[1]!, artifactId, version, archive });
      } else if (entry.name === MANIFEST && entry.size <= MAX_METADATA_BYTES) {
        manifest = parseManifest(zip.readEntry(entry).toString('utf8'));
      } else if (ARCHIVE.test(entry.name) && !entry.name.endsWith('/')) {
        nested.push(entry);
      }
    }
    if (found.length === 0 && manifest) {
      const pkg = manifestPackage(manifest, fileName, archive);
      if (pkg) found.push(pkg);
    }
    this.packages.push(...found);
    if (depth >= MAX_NESTING) return;
    for (const entry of nested) {
      if (this.archives >= MAX_ARCHIVES || this.nestedBytes + entry.size > MAX_NESTED_BYTES) return;
      this.nestedBytes += entry.size;
      const path = archive === '' ? entry.name : `${archive}!/${entry.name}`;
      let inner: ZipReader;
      try {
        inner = ZipReader.fromBuffers(`${this.label}!/${path}`, zip.readEntry(entry), { maxEntryBytes: MAX_NESTED_BYTES - this.nestedBytes });
      } catch (error) {
        // A nested file named like an archive that is not one (or is damaged) costs only its own packages.
        if (error instanceof InputError) continue;
        throw error;
      }
      this.read(inner, fileNameOf(entry.name), path, depth + 1);
    }
  }
}

/** Holds the archive's pieces as they stream (the walk never reuses them), then reads it whole. */
class ArchiveScanner implements ContentScanner<JavaArchiveFact> {
  private readonly chunks: Buffer[] = [];
  private held = 0;

  constructor(private readonly path: string) {}

  push(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.held += chunk.length;
    return this.held <= MAX_ARCHIVE_BYTES;
  }

  end(): JavaArchiveFact | undefined {
    if (this.held > MAX_ARCHIVE_BYTES || this.held === 0) return undefined;
    const zip = ZipReader.fromBuffers(this.path, this.chunks, { maxEntryBytes: MAX_NESTED_BYTES });
    const reader = new ArchiveReader(this.path);
    reader.read(zip, fileNameOf(this.path), '', 0);
    return reader.packages.length > 0 ? { packages: reader.packages } : undefined;
  }
}

export const javaAnalyzer: StreamAnalyzer<JavaArchiveFact> = {
  name: 'java',
  version: 1,
  description: 'Java archives (JAR, WAR, EAR, fat jars): Maven coordinates from pom.properties or MANIFEST.MF, nested archives included',
  wants(path, entry) {
    return entry.kind === 'file' && ARCHIVE.test(path) && entry.size <= MAX_ARCHIVE_BYTES;
  },
  scan(path) {
    return new ArchiveScanner(path);
  },
  inventory(facts) {
    return manifestInventory(facts, (fact, layer, path) =>
      fact.packages.map((pkg) => ({
        type: 'maven' as const,
        name: pkg.groupId ? `${pkg.groupId}:${pkg.artifactId}` : pkg.artifactId,
        version: pkg.version,
        layer,
        path: pkg.archive === '' ? path : `${path}!/${pkg.archive}`,
      })),
    );
  },
};
