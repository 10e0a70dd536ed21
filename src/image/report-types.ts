import type { RuntimeName } from '../analyzers/runtimes/index.js';
import type { PackageType } from '../analyzers/types.js';
import type { Report } from '../core/report.js';
import type { ChangeKind } from './filetree.js';
import type { EntryKind } from './walk.js';

/** One file a layer adds, changes or deletes (`--files`). Paths are absolute, as inside the container. */
export interface ImageFileChange {
  path: string;
  change: ChangeKind;
  kind: EntryKind;
  size: number;
  /** Permission bits in octal, `0755`, `4755` for setuid. */
  mode: string;
  uid: number;
  gid: number;
  linkTarget?: string;
}

/** One line of `docker history --no-trunc`, base first, plus what the layer holds. */
export interface ImageLayerRow {
  /** 1-based position among the image's layers; absent for history entries that made no layer. */
  index?: number;
  diffId?: string;
  /** Digest of the stored (usually compressed) blob. */
  digest?: string;
  /** True for history entries without a layer (ENV, CMD, LABEL…). */
  empty: boolean;
  created?: string;
  /** `created_by` verbatim (secret values found by `image/no-secrets-in-history` masked). */
  createdBy: string;
  /** The Dockerfile instruction recovered from `created_by`: `RUN apt-get update`, `COPY . /app`. */
  instruction: string;
  comment?: string;
  /** File bytes the layer adds, as `docker history` counts SIZE. */
  size: number;
  /** Bytes of the uncompressed layer tar. */
  tarBytes?: number;
  /** Bytes of the stored blob. */
  compressedBytes?: number;
  changes?: { added: number; modified: number; deleted: number };
  /** Bytes of this layer that later layers (or this one) hide: shipped, never reachable. */
  wastedBytes?: number;
  files?: ImageFileChange[];
  /** The Dockerfile instruction that made this layer, when the image was checked with its Dockerfile (`check --image`). */
  dockerfile?: DockerfileLine;
}

/** A 1-based line of a Dockerfile. */
export interface DockerfileLine {
  file: string;
  line: number;
}

/**
 * How the image's layers were matched to a Dockerfile's instructions, from the top layer down: the final stage and
 * the stages it is built on, one layer per RUN, COPY and ADD (and per WORKDIR where the builder made one).
 */
export interface LayerMapping {
  dockerfile: string;
  /** Layers matched to an instruction. */
  mapped: number;
  /** RUN, COPY and ADD instructions of the stage the image was built to and the stages it builds on. */
  instructions: number;
  /** That stage, by its `AS` name or index, when the Dockerfile has several. */
  stage?: string;
  /** The layers below the first instruction — the base image's — known only when every instruction was matched. */
  baseLayers?: number;
  /**
   * `complete`: every instruction has its layer. `mismatch`: a layer disagreed with its instruction, so it and
   * everything below it stay unmapped. `image-ends`: the image ran out of layers first.
   */
  stopped: 'complete' | 'mismatch' | 'image-ends';
  /** Why matching stopped, in one line. */
  reason: string;
}

export interface ImageConfigSummary {
  user: string;
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  /** `NAME=value`, secret values masked. */
  env: string[];
  exposedPorts: string[];
  volumes: string[];
  healthcheck?: { test: string[]; intervalSeconds?: number; timeoutSeconds?: number; retries?: number };
  labels: Record<string, string>;
  stopSignal?: string;
  shell?: string[];
}

export interface ImagePackage {
  /** The package-url type: `deb`, `apk`, `rpm`, `npm`, `pypi`, `golang`, `maven`, `gem`, `cargo`, `composer`, `nuget`. */
  ecosystem: PackageType;
  /** The name its ecosystem uses (`@types/node`, `org.slf4j:slf4j-api`, `github.com/pkg/errors`). */
  name: string;
  version: string;
  purl: string;
  licenses?: string[];
  /** 1-based layer that installed it. */
  layerIndex: number;
  /** The database or manifest it was read from, absolute. */
  path: string;
  source?: string;
  sourceVersion?: string;
}

export interface ImageRuntime {
  name: RuntimeName;
  version: string;
  /** Where the version was read: a file (with its 1-based layer) or an environment variable of the config. */
  source: { path: string; layerIndex: number } | { env: string };
}

export interface ImageEfficiency {
  /** dive's score: Σ smallest copy per path ÷ Σ all copies per path (1 = nothing duplicated or deleted). */
  diveScore: number;
  /** dive's wasted bytes: every copy of a path seen in two or more layers, the kept one included. */
  diveWastedBytes: number;
  /** dive's wasted bytes ÷ the bytes of every layer but the first. */
  diveWastedUserPercent: number;
  /** Bytes shipped in some layer that the final filesystem cannot reach: what removing the waste would save. */
  recoverableBytes: number;
  /** Σ layer sizes except the first (dive's "user size"). */
  userBytes: number;
}

export interface ImageSummary {
  ref: string;
  transport: string;
  manifestDigest?: string;
  configDigest: string;
  platform: string;
  created?: string;
  os?: { id?: string; versionId?: string; versionCodename?: string; prettyName?: string; release?: string };
  /** The language runtimes the image carries, from their own files or the official images' `*_VERSION` variables. */
  runtimes: ImageRuntime[];
  base?: { name?: string; digest?: string; source: 'label' | 'history' | 'os-release' };
  size: {
    /** Σ stored layer blobs: what a pull downloads. */
    compressed: number;
    /** Σ uncompressed layer tars. */
    uncompressed: number;
    /** Σ file bytes of every layer (what `docker images` shows as SIZE). */
    layers: number;
    /** File bytes of the final filesystem. */
    final: number;
    /** Files and other entries of the final filesystem. */
    finalEntries: number;
  };
  efficiency: ImageEfficiency;
  layers: ImageLayerRow[];
  config: ImageConfigSummary;
  packages: ImagePackage[];
  /** Things the analysis could not do or had to work around (an analyzer that failed on a file, a symlink loop). */
  notes: string[];
  /** With `check --image`: how the layers map to the Dockerfile. */
  mapping?: LayerMapping;
}

/** The report of `shipshape image REF`: the common report plus what the image is. */
export interface ImageReport extends Report {
  image: ImageSummary;
}
