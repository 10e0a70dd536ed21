import type { Instruction } from '../../parse/index.js';
import type { DockerfileRuleContext, DockerfileRuleVisitors } from '../../rule-domain.js';
import { isTrigger } from './stages.js';

/**
 * Visitors for an instruction of which only the last in a stage takes effect (CMD, ENTRYPOINT): each earlier
 * one is reported as overridden, with the line of the one that overrides it.
 */
export function reportOverridden(context: DockerfileRuleContext<{ overridden: `${string}{line}${string}` }>, keyword: 'CMD' | 'ENTRYPOINT'): DockerfileRuleVisitors {
  const lastInStage = new Map<number, Instruction>();
  return {
    [keyword](instruction: Instruction) {
      if (isTrigger(context.facts.dockerfile, instruction)) return;
      const previous = lastInStage.get(instruction.stageIndex);
      if (previous) context.report({ messageId: 'overridden', data: { line: instruction.line }, span: previous.span });
      lastInStage.set(instruction.stageIndex, instruction);
    },
  };
}
