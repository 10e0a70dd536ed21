import { defineDockerfileRule } from '../rule-domain.js';
import { isScratch, parseImageRef } from './util/image-ref.js';

export const useExplicitTag = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-explicit-tag',
    description: 'Give every base image an explicit tag or digest',
    severity: 'warning',
    aliases: ['DL3006'],
    rationale:
      'An image without a tag means `latest`: the build silently follows whatever the publisher pushes next. ' +
      'Naming the version makes upgrades a visible change in the Dockerfile.',
    differences:
      'As hadolint (DL3006): `scratch` and earlier stage names (case-insensitive, as BuildKit compares them) need ' +
      'no tag, and a digest is as good as a tag. Build arguments are expanded with their defaults first, so ' +
      '`ARG IMAGE=debian` + `FROM $IMAGE` is reported; a variable without a value in the image name is not, since ' +
      'its tag is only known at build time.',
    messages: {
      untagged: '`{image}` has no tag: the build gets whatever `latest` is that day; pin a release tag',
    },
    examples: {
      valid: [
        { code: 'FROM debian:bookworm-slim\n' },
        { code: 'FROM golang:1.22 AS build\nFROM build AS test\n', description: 'an earlier stage needs no tag' },
        { code: 'FROM scratch\n' },
        { code: 'ARG BASE\nFROM ${BASE}\n', description: 'the image is only known at build time' },
      ],
      invalid: [
        { code: 'FROM debian\n' },
        { code: 'ARG BASE=node\nFROM $BASE AS app\n', description: 'the default of a build argument has no tag' },
      ],
    },
  },
  create(context) {
    return {
      FROM(instruction) {
        const stage = context.facts.dockerfile.stages[instruction.stageIndex];
        const image = instruction.args[0];
        if (!stage || stage.from !== instruction || stage.baseStage || !image) return;
        let untagged: boolean;
        if (stage.base.unresolved.length > 0) {
          // A variable in the last path component may carry the tag; elsewhere it cannot.
          const lastComponent = stage.baseText.slice(stage.baseText.lastIndexOf('/') + 1);
          untagged = !lastComponent.includes('$') && !lastComponent.includes(':') && !stage.baseText.includes('@');
        } else {
          if (isScratch(stage.base.value)) return;
          const ref = parseImageRef(stage.base.value);
          untagged = ref !== undefined && ref.tag === undefined && ref.digest === undefined;
        }
        if (untagged) context.report({ messageId: 'untagged', data: { image: stage.base.unresolved.length > 0 ? stage.baseText : stage.base.value }, span: image.span });
      },
    };
  },
});
