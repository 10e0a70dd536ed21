// The context domain of the rule contract (src/core/rule.ts): its facts are what is gathered once about one
// build context, rules read them at the end, a problem is a file location, and an example is a context's files.

import type { FileLocation } from '../core/finding.js';
import { ruleDefiner, type Rule } from '../core/rule.js';
import type { ResolvedCopy } from './copy/resolve.js';
import type { DirectoryHit, HeavyKind, SecretFile } from './detect.js';
import type { LoadedIgnoreFile } from './ignore-file-choice.js';
import type { ContextTotals, DockerignoreAdvice } from './types.js';
import type { WalkResult } from './walk.js';

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

export interface ContextDomain {
  facts: ContextFacts;
  /** Context rules read the facts at the end; there is nothing to visit. */
  visitors: object;
  where: { location: FileLocation };
  /** A context: its files (path → content; the Dockerfile and .dockerignore among them). */
  example: { files: Record<string, string> };
}

export type ContextRule = Rule<ContextDomain>;
export type ContextRuleMeta = ContextRule['meta'];
export type ContextExample = ContextRuleMeta['examples']['valid'][number];

export const defineContextRule = ruleDefiner<ContextDomain>();
