// The image facts: what the pipeline learns about an image (history, layers, file tree, analyzer records,
// packages, secret candidates, sizes), each built by a small function from the layers' listings and the
// analyzers' records before any rule runs. Rules only read them; the report's summary is made of them too.
import type { OsRelease } from '../analyzers/os-release/index.js';
import { purl } from '../analyzers/purl.js';
import type { Runtime, RuntimeName } from '../analyzers/runtimes/index.js';
import type { Analyzer, AnalyzerRecord, FactAt } from '../analyzers/types.js';
import type { CachedFacts, LayerListing } from './cache.js';
import type { FileTree } from './filetree.js';
import { alignHistory, parseCreatedBy, type HistoryRow, type Instruction } from './history.js';
import type { HistorySecret } from './history-secrets.js';
import type { ImageConfigSummary, ImageFileChange, ImageLayerRow, ImagePackage, ImageRuntime, ImageSummary } from './report-types.js';
import type { Image, ImageConfig } from './types.js';
import type { ArchiveProblem } from './walk.js';

export type { FactAt };

/** A layer as rules see it. `index` is 0-based here; findings show it 1-based. */
export interface LayerInfo {
  index: number;
  diffId: string;
  createdBy: string;
  instruction: string;
  problems: ArchiveProblem[];
}

/** A history row with its instruction recovered. */
export interface HistoryLine extends HistoryRow {
  instruction: Instruction;
}

export interface ImageFacts {
  ref: string;
  config: ImageConfig;
  runtime: ImageConfigSummary;
  layers: LayerInfo[];
  history: HistoryLine[];
  tree: FileTree;
  /** Installed packages; `layerIndex` 1-based as in the report. */
  packages: ImagePackage[];
  size: ImageSummary['size'];
  /** The secrets the history and config show, masked in every report. */
  historySecrets: HistorySecret[];
  /** Each analyzer's records, by analyzer name, with their layer and whether the final tree still has them. */
  facts<T>(analyzer: string): FactAt<T>[];
}

/** What the walk, or the cache, gave for one layer. */
export interface LayerResult {
  listing: LayerListing;
  facts: Record<string, CachedFacts>;
}


/** Each analyzer's records over all layers, by analyzer name, each list built when first asked for. */
export function analyzerFacts(results: readonly LayerResult[], tree: FileTree): ImageFacts['facts'] {
  const byAnalyzer = new Map<string, FactAt<unknown>[]>();
  return <T>(analyzer: string): FactAt<T>[] => {
    let list = byAnalyzer.get(analyzer);
    if (!list) {
      list = results.flatMap((result, layer) =>
        (result.facts[analyzer]?.records ?? []).map((record: AnalyzerRecord) => ({
          layer,
          path: record.path,
          fact: record.fact,
          live: tree.isLive(layer, record.path),
        })),
      );
      byAnalyzer.set(analyzer, list);
    }
    return list as FactAt<T>[];
  };
}

/** An analyzer that failed on a file says so in the report, rather than its silence passing for "nothing found". */
export function analyzerNotes(results: readonly LayerResult[]): string[] {
  const notes: string[] = [];
  results.forEach((result, layer) => {
    for (const [name, cached] of Object.entries(result.facts)) {
      if (cached.error) notes.push(`analyzer ${name} failed on a file of layer ${layer + 1}: ${cached.error}`);
    }
  });
  return notes;
}

/** The history rows aligned to the layers, each with the instruction its `created_by` records. */
export function imageHistory(image: Image): HistoryLine[] {
  return alignHistory(image.config, image.layers.length).map((row) => ({
    ...row,
    instruction: parseCreatedBy(row.entry.created_by),
  }));
}

export function layerInfos(image: Image, history: readonly HistoryLine[], results: readonly LayerResult[]): LayerInfo[] {
  return image.layers.map((layer, index) => {
    const line = history.find((h) => h.layerIndex === index);
    return {
      index,
      diffId: layer.diffId,
      createdBy: line?.entry.created_by ?? '',
      instruction: line?.instruction.text ?? '',
      problems: results[index]!.listing.problems,
    };
  });
}

/** Replaces every secret the history shows with its redacted form. */
export function secretMask(secrets: readonly HistorySecret[]): (text: string) => string {
  return (text) => secrets.reduce((masked, s) => masked.split(s.value).join(s.redacted), text);
}

export interface ImageSizes {
  size: ImageSummary['size'];
  /** Bytes of the files each layer adds. */
  layerBytes: number[];
  /** Bytes of each layer's files that a later layer hides. */
  wastedByLayer: number[];
}

export function imageSizes(image: Image, results: readonly LayerResult[], tree: FileTree): ImageSizes {
  const layerBytes = results.map((r) => r.listing.entries.reduce((sum, e) => sum + (e.kind === 'file' ? e.size : 0), 0));
  const wastedByLayer = new Array<number>(image.layers.length).fill(0);
  for (const copy of tree.wasted) wastedByLayer[copy.layer]! += copy.size;
  let finalBytes = 0;
  let finalEntries = 0;
  for (const node of tree.nodes()) {
    finalEntries++;
    if (node.entry?.kind === 'file') finalBytes += node.entry.size;
  }
  const size: ImageSummary['size'] = {
    compressed: image.layers.reduce((sum, l) => sum + l.size, 0),
    uncompressed: results.reduce((sum, r) => sum + r.listing.tarBytes, 0),
    layers: layerBytes.reduce((a, b) => a + b, 0),
    final: finalBytes,
    finalEntries,
  };
  return { size, layerBytes, wastedByLayer };
}

/** The report's layer table: one row per history line, with the layer's sizes and changes (and files, when asked). */
export function layerRows(
  image: Image,
  history: readonly HistoryLine[],
  results: readonly LayerResult[],
  tree: FileTree,
  sizes: ImageSizes,
  mask: (text: string) => string,
  files: boolean,
): ImageLayerRow[] {
  return history.map((line) => {
    const row: ImageLayerRow = {
      empty: line.layerIndex === undefined,
      createdBy: mask(line.entry.created_by ?? ''),
      instruction: mask(line.instruction.text),
      size: 0,
    };
    if (line.entry.created) row.created = line.entry.created;
    if (line.entry.comment) row.comment = line.entry.comment;
    const index = line.layerIndex;
    if (index === undefined) return row;
    const layer = image.layers[index]!;
    Object.assign(row, {
      index: index + 1,
      diffId: layer.diffId,
      digest: layer.digest,
      size: sizes.layerBytes[index]!,
      tarBytes: results[index]!.listing.tarBytes,
      compressedBytes: layer.size,
      changes: tree.changeCounts(index),
      wastedBytes: sizes.wastedByLayer[index]!,
    });
    if (files) {
      row.files = tree.changesOf(index).map((c): ImageFileChange => {
        const file: ImageFileChange = {
          path: `/${c.path}`,
          change: c.change,
          kind: c.entry.kind,
          size: c.change === 'deleted' ? c.bytes : c.entry.size,
          mode: octal(c.entry.mode),
          uid: c.entry.uid,
          gid: c.entry.gid,
        };
        if (c.entry.linkTarget !== undefined) file.linkTarget = c.entry.linkTarget;
        return file;
      });
    }
    return row;
  });
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

export function runtimeSummary(image: Image, mask: (text: string) => string): ImageConfigSummary {
  const config = image.config.config ?? {};
  const summary: ImageConfigSummary = {
    user: config.User ?? '',
    env: (config.Env ?? []).map(mask),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
    volumes: Object.keys(config.Volumes ?? {}),
    labels: { ...(config.Labels ?? {}) },
  };
  if (config.Entrypoint) summary.entrypoint = config.Entrypoint;
  if (config.Cmd) summary.cmd = config.Cmd;
  if (config.WorkingDir) summary.workingDir = config.WorkingDir;
  if (config.StopSignal) summary.stopSignal = config.StopSignal;
  if (config.Shell) summary.shell = config.Shell;
  const health = config.Healthcheck;
  if (health?.Test) {
    summary.healthcheck = { test: health.Test };
    if (health.Interval) summary.healthcheck.intervalSeconds = health.Interval / 1e9;
    if (health.Timeout) summary.healthcheck.timeoutSeconds = health.Timeout / 1e9;
    if (health.Retries) summary.healthcheck.retries = health.Retries;
  }
  return summary;
}

/** Every package analyzer's inventory, with the purl the distribution and the package's own qualifiers give it. */
export function collectPackages(analyzers: readonly Analyzer[], facts: ImageFacts['facts'], os: ImageSummary['os']): ImagePackage[] {
  const distribution = os?.id;
  const distro = os?.id && os.versionId ? `${os.id}-${os.versionId}` : undefined;
  return analyzers.flatMap((analyzer) =>
    (analyzer.inventory?.(facts(analyzer.name)) ?? []).map((found) => {
      const osPackage = found.type === 'deb' || found.type === 'apk' || found.type === 'rpm';
      const qualifiers = osPackage && distro ? { ...found.qualifiers, distro } : found.qualifiers;
      const pkg: ImagePackage = {
        ecosystem: found.type,
        name: found.name,
        version: found.version,
        layerIndex: found.layer + 1,
        path: `/${found.path}`,
        purl: purl({ type: found.type, name: found.name, version: found.version, distribution: osPackage ? distribution : undefined, qualifiers }),
      };
      if (found.source) pkg.source = found.source;
      if (found.sourceVersion) pkg.sourceVersion = found.sourceVersion;
      if (found.licenses?.length) pkg.licenses = found.licenses;
      return pkg;
    }),
  );
}

export function detectOs(tree: FileTree, facts: ImageFacts['facts']): ImageSummary['os'] {
  const releases = facts<OsRelease>('os-release').filter((f) => f.live);
  const at = (path: string): OsRelease | undefined => {
    const resolved = tree.resolve(path);
    if (!('node' in resolved)) return undefined;
    return releases.find((f) => f.path === resolved.path && f.layer === resolved.node.layer)?.fact;
  };
  const os = at('etc/os-release') ?? at('usr/lib/os-release');
  const release = releases.find((f) => f.path === 'etc/debian_version' || f.path === 'etc/alpine-release')?.fact;
  if (!os && !release) return undefined;
  return { ...release, ...os, ...(release?.release ? { release: release.release } : {}) };
}

/** The variables the official language images set to the release they install. */
const RUNTIME_VARIABLES: Readonly<Record<string, RuntimeName>> = {
  NODE_VERSION: 'nodejs',
  PYTHON_VERSION: 'python',
  GOLANG_VERSION: 'go',
  JAVA_VERSION: 'java',
  RUBY_VERSION: 'ruby',
  PHP_VERSION: 'php',
};

/**
 * One entry per runtime: the most precise version its files state (a runtime's own files outrank a variable,
 * which a later stage may have inherited without the runtime), else the official image's variable.
 */
export function detectRuntimes(facts: ImageFacts['facts'], env: readonly string[]): ImageRuntime[] {
  const found = new Map<RuntimeName, ImageRuntime>();
  for (const { layer, path, fact, live } of facts<Runtime>('runtimes')) {
    const known = found.get(fact.name);
    if (!live || (known && known.version.length >= fact.version.length)) continue;
    found.set(fact.name, { name: fact.name, version: fact.version, source: { path: `/${path}`, layerIndex: layer + 1 } });
  }
  for (const variable of env) {
    const equals = variable.indexOf('=');
    const name = RUNTIME_VARIABLES[variable.slice(0, equals)];
    // `JAVA_VERSION=jdk-17.0.9+9` (Temurin) and `GOLANG_VERSION=1.22.1` alike: the first dotted number.
    const version = /\d+(?:\.\d+)+/.exec(variable.slice(equals + 1))?.[0];
    if (name && version && !found.has(name)) found.set(name, { name, version, source: { env: variable.slice(0, equals) } });
  }
  return [...found.values()];
}

const IMAGE_ID = /^(?:sha256:)?[0-9a-f]{12,64}$/;

export function detectBase(image: Image, history: HistoryLine[], os: ImageSummary['os']): ImageSummary['base'] {
  const labels = image.config.config?.Labels ?? {};
  const labelled = labels['org.opencontainers.image.base.name'];
  if (labelled) {
    const digest = labels['org.opencontainers.image.base.digest'];
    return digest ? { name: labelled, digest, source: 'label' } : { name: labelled, source: 'label' };
  }
  for (const line of [...history].reverse()) {
    const from = /^FROM\s+(\S+)/.exec(line.entry.comment ?? '') ?? /^FROM\s+(\S+)/.exec(line.instruction.text);
    // buildah records a base it already had by image ID (`FROM 4a86122661a4…`): an ID names nothing a reader knows
    if (from && !IMAGE_ID.test(from[1]!)) return { name: from[1]!, source: 'history' };
  }
  if (os?.id) return { name: [os.id, os.versionId].filter(Boolean).join(':'), source: 'os-release' };
  return undefined;
}
