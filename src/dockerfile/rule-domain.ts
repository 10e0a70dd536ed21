// The Dockerfile domain of the rule contract (src/core/rule.ts): its facts are the parsed file, its visitors the instructions by
// keyword, and a problem is a span of the file's text.
import { ruleDefiner, type RuleContext as ContractContext, type Rule, type Visitors } from '../core/rule.js';
import type { Dockerfile, Instruction, InstructionKeyword, InstructionOf, RunInstruction, Span, Stage } from './parse/index.js';
import type { RunScript } from './rules/util/tools.js';

export type { RuleFix } from '../core/rule.js';

export interface DockerfileFacts {
  readonly dockerfile: Dockerfile;
  /** The stage the image that ships is built from: the build's declared target, else the last one. */
  readonly finalStage: Stage | undefined;
  /**
   * The shell script of a RUN (POSIX shell, shell form) with what it runs: the programs, the package managers and
   * build tools and their command lines. Read once per instruction, whichever rule asks first; undefined when
   * the RUN runs no POSIX shell script.
   */
  script(run: RunInstruction): RunScript | undefined;
}

/** Each keyword's visitor receives that keyword's typed instruction (`RUN(run)` a RunInstruction). */
type KeywordVisitors = { [K in InstructionKeyword]?: (instruction: InstructionOf<K>) => void };

/**
 * What a rule listens to during the single pass over a Dockerfile: instructions by keyword (an ONBUILD
 * trigger is visited as its own keyword too), every instruction, and the end of the file, where rules
 * that collect facts decide.
 */
export interface InstructionVisitors extends KeywordVisitors {
  instruction?(instruction: Instruction): void;
}

export interface DockerfileDomain {
  facts: DockerfileFacts;
  visitors: InstructionVisitors;
  /** Where the problem is, in file offsets. */
  where: { span: Span };
  /** A Dockerfile's text; for an invalid example whose findings carry a fix, the text after `shipshape fix`. */
  example: { code: string; output?: string };
  /** 1-based, end exclusive, as the finding's location. */
  at: { line: number; column: number; endLine: number; endColumn: number };
}

export type DockerfileRule = Rule<DockerfileDomain>;
export type DockerfileRuleVisitors = Visitors<DockerfileDomain>;
export type DockerfileRuleContext<Messages extends Record<string, string> = Record<string, string>, Options = Record<string, unknown>> = ContractContext<
  DockerfileDomain,
  Messages,
  Options
>;
export type DockerfileRuleExample = DockerfileRule['meta']['examples']['valid'][number];
export type InvalidDockerfileRuleExample = DockerfileRule['meta']['examples']['invalid'][number];

export const defineDockerfileRule = ruleDefiner<DockerfileDomain>();
export type DockerfileRuleMeta = DockerfileRule['meta'];
