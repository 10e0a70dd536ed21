// Small helpers shared by the context rules.

import type { RuleFix } from '../../core/rule.js';
import type { ResolvedCopy } from '../copy/resolve.js';
import type { ContextFacts } from '../rule-domain.js';

/** The first COPY/ADD that takes the path (or something under it) into the image. */
export function copiedBy(facts: ContextFacts, path: string): ResolvedCopy | undefined {
  const prefix = path + '/';
  return facts.copies.find((copy) =>
    copy.takes(path) || facts.walk.entries.some((entry) => entry.path.startsWith(prefix) && copy.takes(entry.path)),
  );
}

/** The proposed .dockerignore fix, when it removes the path from the context. */
export function adviceFix(facts: ContextFacts, path: string): RuleFix | undefined {
  return facts.advice?.removes.includes(path) ? facts.advice.fix : undefined;
}
