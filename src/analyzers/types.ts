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

interface AnalyzerBase<Fact> {
  /** Folder name under `src/analyzers/`, and the cache key. */
  name: string;
  /** Bump whenever the facts it returns change: facts are cached per layer under `name` + `version`. */
  version: number;
  description: string;
  /** Called for every entry of every layer: must be cheap. */
  wants(path: string, entry: LayerEntry): boolean;
  /** For package analyzers: the packages the merged image holds, from every layer's facts of this analyzer. */
  inventory?(facts: readonly FactAt<Fact>[]): FoundPackage[];
}

/**
 * An analyzer of small files: it gets a file's content (up to `maxFileBytes`) once the file has streamed by, and
 * returns one JSON-serialisable fact for it (Trivy's design: analyzers fed by the one pass over each layer).
 */
export interface FileAnalyzer<Fact = unknown> extends AnalyzerBase<Fact> {
  /** Largest content read per file; 0 when the header alone is enough. */
  maxFileBytes: number;
  analyze(file: AnalyzerFile): Fact | undefined;
}

/** Reads one file piece by piece as it streams, holding only what it needs of it. */
export interface ContentScanner<Fact> {
  /** Takes the next piece of the file (the walk never reuses it, so it may be kept); returns false once it needs no more. */
  push(chunk: Buffer): boolean;
  /** The fact, when the file has ended or the scanner has stopped. */
  end(): Fact | undefined;
}

/** An analyzer of files too large to hold (executables, archives): it scans them as they stream. */
export interface StreamAnalyzer<Fact = unknown> extends AnalyzerBase<Fact> {
  scan(path: string, entry: LayerEntry): ContentScanner<Fact> | undefined;
}

export type Analyzer<Fact = unknown> = FileAnalyzer<Fact> | StreamAnalyzer<Fact>;

/** One fact an analyzer found in one layer, with the path it came from. */
export interface AnalyzerRecord<Fact = unknown> {
  path: string;
  fact: Fact;
}

/** One fact as the merged image sees it: the layer it came from and whether the final filesystem still shows its file. */
export interface FactAt<Fact> {
  /** 0-based layer. */
  layer: number;
  path: string;
  fact: Fact;
  live: boolean;
}

/** The package-url types of what analyzers inventory (https://github.com/package-url/purl-spec). */
export type PackageType = 'deb' | 'apk' | 'rpm' | 'npm' | 'pypi' | 'golang' | 'maven' | 'gem' | 'cargo' | 'composer' | 'nuget' | 'generic';

/** A package an image carries, as an analyzer found it. */
export interface FoundPackage {
  type: PackageType;
  /** The name its ecosystem uses (`@types/node`, `org.slf4j:slf4j-api`, `github.com/pkg/errors`, `monolog/monolog`). */
  name: string;
  version: string;
  /** 0-based layer that installed it. */
  layer: number;
  /** The database, manifest or binary it was read from, relative to the root. */
  path: string;
  /** The source package (dpkg `Source:`, apk origin, rpm source RPM) when it differs from `name`. */
  source?: string;
  sourceVersion?: string;
  licenses?: string[];
  /** Extra purl qualifiers (`arch`, `distro`, `epoch`). */
  qualifiers?: Record<string, string>;
}

/** Per analyzer name, the facts of one layer. */
export type LayerFacts = Record<string, AnalyzerRecord[]>;
