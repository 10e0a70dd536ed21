// The shape of a context rule: metadata (id, severity, rationale, examples that run as tests and render
// the docs) and a check over the facts gathered about one build context.

import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { ResolvedCopy } from './copy/resolve.js';
import type { DirectoryHit, HeavyKind, SecretFile } from './detect.js';
import type { LoadedIgnoreFile } from './ignore-file.js';
import type { ContextTotals, DockerignoreAdvice } from './types.js';
import type { WalkResult } from './walk.js';

/** A context in a rule's metadata: its files (path → content; the Dockerfile and .dockerignore among them). */
export interface ContextExample {
  description?: string;
  files: Record<string, string>;
  options?: Record<string, unknown>;
}

export interface ContextRuleMeta extends RuleMeta {
  examples: { valid: ContextExample[]; invalid: ContextExample[] };
}

/** Everything known about one build context, gathered once and shared by every rule. */
export interface ContextFacts {
  /** The context directory as the user gave it (paths in findings start with it). */
  root: string;
  walk: WalkResult;
  ignore: LoadedIgnoreFile;
  dockerfile?: string;
  copies: ResolvedCopy[];
  totals: ContextTotals;
  secrets: SecretFile[];
  heavy: DirectoryHit<HeavyKind>[];
  vcs: string[];
  /** The proposed .dockerignore change, when there is something to exclude. */
  advice?: DockerignoreAdvice;
  /** A context path as the user sees it (joined to `root`). */
  display(path: string): string;
  /** Included bytes and files at or under a context path. */
  sizeOf(path: string): { bytes: number; files: number };
}

export interface ContextRule {
  meta: ContextRuleMeta;
  check(facts: ContextFacts, options: Readonly<Record<string, unknown>>): Finding[];
}
