import { ANALYZERS } from '../analyzers/index.js';
import type { Analyzer } from '../analyzers/types.js';
import { errorMessage, InputError } from '../core/errors.js';
import type { Finding, ImageLocation } from '../core/finding.js';
import { makeReport } from '../core/report.js';
import type { RuleSetting } from '../core/rule-meta.js';
import { formatBytesSI } from '../core/format.js';
import { TOOL_VERSION } from '../core/version.js';
import { digestOf, shortDigest } from './blob/digest.js';
import { chainId, defaultCacheDir, defaultCacheMaxBytes, LayerCache, type CachedFacts, type LayerListing } from './cache.js';
import {
  analyzerFacts,
  analyzerNotes,
  collectPackages,
  detectBase,
  detectOs,
  detectRuntimes,
  imageHistory,
  imageSizes,
  layerInfos,
  layerRows,
  runtimeSummary,
  secretMask,
  type ImageFacts,
  type ImageSizes,
  type LayerResult,
} from './facts.js';
import { diveEfficiency, FileTree, type DiveEfficiency } from './filetree.js';
import { findHistorySecrets } from './history-secrets.js';
import type { ImageReport, ImageSummary } from './report-types.js';
import { imageRules } from './rules/index.js';
import type { ImageDomain, ImageRule } from './rule-domain.js';
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
  /** Defaults to every registered analyzer. Internal: the analyzer interface is not public (yet). @internal */
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
  /** Rules to run; defaults to every image rule. Internal: the rule contract is not public (yet). @internal */
  ruleSet?: readonly ImageRule[];
  onProgress?: (progress: LayerProgress) => void;
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
  const facts = analyzerFacts(results, tree);
  const history = imageHistory(image);
  const historySecrets = findHistorySecrets(history, image.config.config?.Env ?? []);
  const mask = secretMask(historySecrets);
  const sizes = imageSizes(image, results, tree);
  const runtime = runtimeSummary(image, mask);
  const os = detectOs(tree, facts);
  const packages = collectPackages(analyzers, facts, os);
  const imageFacts: ImageFacts = {
    ref: image.ref,
    config: image.config,
    runtime,
    layers: layerInfos(image, history, results),
    history,
    tree,
    packages,
    size: sizes.size,
    historySecrets,
    facts,
  };
  const findings = runImageRules(imageFacts, options, mask);
  const summary = await imageSummary(image, imageFacts, { cache, results, sizes, os, analyzerNotes: analyzerNotes(results), mask, files: !!options.files });
  return { ...makeReport({ kind: 'image', ref: image.ref }, findings), image: summary };
}

/** The report's description of the image, from its facts. */
async function imageSummary(
  image: Image,
  facts: ImageFacts,
  made: {
    cache: LayerCache | undefined;
    results: readonly LayerResult[];
    sizes: ImageSizes;
    os: ImageSummary['os'];
    analyzerNotes: string[];
    mask: (text: string) => string;
    files: boolean;
  },
): Promise<ImageSummary> {
  const { tree, size } = facts;
  const dive = await stackEfficiency(made.cache, image, tree);
  const userBytes = size.layers - (made.sizes.layerBytes[0] ?? 0);
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
    layers: layerRows(image, facts.history, made.results, tree, made.sizes, made.mask, made.files),
    config: facts.runtime,
    packages: facts.packages,
    runtimes: detectRuntimes(facts.facts, image.config.config?.Env ?? []),
    notes: made.analyzerNotes,
  };
  if (image.manifestDigest) summary.manifestDigest = image.manifestDigest;
  if (image.config.created) summary.created = image.config.created;
  if (made.os) summary.os = made.os;
  const base = detectBase(image, facts.history, made.os);
  if (base) summary.base = base;
  return summary;
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
