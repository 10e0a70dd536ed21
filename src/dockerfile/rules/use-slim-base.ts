import { slimAdvice } from '../knowledge/images.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { withTag } from './util/image-ref.js';
import { stageBase } from './util/stages.js';

export const useSlimBase = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-slim-base',
    description: 'Run the final stage on a slim base, not a full image or a toolchain',
    severity: 'warning',
    fixable: 'unsafe',
    rationale:
      'The full official images carry compilers, headers, man pages and hundreds of packages an application ' +
      'does not use at run time: `python:3.12` is about 1 GB, `python:3.12-slim` about 130 MB. Every extra ' +
      'package is pulled on each deploy and scanned for CVEs forever. Toolchain images (`golang`, `rust`, ' +
      '`maven`, the .NET SDK) belong in a builder stage; only the artifact needs to ship.',
    differences:
      'No other linter suggests a slimmer base offline (Docker Scout does, with an account and registry data). ' +
      'Only the final stage is checked — builder stages may use full images, their content does not ship — and a ' +
      'final stage built `FROM` an earlier stage is judged by the image that chain starts from. The fix rewrites ' +
      'the tag to the same family and OS release (`node:20-bookworm` → `node:20-bookworm-slim`, `python:3.12` → ' +
      '`python:3.12-slim`, `eclipse-temurin:17-jdk` → `17-jre`); it is unsafe because packages the slim image ' +
      'lacks (gcc, git, curl…) may then be missing. Toolchains are reported without a fix: the remedy is a ' +
      'multi-stage build. Not reported: `php` (its Debian tags already build on `debian:*-slim`; the leaner tags ' +
      'are Alpine, a change of libc and package manager), `ubuntu` (no slim tag exists), Windows images, and ' +
      'images outside the official library, whose variants are unknown.',
    links: [{ measuredBy: 'base-layers' }],
    messages: {
      fullBase: 'the final stage runs on `{image}`, a full image: use `{suggestion}` — {advice}',
      toolchain: 'the final stage runs on the toolchain image `{image}`: {advice}',
    },
    examples: {
      valid: [
        { code: 'FROM python:3.12-slim\n' },
        { code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n', description: 'the toolchain stays in the builder stage' },
        { code: 'FROM php:8.3-apache\n', description: "php's Debian images are already built on debian-slim" },
      ],
      invalid: [
        { code: 'FROM node:20-bookworm\nCMD ["node", "server.js"]\n', output: 'FROM node:20-bookworm-slim\nCMD ["node", "server.js"]\n' },
        { code: 'FROM python:3.12 AS base\nFROM base\nCMD ["python", "app.py"]\n', output: 'FROM python:3.12-slim AS base\nFROM base\nCMD ["python", "app.py"]\n', description: 'the chain of stages is followed to its image' },
        { code: 'FROM golang:1.22\nRUN go build -o /app .\nCMD ["/app"]\n', description: 'a toolchain as the runtime image: no fix, split the build' },
      ],
    },
  },
  create(context) {
    return {
      end() {
        const final = context.facts.finalStage;
        if (!final) return;
        const base = stageBase(final);
        if (!base.image) return;
        const advice = slimAdvice(base.image);
        if (!advice) return;
        const root = base.root;
        const word = root.from.args[0];
        if (!word) return;
        const image = root.base.value;
        if (advice.kind === 'toolchain') {
          context.report({ messageId: 'toolchain', data: { image, advice: advice.advice }, span: word.span });
          return;
        }
        const suggestion = withTag(base.image, advice.tag);
        const rewritable = root.baseText === image && base.image.digest === undefined;
        context.report({
          messageId: 'fullBase',
          data: { image, suggestion, advice: advice.advice },
          span: word.span,
          fix: rewritable
            ? { description: `use ${suggestion}`, edits: [{ range: [word.span.start, word.span.end], text: suggestion }] }
            : undefined,
        });
      },
    };
  },
});
