import type { FixKind } from './finding.js';
import type { Severity } from './severity.js';

/** The rule domains: the part of a build a rule reads. */
export type RuleDomain = 'dockerfile' | 'context' | 'image' | 'suppressions';

/**
 * What every rule, whatever its domain, declares about itself. Docs (`docs/rules/`) and the `rules`
 * command are generated from it, so it is the single source of truth for the rule's contract.
 */
export interface RuleMeta {
  /** `<domain>/<name>`: `no-*` forbids, `use-*` mandates, otherwise an imperative. */
  id: string;
  /** One line, imperative or descriptive, no trailing period. */
  description: string;
  severity: Severity;
  /** Equivalent checks of other tools, e.g. hadolint's `DL3009`. */
  aliases?: string[];
  /** Present when the rule offers a fix, and how safe the fix is. */
  fixable?: FixKind;
  /** Markdown: why this matters and what it costs. */
  rationale: string;
  /** Markdown: where and why this rule differs from hadolint, BuildKit, Trivy, dive… */
  differences?: string;
  /** Options the rule reads from config, with their defaults, for the docs. */
  options?: Record<string, { description: string; default: unknown }>;
}

/** A rule's setting in config: turned off, given another severity, and/or given options. */
export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Record<string, unknown>;
}
