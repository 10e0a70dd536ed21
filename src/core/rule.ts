// The one rule contract, for every domain: metadata (messages, options with their defaults, examples, links to
// the rules of other domains), and `create(context)`, which returns the visitors the domain's engine calls. A
// domain differs only in its facts, its visitors, where a problem is, and what its examples are made of.
import type { Cost, Edit, FixKind, RelatedLocation, Location } from './finding.js';
import type { RuleMeta } from './rule-meta.js';
import type { Severity } from './severity.js';

/** The names of the `{name}` placeholders in a message template. */
export type Placeholders<Template extends string> = Template extends `${string}{${infer Name}}${infer Rest}`
  ? (Name extends `${string}${' ' | '{' | '}'}${string}` ? never : Name) | Placeholders<Rest>
  : never;

/** A message id and the data that fills its placeholders: every placeholder, no other key. */
export type MessageArgs<Messages extends Record<string, string>> = {
  [Id in keyof Messages & string]: [Placeholders<Messages[Id]>] extends [never]
    ? { messageId: Id; data?: undefined }
    : { messageId: Id; data: { [Name in Placeholders<Messages[Id]>]: string | number } };
}[keyof Messages & string];

/** A fix a rule offers: edits to the file the finding is in, or to `file`. */
export interface RuleFix {
  description: string;
  edits: Edit[];
  /** Defaults to the rule's `meta.fixable`. */
  kind?: FixKind;
  /** The file the edits apply to, when it is not the finding's (the context's `.dockerignore`). */
  file?: string;
}

/** What every report carries, whatever the domain: the message, and optionally a fix, a cost and a severity. */
export interface ProblemBase {
  fix?: RuleFix;
  cost?: Cost;
  /** Only for rules whose `meta.severityPerFinding` says why a finding has its own severity. */
  severity?: Severity;
}

/** The option values a rule can take: what config (YAML) or a library caller can give. */
export type OptionValue = string | number | boolean | null | readonly OptionValue[] | { readonly [key: string]: unknown } | object;

/** The parts a domain defines; everything else is shared. */
export interface DomainTypes {
  /** What rules read. */
  facts: object;
  /** What a rule listens to, besides `end()`. */
  visitors: object;
  /** Where a problem is, as the rule reports it. */
  where: object;
  /** What an example in the metadata is made of (a Dockerfile's text, a context's files, an image's layers), and its fixed output. */
  example: object;
  /** Where an example states each of its findings to be (line and column; a file of the context; a layer and path). */
  at: object;
}

export interface RuleExample<Options> {
  /** What the example shows, for the docs. */
  description?: string;
  /** Rule options for this example. */
  options?: Partial<Options>;
}

/** A finding an invalid example expects: which message, and exactly where (every place field the finding has). */
export type ExampleFinding<D extends DomainTypes, MessageId extends string = string> = {
  messageId: MessageId;
  /** The exact text, where the data that fills the message matters to the example. */
  message?: string;
} & D['at'];

export interface InvalidRuleExample<D extends DomainTypes, MessageId extends string> {
  /** Every finding of the rule on this example, in report order: the tester fails on an extra, missing or moved one. */
  findings: ExampleFinding<D, MessageId>[];
  /** For a fixable rule whose findings here carry no fix: why the fix does not apply (an example with a fix states its `output`). */
  noFix?: string;
}

export type Example<D extends DomainTypes, Options> = RuleExample<Options> & D['example'];
export type InvalidExample<D extends DomainTypes, Options, MessageId extends string = string> = Example<D, Options> &
  InvalidRuleExample<D, MessageId>;

/**
 * A link to a rule of another domain. `measures`: this rule's findings put a number (bytes, layers) on the other
 * rule's findings, which `check --image` then reports once, priced. `duplicates`: this rule reports the same
 * problem as the other one, better; where both report it, only this rule's finding is kept.
 */
export type RuleLink =
  | { measures: string; scope: MeasureScope; paths?: readonly RegExp[]; messageId?: string }
  | { measuredBy: 'rebuilt-layers' | 'base-layers' }
  | { duplicates: string; at: 'same-line' };

/**
 * Where an image finding must be to measure a Dockerfile finding: in the instruction's layer; in an older layer
 * the instruction's layer rewrites; anywhere, about a variable the instruction declares; the image as a whole.
 */
export type MeasureScope = 'layer' | 'rewritten-layer' | 'variable' | 'image';

export interface DefinedMeta<D extends DomainTypes, Messages extends Record<string, string>, Options> extends Omit<RuleMeta, 'options'> {
  /** Message templates by id; `{name}` placeholders are filled from the report's `data`. */
  messages: Messages;
  /** What each option means; its default is in `defaultOptions`. */
  options?: { [Name in keyof Options]: { description: string } };
  /** Run by the rule tester (valid ones find nothing, invalid ones exactly their `findings`) and rendered in the docs. */
  examples?: { valid: Example<D, Options>[]; invalid: InvalidExample<D, Options, keyof Messages & string>[] };
  links?: RuleLink[];
  /** Why findings of this rule may carry their own severity (a detector's), when they do. */
  severityPerFinding?: string;
}

export interface RuleContext<D extends DomainTypes, Messages extends Record<string, string>, Options> {
  readonly facts: D['facts'];
  /** The rule's options: config (or the caller) merged over `defaultOptions`. */
  readonly options: Readonly<Options>;
  report(problem: MessageArgs<Messages> & ProblemBase & D['where']): void;
}

export type Visitors<D extends DomainTypes> = D['visitors'] & { end?(): void };

export type RuleDefinition<D extends DomainTypes, Messages extends Record<string, string>, Options> = {
  meta: DefinedMeta<D, Messages, Options>;
  create(context: RuleContext<D, Messages, Options>): Visitors<D>;
  // A rule without options need not say so.
} & (keyof Options extends never ? { defaultOptions?: Options } : { defaultOptions: Options });

/** The metadata a defined rule exposes: the common `RuleMeta` (options with their defaults) plus the contract's parts. */
export interface ResolvedMeta<D extends DomainTypes> extends RuleMeta {
  messages: Record<string, string>;
  examples: { valid: Example<D, Record<string, unknown>>[]; invalid: InvalidExample<D, Record<string, unknown>>[] };
  links?: RuleLink[];
  severityPerFinding?: string;
}

/** A rule as the engine holds it, its message and option types erased. */
export interface Rule<D extends DomainTypes> {
  meta: ResolvedMeta<D>;
  defaultOptions: Readonly<Record<string, unknown>>;
  // A method, so that rules with narrower contexts are assignable to it.
  create(context: RuleContext<D, Record<string, string>, Record<string, unknown>>): Visitors<D>;
}

/**
 * Returns the `defineRule` of a domain. Message ids, the data of each message and the options are checked at
 * compile time: a misspelt message id or an unfilled placeholder does not compile.
 */
export function ruleDefiner<D extends DomainTypes>() {
  return function defineRule<const Messages extends Record<string, string>, Options extends object = Record<never, never>>(
    definition: RuleDefinition<D, Messages, Options>,
  ): Rule<D> {
    const { meta, defaultOptions } = definition;
    const defaults = (defaultOptions ?? {}) as Record<string, unknown>;
    const described = (meta.options ?? {}) as Record<string, { description: string }>;
    for (const name of Object.keys(defaults)) {
      if (!(name in described)) throw new Error(`${meta.id}: option ${name} has a default but no description`);
    }
    const options = Object.keys(described).length
      ? Object.fromEntries(Object.entries(described).map(([name, { description }]) => [name, { description, default: defaults[name] }]))
      : undefined;
    const resolved = { ...meta, examples: meta.examples ?? { valid: [], invalid: [] }, ...(options ? { options } : {}) } as unknown as ResolvedMeta<D>;
    if (!options) delete resolved.options;
    return { meta: resolved, defaultOptions: defaults, create: definition.create as Rule<D>['create'] };
  };
}

/** A problem as the engine receives it, before the domain places it. */
export type ReportedProblem<D extends DomainTypes> = { messageId: string; data?: Readonly<Record<string, string | number>> } & ProblemBase & D['where'];

/** Where a domain puts a problem: the finding's location, and what it adds to the cost and related places. */
export interface Placement {
  location: Location;
  cost?: Cost;
  related?: RelatedLocation[];
}
