import { defineDockerfileRule } from '../rule-domain.js';
import { reportOverridden } from './util/last-one-wins.js';

export const noMultipleEntrypoint = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-multiple-entrypoint',
    description: 'Keep one ENTRYPOINT per stage',
    severity: 'warning',
    aliases: ['DL4004'],
    rationale:
      'Only the last ENTRYPOINT of a stage takes effect; an earlier one is dead code that misleads whoever reads ' +
      'the file, often a leftover of an edit.',
    differences:
      'As hadolint (DL4004) and BuildKit (MultipleInstructionsDisallowed), counted per stage. hadolint reports the ' +
      'later ENTRYPOINTs; shipshape reports the earlier ones, the ones that have no effect (the count is the ' +
      'same). ONBUILD ENTRYPOINTs are not counted.',
    messages: {
      overridden: 'this ENTRYPOINT has no effect: the ENTRYPOINT on line {line} overrides it (only the last of a stage counts)',
    },
    examples: {
      valid: [{ code: 'FROM alpine:3.20 AS a\nENTRYPOINT ["/a"]\nFROM alpine:3.20\nENTRYPOINT ["/b"]\n' }],
      invalid: [{ code: 'FROM alpine:3.20\nENTRYPOINT ["/a"]\nENTRYPOINT ["/b"]\n' }],
    },
  },
  create: (context) => reportOverridden(context, 'ENTRYPOINT'),
});
