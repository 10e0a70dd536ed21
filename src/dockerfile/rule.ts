import type { Cost, Edit, FixKind } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { Dockerfile, Instruction, InstructionKeyword, Span, Stage } from './parse/index.js';

/** A Dockerfile example in a rule's metadata: it runs as a test and renders in the docs. */
export interface RuleExample {
  code: string;
  /** What the example shows, for the docs. */
  description?: string;
  /** For invalid examples of fixable rules: the text after `shipshape fix` (with `--unsafe` for unsafe fixes). */
  output?: string;
  /** Rule options for this example. */
  options?: Record<string, unknown>;
}

export interface DockerfileRuleMeta extends RuleMeta {
  /** Message templates by id; `{name}` placeholders are filled from the report's `data`. */
  messages: Record<string, string>;
  examples: {
    valid: RuleExample[];
    invalid: RuleExample[];
  };
}

export interface RuleFix {
  description: string;
  edits: Edit[];
  /** Defaults to the rule's `meta.fixable`. */
  kind?: FixKind;
}

export interface ProblemReport {
  messageId: string;
  data?: Record<string, string | number>;
  /** Where the problem is, in file offsets. */
  span: Span;
  fix?: RuleFix;
  cost?: Cost;
}

export interface RuleContext {
  readonly dockerfile: Dockerfile;
  readonly options: Readonly<Record<string, unknown>>;
  /** The stage the image is built from: the last one (the default target). */
  readonly finalStage: Stage | undefined;
  report(problem: ProblemReport): void;
}

type KeywordVisitors = { [K in InstructionKeyword]?: (instruction: Instruction) => void };

/**
 * What a rule listens to during the single pass over a Dockerfile: instructions by keyword (an ONBUILD
 * trigger is visited as its own keyword too), every instruction, and the end of the file, where rules
 * that collect facts decide.
 */
export interface RuleVisitors extends KeywordVisitors {
  instruction?(instruction: Instruction): void;
  end?(): void;
}

export interface DockerfileRule {
  meta: DockerfileRuleMeta;
  create(context: RuleContext): RuleVisitors;
}
