import type { LayerEntry } from '../image/walk.js';

/** A file handed to an analyzer while its layer streams: the header, and the content up to the analyzer's cap. */
export interface AnalyzerFile {
  /** Normalised path, relative to the root, without a leading `/` (`etc/os-release`). */
  path: string;
  entry: LayerEntry;
  /** The first `maxFileBytes` bytes of the file (empty for header-only analyzers and non-regular files). */
  content: Buffer;
  /** True when the file is larger than what `content` holds. */
  truncated: boolean;
}

/**
 * An analyzer reads a few kinds of files out of each layer during the one streaming pass (Trivy's design).
 * `wants` is called for every entry and must be cheap; `analyze` returns one JSON-serialisable fact per file,
 * which is cached per layer under `name` + `version` — bump `version` whenever the facts it returns change.
 */
export interface Analyzer<Fact = unknown> {
  /** Folder name under `src/analyzers/`, and the cache key. */
  name: string;
  version: number;
  description: string;
  /** Largest content read per file; 0 when the header alone is enough. */
  maxFileBytes: number;
  wants(path: string, entry: LayerEntry): boolean;
  analyze(file: AnalyzerFile): Fact | undefined;
}

/** One fact an analyzer found in one layer, with the path it came from. */
export interface AnalyzerRecord<Fact = unknown> {
  path: string;
  fact: Fact;
}

/** Per analyzer name, the facts of one layer. */
export type LayerFacts = Record<string, AnalyzerRecord[]>;
