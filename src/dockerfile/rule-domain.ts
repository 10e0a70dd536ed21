// The Dockerfile domain of the rule contract (src/core/rule.ts): its facts are the parsed file, its visitors the instructions by
// keyword, and a problem is a span of the file's text.
import { ruleDefiner, type RuleContext as ContractContext, type Rule, type Visitors } from '../core/rule.js';
import type { Dockerfile, Instruction, InstructionKeyword, Span, Stage } from './parse/index.js';

export type { RuleFix } from '../core/rule.js';

export interface DockerfileFacts {
  readonly dockerfile: Dockerfile;
  /** The stage the image that ships is built from: the build's declared target, else the last one. */
  readonly finalStage: Stage | undefined;
}

type KeywordVisitors = { [K in InstructionKeyword]?: (instruction: Instruction) => void };

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
  example: { code: string };
}

export type DockerfileRule = Rule<DockerfileDomain>;
export type DockerfileRuleVisitors = Visitors<DockerfileDomain>;
export type DockerfileRuleContext<Messages extends Record<string, string> = Record<string, string>, Options = Record<string, unknown>> = ContractContext<
  DockerfileDomain,
  Messages,
  Options
>;
export type DockerfileRuleExample = DockerfileRule['meta']['examples']['valid'][number];

export const defineDockerfileRule = ruleDefiner<DockerfileDomain>();
export type DockerfileRuleMeta = DockerfileRule['meta'];
