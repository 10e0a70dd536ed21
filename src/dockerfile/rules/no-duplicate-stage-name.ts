import { defineDockerfileRule } from '../rule-domain.js';
import { stageNamed } from './util/stages.js';

export const noDuplicateStageName = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-duplicate-stage-name',
    description: 'Give every stage its own name',
    severity: 'error',
    aliases: ['DL3024', 'DuplicateStageName'],
    rationale:
      'BuildKit refuses a Dockerfile where two stages share a name (`duplicate stage name`); older builders ' +
      'silently let `COPY --from` and `--target` pick one of them.',
    differences: 'As hadolint (DL3024) and BuildKit (DuplicateStageName): names compare case-insensitively, as the builder does.',
    messages: {
      duplicate: 'stage name `{name}` is already used by the stage on line {line}',
    },
    examples: {
      valid: [{ code: 'FROM node:20 AS build\nFROM node:20-slim AS runtime\n' }],
      invalid: [{ code: 'FROM node:20 AS build\nFROM node:20-slim AS Build\n', description: 'stage names are case-insensitive' }],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    const { stages } = dockerfile;
    return {
      FROM(instruction) {
        const stage = stages[instruction.stageIndex];
        if (!stage || stage.from !== instruction || stage.name === undefined) return;
        const first = stageNamed(dockerfile, stage.name);
        if (!first || first === stage) return;
        const nameWord = instruction.args[2] ?? instruction.args[0]!;
        context.report({ messageId: 'duplicate', data: { name: stage.nameText ?? stage.name, line: first.from.line }, span: nameWord.span });
      },
    };
  },
});
