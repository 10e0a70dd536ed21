// The one rule engine: for every domain it turns settings into options and severities, runs each rule's visitors
// over the facts, fills message templates, applies fix kinds and suppressions, the same way.
import type { Finding } from './finding.js';
import type { DomainTypes, Placement, ReportedProblem, Rule, Visitors } from './rule.js';
import type { RuleSetting } from './rule-meta.js';
import type { Severity } from './severity.js';

export interface Domain<D extends DomainTypes> {
  /** Where a reported problem is: the finding's location, and what it adds to the cost and related places. */
  place(problem: ReportedProblem<D>, facts: D['facts']): Placement;
  /** Calls the rules' visitors over the facts; the engine calls `end()` after. */
  traverse(facts: D['facts'], visitors: readonly Visitors<D>[]): void;
  /** Rewrites a text a rule wrote before it is reported (an image masks the secrets it holds). */
  text?(text: string): string;
  /** Drops the findings suppressed in the facts themselves (comments in a Dockerfile), and reports unused suppressions. */
  suppress?(findings: Finding[], facts: D['facts'], run: { ran: ReadonlySet<string>; settings: Readonly<Record<string, RuleSetting>> }): Finding[];
}

export interface RunRulesOptions<D extends DomainTypes> {
  rules: readonly Rule<D>[];
  /** Rule settings from config (or a caller), by rule id: off, another severity, options. */
  settings?: Readonly<Record<string, RuleSetting>> | undefined;
}

/** Fills a message template's `{name}` placeholders from the report's data. */
export function fillTemplate(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

/** The severity a finding gets: config replaces it; otherwise a rule that declares it may give its own, else the rule's. */
function severityOf(rule: Rule<DomainTypes>, setting: RuleSetting | undefined, problem: { severity?: Severity }): Severity {
  if (problem.severity && !rule.meta.severityPerFinding) {
    throw new Error(`${rule.meta.id}: a finding with its own severity from a rule whose meta.severityPerFinding is not set`);
  }
  const configured = setting?.severity;
  return configured && configured !== 'off' ? configured : (problem.severity ?? rule.meta.severity);
}

export function runRules<D extends DomainTypes>(domain: Domain<D>, facts: D['facts'], options: RunRulesOptions<D>): Finding[] {
  const settings = options.settings ?? {};
  const findings: Finding[] = [];
  const visitors: Visitors<D>[] = [];
  const ran = new Set<string>();
  const text = domain.text ?? ((value: string) => value);
  for (const rule of options.rules) {
    const { meta } = rule;
    const setting = settings[meta.id];
    if (setting?.severity === 'off') continue;
    ran.add(meta.id);
    visitors.push(
      rule.create({
        facts,
        options: { ...rule.defaultOptions, ...setting?.options },
        report(problem) {
          const template = meta.messages[problem.messageId];
          if (template === undefined) throw new Error(`${meta.id}: unknown message id ${problem.messageId}`);
          const placement = domain.place(problem as ReportedProblem<D>, facts);
          const finding: Finding = {
            ruleId: meta.id,
            severity: severityOf(rule as unknown as Rule<DomainTypes>, setting, problem),
            message: text(fillTemplate(template, problem.data)),
            messageId: problem.messageId,
            location: placement.location,
          };
          if (meta.aliases?.length) finding.aliases = meta.aliases;
          if (problem.fix) {
            const kind = problem.fix.kind ?? meta.fixable;
            if (!kind) throw new Error(`${meta.id}: a fix from a rule whose meta.fixable is not set`);
            const { description, edits, file } = problem.fix;
            finding.fix = { kind, description, edits, ...(file ? { file } : {}) };
          }
          const cost = problem.cost ?? placement.cost;
          if (cost) finding.cost = cost;
          if (placement.related?.length) finding.related = placement.related;
          findings.push(finding);
        },
      }),
    );
  }
  domain.traverse(facts, visitors);
  for (const visitor of visitors) visitor.end?.();
  return domain.suppress ? domain.suppress(findings, facts, { ran, settings }) : findings;
}
