import { ANALYZERS } from '../analyzers/index.js';
import { purl } from '../analyzers/purl.js';
import type { OsRelease } from '../analyzers/os-release/index.js';
import type { Runtime, RuntimeName } from '../analyzers/runtimes/index.js';
import type { Analyzer, AnalyzerRecord } from '../analyzers/types.js';
import { errorMessage, InputError } from '../core/errors.js';
import type { Finding, ImageLocation } from '../core/finding.js';
import { makeReport } from '../core/report.js';
import type { RuleSetting } from '../core/rule-meta.js';
import { formatBytesSI } from '../core/format.js';
import { TOOL_VERSION } from '../core/version.js';
import { digestOf, shortDigest } from './blob/digest.js';
import { chainId, defaultCacheDir, defaultCacheMaxBytes, LayerCache, type CachedFacts, type LayerListing } from './cache.js';
import { diveEfficiency, FileTree, type DiveEfficiency } from './filetree.js';
import { alignHistory, parseCreatedBy } from './history.js';
import type { ImageConfigSummary, ImageFileChange, ImageLayerRow, ImagePackage, ImageReport, ImageRuntime, ImageSummary } from './report-types.js';
import { imageRules } from './rules/index.js';
import { findHistorySecrets } from './rules/no-secrets-in-history.js';
import type { FactAt, HistoryLine, ImageDomain, ImageFacts, ImageRule, LayerInfo } from './rule-domain.js';
import { runRules, type Domain } from '../core/engine.js';
import type { Placement } from '../core/rule.js';
import type { Image, Layer } from './types.js';
import { DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TAR_BYTES, walkTar } from './walk.js';

export interface LayerProgress {
  /** 0-based layer. */
  layer: number;
  layers: number;
  /** Uncompressed bytes read from this layer so far. */
  bytes: number;
  /** Stored size of the layer. */
  storedBytes: number;
  done: boolean;
  /** True when the layer's results came from the cache and the layer was not read. */
  cached: boolean;
}

export interface AnalyzeImageOptions {
  /**
   * Per-layer result cache, off unless given (the library writes nothing unless asked; the CLI asks). Default
   * directory: see `defaultCacheDir`; default size budget, kept by removing the least recently used entries after
   * a run that adds to it: see `defaultCacheMaxBytes`.
   */
  cache?: false | { dir?: string; maxBytes?: number };
  /** Defaults to every registered analyzer. */
  analyzers?: readonly Analyzer[];
  /**
   * Hash each layer's tar against its diffID as it streams. Sources already do (see `Layer.openTar`); turn this on
   * for an `Image` implementation that does not.
   */
  verifyDiffIds?: boolean;
  /** Stop with an error past this many uncompressed bytes over all layers (default 64 GiB). */
  maxUncompressedBytes?: number;
  /** Stop with an error past this many tar entries over all layers (default 200,000: about 1 KB each, so memory stays under 300 MB). */
  maxEntries?: number;
  /** List each layer's file changes in the report (`--files`). */
  files?: boolean;
  /** Per rule id: `severity: 'off'` to skip it, another severity, and the rule's options. */
  rules?: Record<string, RuleSetting>;
  /** Rules to run; defaults to every image rule. */
  ruleSet?: readonly ImageRule[];
  onProgress?: (progress: LayerProgress) => void;
}

interface LayerResult {
  listing: LayerListing;
  facts: Record<string, CachedFacts>;
}

/** What the cache holds for a layer: its listing and, with it, each analyzer's facts it has. */
interface CachedLayer {
  listing: LayerListing | undefined;
  facts: Record<string, CachedFacts>;
}

/**
 * One layer's cache files, read all at once: a warm run's time is these reads, and they are independent. Nothing
 * is known unless this very blob was once read and found to be the diffID's tar.
 */
async function readCachedLayer(cache: LayerCache | undefined, layer: Layer, analyzers: readonly Analyzer[]): Promise<CachedLayer> {
  if (!cache) return { listing: undefined, facts: {} };
  const { diffId } = layer;
  const [verified, listing, ...found] = await Promise.all([
    cache.verifiedBlob(diffId, layer.digest),
    cache.readListing(diffId),
    ...analyzers.map((analyzer) => cache.readFacts(diffId, analyzer)),
  ]);
  if (!verified) return { listing: undefined, facts: {} };
  const facts: Record<string, CachedFacts> = {};
  analyzers.forEach((analyzer, i) => {
    const known = found[i];
    if (listing && known) facts[analyzer.name] = known;
  });
  return { listing, facts };
}

async function readLayer(
  image: Image,
  index: number,
  analyzers: readonly Analyzer[],
  cache: LayerCache | undefined,
  known: CachedLayer,
  budget: { remaining: number; limit: number; entries: number },
  options: AnalyzeImageOptions,
): Promise<LayerResult> {
  const { onProgress } = options;
  const layer = image.layers[index]!;
  const progress = (bytes: number, done: boolean, cached: boolean): void =>
    onProgress?.({ layer: index, layers: image.layers.length, bytes, storedBytes: layer.size, done, cached });
  const facts = { ...known.facts };
  let listing = known.listing;
  const missing = analyzers.filter((analyzer) => !(analyzer.name in facts));
  if (listing && missing.length === 0 && listing.tarBytes <= budget.remaining && listing.entries.length <= budget.entries) {
    budget.remaining -= listing.tarBytes;
    budget.entries -= listing.entries.length;
    progress(listing.tarBytes, true, true);
    return { listing, facts };
  }
  const label = `${image.ref}: layer ${index + 1} of ${image.layers.length} (${shortDigest(layer.diffId)})`;
  let read = 0;
  let walk;
  try {
    const stream = await layer.openTar();
    walk = await walkTar(stream, {
      label,
      analyzers: missing,
      ...(options.verifyDiffIds ? { expectedDiffId: layer.diffId } : {}),
      maxTarBytes: budget.remaining,
      maxEntries: budget.entries,
      limitName:
        budget.remaining === budget.limit
          ? 'maxUncompressedBytes'
          : `what earlier layers left of maxUncompressedBytes, ${formatBytesSI(budget.limit)}`,
      onBytes: (bytes) => progress((read += bytes), false, false),
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${label}: ${errorMessage(error)}`);
  }
  budget.remaining -= walk.tarBytes;
  budget.entries -= walk.entries.length;
  listing = { entries: walk.entries, problems: walk.problems, tarBytes: walk.tarBytes };
  await cache?.writeListing(layer.diffId, listing);
  // the walk read the stream to its end, where the source checked the blob's digest and the tar's diffID
  await cache?.writeVerifiedBlob(layer.diffId, layer.digest);
  for (const analyzer of missing) {
    const result: CachedFacts = { records: walk.facts[analyzer.name] ?? [] };
    const error = walk.analyzerErrors[analyzer.name];
    if (error) result.error = error;
    facts[analyzer.name] = result;
    await cache?.writeFacts(layer.diffId, analyzer, result);
  }
  progress(walk.tarBytes, true, false);
  return { listing, facts };
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0');
}

function runtimeSummary(image: Image, mask: (text: string) => string): ImageConfigSummary {
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
function collectPackages(analyzers: readonly Analyzer[], facts: ImageFacts['facts'], os: ImageSummary['os']): ImagePackage[] {
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

function detectOs(tree: FileTree, facts: ImageFacts['facts']): ImageSummary['os'] {
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
function detectRuntimes(facts: ImageFacts['facts'], env: readonly string[]): ImageRuntime[] {
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

function detectBase(image: Image, history: HistoryLine[], os: ImageSummary['os']): ImageSummary['base'] {
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

// Bump when diveEfficiency's arithmetic changes.
const DIVE_EFFICIENCY = { name: 'dive-efficiency', version: 1 };

type StackEfficiency = Pick<DiveEfficiency, 'score' | 'wastedBytes'>;

/** dive's efficiency of the stacked layers, from the cache when this stack (by ChainID) was measured before. */
async function stackEfficiency(cache: LayerCache | undefined, image: Image, tree: FileTree): Promise<StackEfficiency> {
  const measure = (): StackEfficiency => {
    const { score, wastedBytes } = diveEfficiency(tree.layers);
    return { score, wastedBytes };
  };
  const chain = chainId(image.layers.map((layer) => layer.diffId));
  if (!cache || !chain) return measure();
  const cached = await cache.readStackFacts<Partial<StackEfficiency>>(chain, DIVE_EFFICIENCY);
  if (typeof cached?.score === 'number' && typeof cached.wastedBytes === 'number') return { score: cached.score, wastedBytes: cached.wastedBytes };
  const measured = measure();
  await cache.writeStackFacts(chain, DIVE_EFFICIENCY, measured);
  return measured;
}

// Bump when the image rules or the report change: a build from source keeps the tool's version, and a report
// cached by the code before the change would otherwise still be served.
const REPORT_VERSION = 2;

/**
 * Everything a report is computed from, as one digest: the image (its config by content, its layers, its name),
 * the tool, the analyzers, the rules, their settings and the limits. The report cached under it is the report.
 */
function reportKey(image: Image, analyzers: readonly Analyzer[], options: AnalyzeImageOptions, limits: number[]): string {
  const inputs = {
    report: REPORT_VERSION,
    tool: TOOL_VERSION,
    ref: image.ref,
    transport: image.transport,
    manifest: image.manifestDigest ?? null,
    config: digestOf(image.rawConfig),
    layers: image.layers.map((layer) => [layer.digest, layer.diffId, layer.size]),
    analyzers: analyzers.map((analyzer) => `${analyzer.name}@${analyzer.version}`),
    rules: (options.ruleSet ?? imageRules).map((rule) => rule.meta.id),
    settings: options.rules ?? {},
    limits,
  };
  return digestOf(Buffer.from(JSON.stringify(inputs)));
}

/** A cached report, with the progress a run that read the cached layers would have shown. */
function cachedReport(report: ImageReport, image: Image, options: AnalyzeImageOptions): ImageReport | undefined {
  if (!Array.isArray(report.findings) || !Array.isArray(report.image?.layers)) return undefined;
  for (const row of report.image.layers) {
    if (row.index === undefined) continue;
    const layer = row.index - 1;
    const bytes = row.tarBytes ?? 0;
    options.onProgress?.({ layer, layers: image.layers.length, bytes, storedBytes: image.layers[layer]?.size ?? 0, done: true, cached: true });
  }
  return report;
}

/**
 * Reads an image once (or not at all, when every layer is cached), and reports what it is and what is wrong with it.
 * With a cache, the report itself is kept too, so a re-run on the same image with the same settings reads one file.
 */
export async function analyzeImage(image: Image, options: AnalyzeImageOptions = {}): Promise<ImageReport> {
  const analyzers = options.analyzers ?? ANALYZERS;
  const cache = options.cache ? new LayerCache(options.cache.dir ?? defaultCacheDir(), options.cache.maxBytes ?? defaultCacheMaxBytes()) : undefined;
  const limit = options.maxUncompressedBytes ?? DEFAULT_MAX_TAR_BYTES;
  const budget = { remaining: limit, limit, entries: options.maxEntries ?? DEFAULT_MAX_ENTRIES };
  // A report that lists every file is as large as the listings it comes from: those are cached, it is not.
  const key = cache && !options.files ? reportKey(image, analyzers, options, [limit, budget.entries]) : undefined;
  if (cache && key) {
    const known = await cache.readReport<ImageReport>(key);
    const report = known && cachedReport(known, image, options);
    if (report) return report;
  }
  const report = await analyzeLayers(image, analyzers, cache, budget, options);
  if (cache && key) await cache.writeReport(key, report);
  await cache?.prune();
  return report;
}

async function analyzeLayers(
  image: Image,
  analyzers: readonly Analyzer[],
  cache: LayerCache | undefined,
  budget: { remaining: number; limit: number; entries: number },
  options: AnalyzeImageOptions,
): Promise<ImageReport> {
  const cached = await Promise.all(image.layers.map((layer) => readCachedLayer(cache, layer, analyzers)));
  const results: LayerResult[] = [];
  for (let index = 0; index < image.layers.length; index++) {
    results.push(await readLayer(image, index, analyzers, cache, cached[index]!, budget, options));
  }

  const tree = new FileTree(results.map((r) => r.listing.entries));
  const notes: string[] = [];
  const factCache = new Map<string, FactAt<unknown>[]>();
  const facts = <T>(analyzer: string): FactAt<T>[] => {
    let list = factCache.get(analyzer);
    if (!list) {
      list = results.flatMap((result, layer) =>
        (result.facts[analyzer]?.records ?? []).map((record: AnalyzerRecord) => ({
          layer,
          path: record.path,
          fact: record.fact,
          live: tree.isLive(layer, record.path),
        })),
      );
      factCache.set(analyzer, list);
    }
    return list as FactAt<T>[];
  };
  results.forEach((result, layer) => {
    for (const [name, cached] of Object.entries(result.facts)) {
      if (cached.error) notes.push(`analyzer ${name} failed on a file of layer ${layer + 1}: ${cached.error}`);
    }
  });

  const history: HistoryLine[] = alignHistory(image.config, image.layers.length).map((row) => ({
    ...row,
    instruction: parseCreatedBy(row.entry.created_by),
  }));
  const layerInfos: LayerInfo[] = image.layers.map((layer, index) => {
    const line = history.find((h) => h.layerIndex === index);
    return {
      index,
      diffId: layer.diffId,
      createdBy: line?.entry.created_by ?? '',
      instruction: line?.instruction.text ?? '',
      problems: results[index]!.listing.problems,
    };
  });

  const secrets = findHistorySecrets(history, image.config.config?.Env ?? []);
  const mask = (text: string): string => secrets.reduce((masked, s) => masked.split(s.value).join(s.redacted), text);

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
  const dive = await stackEfficiency(cache, image, tree);
  const userBytes = size.layers - (layerBytes[0] ?? 0);
  const runtime = runtimeSummary(image, mask);

  const rows: ImageLayerRow[] = history.map((line) => {
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
      size: layerBytes[index]!,
      tarBytes: results[index]!.listing.tarBytes,
      compressedBytes: layer.size,
      changes: tree.changeCounts(index),
      wastedBytes: wastedByLayer[index]!,
    });
    if (options.files) {
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

  const os = detectOs(tree, facts);
  const packages = collectPackages(analyzers, facts, os);
  const imageFacts: ImageFacts = {
    ref: image.ref,
    config: image.config,
    runtime,
    layers: layerInfos,
    history,
    tree,
    packages,
    size,
    facts,
  };
  const findings = runImageRules(imageFacts, options, mask);

  const summary: ImageSummary = {
    ref: image.ref,
    transport: image.transport,
    configDigest: image.configDigest,
    platform: [image.config.os ?? 'unknown', image.config.architecture ?? 'unknown', image.config.variant]
      .filter(Boolean)
      .join('/'),
    size,
    efficiency: {
      diveScore: dive.score,
      diveWastedBytes: dive.wastedBytes,
      diveWastedUserPercent: userBytes > 0 ? dive.wastedBytes / userBytes : 0,
      recoverableBytes: tree.wasted.reduce((sum, copy) => sum + copy.size, 0),
      userBytes,
    },
    layers: rows,
    config: runtime,
    packages,
    runtimes: detectRuntimes(facts, image.config.config?.Env ?? []),
    notes,
  };
  if (image.manifestDigest) summary.manifestDigest = image.manifestDigest;
  if (image.config.created) summary.created = image.config.created;
  if (os) summary.os = os;
  const base = detectBase(image, history, os);
  if (base) summary.base = base;

  return { ...makeReport({ kind: 'image', ref: image.ref }, findings), image: summary };
}

function runImageRules(facts: ImageFacts, options: AnalyzeImageOptions, mask: (text: string) => string): Finding[] {
  const locate = (layerIndex: number | undefined, path: string | undefined, instructionText?: string): ImageLocation => {
    const layer = layerIndex === undefined ? undefined : facts.layers[layerIndex];
    const instruction = instructionText ?? layer?.instruction;
    return {
      image: facts.ref,
      ...(layer ? { layer: layer.diffId, layerIndex: layer.index + 1 } : {}),
      ...(path !== undefined ? { path: `/${path}` } : {}),
      ...(instruction ? { instruction: mask(instruction) } : {}),
    };
  };
  const domain: Domain<ImageDomain> = {
    place(place) {
      const layer = place.layer === undefined ? undefined : facts.layers[place.layer];
      const location = locate(place.layer, place.path, place.instruction);
      if (place.variable) location.variable = place.variable;
      const placement: Placement = { location };
      if (place.related?.length) {
        placement.related = place.related.map((related) => ({ location: locate(related.layer, related.path), message: mask(related.message) }));
      }
      if (place.bytes !== undefined) {
        placement.cost = { bytes: place.bytes };
        if (layer) Object.assign(placement.cost, { layer: layer.diffId, layerIndex: layer.index + 1 });
      }
      return placement;
    },
    traverse() {},
    text: mask,
  };
  return runRules(domain, facts, { rules: options.ruleSet ?? imageRules, settings: options.rules });
}

export type {
  ImageConfigSummary,
  ImageEfficiency,
  ImageFileChange,
  ImageLayerRow,
  ImagePackage,
  ImageReport,
  ImageSummary,
} from './report-types.js';
export { defaultCacheDir } from './cache.js';
export { imageRules } from './rules/index.js';
