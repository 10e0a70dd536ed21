import { defineDockerfileRule } from '../rule-domain.js';
import { reportOverridden } from './util/last-one-wins.js';

export const noMultipleCmd = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-multiple-cmd',
    description: 'Keep one CMD per stage',
    severity: 'warning',
    aliases: ['DL4003'],
    rationale:
      'Only the last CMD of a stage takes effect; an earlier one is dead code that misleads whoever reads the ' +
      'file, often a leftover of an edit.',
    differences:
      'As hadolint (DL4003) and BuildKit (MultipleInstructionsDisallowed), counted per stage, so each stage of a ' +
      'multi-stage build may have its own CMD. hadolint reports the later CMDs; shipshape reports the earlier ones, ' +
      'the ones that have no effect (the count is the same). ONBUILD CMDs are not counted.',
    messages: {
      overridden: 'this CMD has no effect: the CMD on line {line} overrides it (only the last CMD of a stage counts)',
    },
    examples: {
      valid: [{ code: 'FROM node:20 AS dev\nCMD ["npm", "run", "dev"]\nFROM node:20-slim\nCMD ["node", "server.js"]\n' }],
      invalid: [{ code: 'FROM node:20-slim\nCMD ["npm", "start"]\nCOPY . .\nCMD ["node", "server.js"]\n' }],
    },
  },
  create: (context) => reportOverridden(context, 'CMD'),
});
