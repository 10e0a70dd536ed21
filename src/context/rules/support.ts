// Small helpers shared by the context rules.

import type { Finding } from '../../core/finding.js';
import type { ResolvedCopy } from '../copy/resolve.js';
import type { ContextFacts } from '../rule.js';

/** The first COPY/ADD that takes the path (or something under it) into the image. */
export function copiedBy(facts: ContextFacts, path: string): ResolvedCopy | undefined {
  const prefix = path + '/';
  return facts.copies.find((copy) =>
    copy.takes(path) || facts.walk.entries.some((entry) => entry.path.startsWith(prefix) && copy.takes(entry.path)),
  );
}

/** Attaches the proposed .dockerignore fix when it removes the path from the context. */
export function attachAdvice(facts: ContextFacts, finding: Finding, path: string): Finding {
  if (facts.advice?.removes.includes(path)) finding.fix = facts.advice.fix;
  return finding;
}
