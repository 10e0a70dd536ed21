// The shapes of a build-context report, for the library API and the renderers.

import type { Finding, Fix } from '../core/finding.js';

/** An entry the builder receives: a regular file, a symbolic link (never followed) or a special file. */
export interface ContextEntry {
  /** `/`-separated path relative to the context directory. */
  path: string;
  kind: 'file' | 'symlink' | 'other';
  /** Bytes: the file's size, the length of a link's target, 0 for special files. */
  size: number;
  /** Where a symbolic link points, as written in the link. */
  target?: string;
}

export interface DirectoryTotals {
  bytes: number;
  files: number;
}

/** Something in the context the builder cannot read: the build would fail on it. */
export interface WalkProblem {
  path: string;
  kind: 'unreadable-directory' | 'unreadable-file';
  message: string;
}

export interface SizedPath {
  path: string;
  bytes: number;
  /** Files under a directory. */
  files?: number;
}

export interface ContextTotals {
  files: number;
  bytes: number;
  symlinks: number;
}

/** Which ignore file applies: BuildKit prefers `<Dockerfile>.dockerignore` next to the Dockerfile. */
export interface IgnoreFileChoice {
  /** Path of the file (as given or joined to the context), or undefined when none exists. */
  path?: string;
  source: 'dockerfile' | 'context' | 'none';
}

/** What one source of a COPY/ADD takes from the context. */
export interface CopySourceResolution {
  /** The source as written (after ARG/ENV substitution). */
  source: string;
  /**
   * `ok`: takes something; `missing`: nothing by that name (the build fails);
   * `ignored`: the path exists but .dockerignore leaves it out (a literal source fails the build,
   * a wildcard silently copies less); `empty`: a wildcard that matches nothing (BuildKit allows it);
   * `outside`: the path leaves the context.
   */
  status: 'ok' | 'missing' | 'ignored' | 'empty' | 'outside';
  /** Top-level paths the source names (the path itself, or each wildcard match). */
  matches: string[];
  /** Paths the source names that .dockerignore excludes. */
  ignoredMatches: string[];
  files: number;
  bytes: number;
}

export interface CopyResolution {
  instruction: 'COPY' | 'ADD';
  /** Dockerfile and line of the instruction. */
  file: string;
  line: number;
  dest: string;
  sources: CopySourceResolution[];
  /** Distinct context files the instruction copies, and their bytes. */
  files: number;
  bytes: number;
}

/** The `.dockerignore` change the report proposes, with its effect. */
export interface DockerignoreAdvice {
  file: string;
  /** Lines added, in order. */
  entries: string[];
  fix: Fix;
  /** The offending context paths (secrets, version control, heavy directories) the change leaves out. */
  removes: string[];
  before: ContextTotals;
  /** The context after the change (the ignore file's own bytes included when it is part of the context). */
  after: ContextTotals;
  /** Bytes of the files the change leaves out. */
  savedBytes: number;
  /** Offending paths kept in because a COPY names them. */
  kept: string[];
  /** Why the change is unsafe (`fix.kind`), naming the lines a build may need: for the report of a fix held back. */
  unsafeBecause?: string;
}

export interface ContextReport {
  /** The context directory as given. */
  root: string;
  dockerfile?: string;
  ignoreFile: IgnoreFileChoice;
  totals: ContextTotals;
  largestDirectories: SizedPath[];
  largestFiles: SizedPath[];
  copies: CopyResolution[];
  problems: WalkProblem[];
  findings: Finding[];
  advice?: DockerignoreAdvice;
}
