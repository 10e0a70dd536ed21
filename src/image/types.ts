import type { Readable } from 'node:stream';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  urls?: string[];
}

/** An image manifest, normalised to the OCI shape whatever the source stored. */
export interface ImageManifest {
  schemaVersion: number;
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

export interface HealthcheckConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

/** The image configuration (OCI image config / Docker image JSON), as stored. */
export interface ImageConfig {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    ExposedPorts?: Record<string, object>;
    Volumes?: Record<string, object>;
    Labels?: Record<string, string> | null;
    StopSignal?: string;
    Healthcheck?: HealthcheckConfig;
    Shell?: string[];
    OnBuild?: string[] | null;
  };
  rootfs?: { type: string; diff_ids: string[] };
  history?: HistoryEntry[];
}

export type Compression = 'gzip' | 'zstd' | 'none';

/** Where an image came from, in skopeo's transport vocabulary. */
export type Transport = 'docker-archive' | 'oci' | 'oci-archive' | 'docker' | 'docker-daemon';

/** Content-addressed blobs: every source (archive, layout, registry, daemon) is one. */
export interface BlobStore {
  /** Streams the blob; the stream errors if its bytes do not hash to `descriptor.digest` or exceed its size. */
  open(descriptor: Descriptor): Promise<Readable>;
  /** Reads a small JSON blob (manifest, config, index), verified and size-capped. */
  readJson<T>(descriptor: Descriptor): Promise<T>;
}

export interface Layer {
  /** Digest of the blob as stored (compressed, or the tar itself when stored uncompressed). */
  digest: string;
  /** sha256 of the uncompressed tar, as in `config.rootfs.diff_ids`. */
  diffId: string;
  mediaType: string;
  compression: Compression;
  /** Stored size in bytes. */
  size: number;
  /** The stored blob, verified against `digest` and `size` as it streams. */
  openStored(): Promise<Readable>;
  /**
   * The uncompressed tar stream, verified against `diffId` as it streams: it errors (never ends cleanly)
   * when the bytes do not match. Destroy it to stop early; that releases the file or connection.
   */
  openTar(): Promise<Readable>;
}

export interface Image {
  /** The reference as the user wrote it. */
  ref: string;
  transport: Transport;
  /** Digest of the manifest, where the source stored one (a classic `docker save` archive has none). */
  manifestDigest?: string;
  /** Digest of the index (manifest list) the manifest was selected from by platform, if any. */
  indexDigest?: string;
  manifest: ImageManifest;
  /** The manifest bytes as stored, where the source stored one. */
  rawManifest?: Buffer;
  configDigest: string;
  config: ImageConfig;
  /** The config bytes as stored: `configDigest` is their digest. */
  rawConfig: Buffer;
  /** Base first, top last. */
  layers: Layer[];
  /** Releases files, sockets and temporary files; the layers cannot be opened afterwards. */
  close(): Promise<void>;
}
