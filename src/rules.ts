// Every rule of every domain, for config validation, the `rules` command and the generated docs.
import { contextRules } from './context/rules/index.js';
import type { RuleMeta } from './core/rule-meta.js';
import { dockerfileRules } from './dockerfile/rules/index.js';
import { unusedSuppressionMeta } from './dockerfile/suppressions.js';
import { imageRules } from './image/rules/index.js';

export function allRuleMetas(): RuleMeta[] {
  return [
    ...dockerfileRules.map((rule) => rule.meta),
    unusedSuppressionMeta,
    ...contextRules.map((rule) => rule.meta),
    ...imageRules.map((rule) => rule.meta),
  ];
}
