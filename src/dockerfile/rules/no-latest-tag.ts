import { defineDockerfileRule } from '../rule-domain.js';
import { parseImageRef } from './util/image-ref.js';

export const noLatestTag = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-latest-tag',
    description: 'Do not build FROM an image tagged `latest`',
    severity: 'warning',
    aliases: ['DL3007'],
    rationale:
      '`latest` is whatever the publisher pushed last: the next build may get a new major version, another OS ' +
      'release or a broken image, and two builds of one commit can differ. A release tag (`node:20.11`) changes ' +
      'only when you change it; a digest (`@sha256:…`) never changes.',
    differences:
      'As hadolint (DL3007) and Trivy (DS-0001): `name:latest@sha256:…` is accepted, the digest pins the content. ' +
      'A base whose tag comes from a build argument is judged on its default value; `${IMAGE}:latest` is reported ' +
      'even when the image name is only known at build time. A FROM without any tag is `dockerfile/use-explicit-tag`.',
    messages: {
      latest: '`{image}` uses the `latest` tag: pin a release tag (or a digest) so builds are repeatable',
    },
    examples: {
      valid: [
        { code: 'FROM debian:bookworm-slim\n' },
        { code: 'FROM debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n', description: 'a digest pins the content' },
      ],
      invalid: [
        { code: 'FROM debian:latest AS build\n' },
        { code: 'ARG NODE_TAG=latest\nFROM node:${NODE_TAG}\n', description: 'build arguments are expanded with their defaults' },
      ],
    },
  },
  create(context) {
    return {
      FROM(instruction) {
        const stage = context.facts.dockerfile.stages[instruction.stageIndex];
        const image = instruction.args[0];
        if (!stage || stage.from !== instruction || stage.baseStage || !image) return;
        let latest: boolean;
        if (stage.base.unresolved.length > 0) {
          latest = /:latest$/i.test(stage.baseText) && !stage.baseText.includes('@');
        } else {
          const ref = parseImageRef(stage.base.value);
          latest = ref?.tag === 'latest' && ref.digest === undefined;
        }
        if (latest) context.report({ messageId: 'latest', data: { image: stage.base.value }, span: image.span });
      },
    };
  },
});
