import type { Dockerfile } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { stageBase } from './util/stages.js';

const DIGEST = /^sha(256:[a-f0-9]{64}|512:[a-f0-9]{128})$/;

/**
 * The base image reference of the final stage that this rule would pin, as written (build arguments
 * expanded), or undefined when there is nothing to pin. A caller with registry access resolves it to a
 * digest and passes `{ digests: { [reference]: 'sha256:…' } }` as the rule's options to get the fix.
 */
export function digestPinCandidate(dockerfile: Dockerfile): string | undefined {
  const final = dockerfile.stages.at(-1);
  if (!final) return undefined;
  const base = stageBase(final);
  if (!base.image || base.image.digest !== undefined) return undefined;
  return base.root.base.value;
}

export const useDigestPin = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-digest-pin',
    description: "Pin the final stage's base image by digest",
    severity: 'info',
    fixable: 'safe',
    rationale:
      'A tag is a pointer the publisher can move: `node:20-slim` is rebuilt every few days with new packages. ' +
      'A digest (`node:20-slim@sha256:…`) names exact content, so a rebuild of the same commit gives the same ' +
      'runtime, and a compromised or broken re-push cannot reach you. Keep the tag beside it for readers and ' +
      'for update tools (Renovate, Dependabot) that refresh digests.',
    differences:
      'hadolint has no such rule (requests #773 and #1227 are open); Docker Scout only reports a moved tag. ' +
      'Only the final stage is checked: it is what ships, while builder stages only change what gets built. ' +
      'The fix needs the registry: `shipshape fix --pin-digests` asks it for the digest the tag points to now ' +
      '(the index digest for a multi-platform image, so the pin works on every platform) and writes ' +
      '`image:tag@sha256:…`; library callers pass the resolved digest in the `digests` option. Without it the rule ' +
      'only reports. A base whose text uses variables or quotes is reported but not rewritten.',
    options: {
      digests: {
        description: 'Resolved digests by image reference (`{"node:20-slim": "sha256:…"}`), from a registry lookup',
      },
    },
    messages: {
      unpinned: "the final image's base `{image}` is not pinned by digest: the tag can move to other content",
    },
    examples: {
      valid: [
        { code: 'FROM node:20-slim@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n' },
        { code: 'FROM golang:1.22 AS build\nFROM scratch\n', description: 'scratch has no content to pin; builder stages are not checked' },
      ],
      invalid: [
        {
          code: 'FROM node:20-slim\n',
          options: { digests: { 'node:20-slim': 'sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb' } },
          output: 'FROM node:20-slim@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n',
          description: 'with the digest resolved from the registry',
        },
        { code: 'FROM golang:1.22 AS build\nFROM alpine:3.20 AS base\nFROM base\n', description: 'the final stage builds on `base`, which is `alpine:3.20`' },
      ],
    },
  },
  defaultOptions: { digests: {} as Readonly<Record<string, string>> },
  create(context) {
    return {
      end() {
        const final = context.facts.finalStage;
        if (!final) return;
        const base = stageBase(final);
        if (!base.image || base.image.digest !== undefined) return;
        const from = base.root.from;
        const word = from.args[0];
        if (!word) return;
        const reference = base.root.base.value;
        const digests: Readonly<Record<string, unknown>> = context.options.digests;
        const digest = digests[reference];
        const literal = base.root.baseText === reference;
        context.report({
          messageId: 'unpinned',
          data: { image: reference },
          span: word.span,
          fix:
            literal && typeof digest === 'string' && DIGEST.test(digest)
              ? {
                  description: `pin ${reference} to ${digest}`,
                  edits: [{ range: [word.span.end, word.span.end], text: `@${digest}` }],
                }
              : undefined,
        });
      },
    };
  },
});
