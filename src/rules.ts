// Every rule of every domain, for config validation, the `rules` command and the generated docs.
import { contextRules } from './context/rules/index.js';
import type { RuleLink } from './core/rule.js';
import type { RuleMeta } from './core/rule-meta.js';
import { dockerfileRules } from './dockerfile/rules/index.js';
import { unusedSuppressionMeta } from './dockerfile/suppressions.js';
import { imageRules } from './image/rules/index.js';
import { scanRules, vulnerabilityMeta } from './vuln/rules/index.js';

export function allRuleMetas(): (RuleMeta & { links?: RuleLink[] })[] {
  return [
    ...dockerfileRules.map((rule) => rule.meta),
    unusedSuppressionMeta,
    ...contextRules.map((rule) => rule.meta),
    ...imageRules.map((rule) => rule.meta),
    ...scanRules.map((rule) => rule.meta),
    vulnerabilityMeta,
  ];
}

let linksById: Map<string, readonly RuleLink[]> | undefined;

/** What a rule declares about the rules of other domains (`meta.links`): what it measures, or duplicates. */
export function linksOf(ruleId: string): readonly RuleLink[] {
  linksById ??= new Map(allRuleMetas().map((meta) => [meta.id, meta.links ?? []]));
  return linksById.get(ruleId) ?? [];
}
