import type { Instruction } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { earlierStage, expandAt, type FromReference, fromReferences, isTrigger, stageNamed } from './util/stages.js';

export const copyFromKnownStage = defineDockerfileRule({
  meta: {
    id: 'dockerfile/copy-from-known-stage',
    description: '`COPY --from` must name an earlier stage or an image',
    severity: 'error',
    aliases: ['DL3022'],
    rationale:
      'BuildKit reads a `--from` value that is no earlier stage as an image name: a typo in a stage name, or a ' +
      'stage defined further down, makes the build pull `docker.io/library/<name>:latest` — it fails, or worse, ' +
      'copies from an unrelated public image.',
    differences:
      'As hadolint (DL3022), a bare name must be a stage defined earlier (names compare case-insensitively, as ' +
      'BuildKit does) and `--from=<n>` must be an earlier stage index; a reference with a registry, path, tag or ' +
      'digest (`nginx:1.27`, `ghcr.io/org/tool`) is an image and accepted. shipshape also checks the `from=` of ' +
      '`RUN --mount`, which BuildKit resolves the same way, says when the name is the current stage or a later ' +
      'one, and expands build arguments first (a value only known at build time is not judged). ONBUILD triggers ' +
      'are skipped: they run in another build, with its own stages.',
    messages: {
      unknown: '`--from={name}` is no earlier stage: BuildKit would pull an image named `{name}`; define the stage first or give the image a tag',
      later: '`--from={name}` names a stage defined later (line {line}): a stage can only copy from stages above it',
      itself: '`--from={name}` names the stage it is in: a stage cannot copy from itself',
      index: '`--from={name}` is no earlier stage index: {hint}',
    },
    examples: {
      valid: [
        { code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n' },
        { code: 'FROM golang:1.22\nFROM scratch\nCOPY --from=0 /go/bin/app /app\n', description: 'by stage index' },
        { code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n', description: 'an image reference' },
      ],
      invalid: [
        { code: 'FROM alpine:3.20\nCOPY --from=biuld /app /app\n' },
        { code: 'FROM scratch\nCOPY --from=build /app /app\nFROM golang:1.22 AS build\n' },
        { code: 'FROM alpine:3.20 AS final\nRUN --mount=type=bind,from=final,target=/src ls /src\n' },
        { code: 'FROM golang:1.22\nCOPY --from=0 /x /x\n' },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    const check = (reference: FromReference): void => {
      const { instruction } = reference;
      const expanded = expandAt(dockerfile, reference.value, instruction);
      if (expanded.unresolved.length > 0) return;
      const name = expanded.value;
      const current = instruction.stageIndex;
      if (/^\d+$/.test(name)) {
        if (earlierStage(dockerfile, name, current)) return;
        context.report({
          messageId: 'index',
          data: {
            name,
            hint: current <= 0 ? 'no stage comes before this one' : `stages 0–${current - 1} come before this one`,
          },
          span: reference.span,
        });
        return;
      }
      // `/`, `:` or `@` make it an image reference; only a bare name can mean a stage.
      if (/[/:@]/.test(name) || earlierStage(dockerfile, name, current)) return;
      const lower = name.toLowerCase();
      const named = stageNamed(dockerfile, lower);
      if (named && named.index === current) context.report({ messageId: 'itself', data: { name }, span: reference.span });
      else if (named) context.report({ messageId: 'later', data: { name, line: named.from.line }, span: reference.span });
      else context.report({ messageId: 'unknown', data: { name }, span: reference.span });
    };
    const visit = (instruction: Instruction): void => {
      if (isTrigger(dockerfile, instruction)) return;
      for (const reference of fromReferences(instruction)) check(reference);
    };
    return { COPY: visit, RUN: visit };
  },
});
