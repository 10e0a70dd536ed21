import { buildToolKind, isToolchainImage } from '../knowledge/packages.js';
import type { Stage } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { fileSpan } from './util/edits.js';
import { bareName, packagesKept } from './util/packages.js';
import { isSingleStage, reachesFinalImage } from './util/run.js';

function listed(names: string[]): string {
  const shown = names.slice(0, 4).join(', ');
  return names.length > 4 ? `${shown} and ${names.length - 4} more` : shown;
}

export const noBuildToolsInFinalStage = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-build-tools-in-final-stage',
    description: 'Keep compilers, build toolchains and -dev headers out of the final stage',
    severity: 'warning',
    rationale:
      'Compilers, `make`/`cmake`, `build-essential`/`build-base` and `-dev`/`-devel` header packages are needed to ' +
      'build software, not to run it. In the image that ships they add tens to hundreds of MB, hundreds of CVEs ' +
      'to triage, and tools an attacker can use to build exploits inside the container. Install them in a ' +
      'builder stage and `COPY --from` only the result; when the final stage must compile something, remove the ' +
      'build packages in the same RUN (`apk add --virtual .build-deps … && apk del .build-deps`, ' +
      '`apt-get purge -y --auto-remove …`). Runtime libraries have their own packages (`libpq5`, not `libpq-dev`).',
    differences:
      'hadolint, Trivy and dockle have no such check (dockle reads the built image; shipshape\'s image rules do ' +
      'too). Only multi-stage builds are checked — the final stage and the stages it is built `FROM`; a ' +
      'single-stage build that compiles is reported by `use-multi-stage` instead. Packages removed again in the ' +
      'same RUN (by name, through an apk `--virtual` group, or with the apt-mark auto / autoremove idiom) do not ' +
      'count, and variables are read through the ARG/ENV values in scope. A final stage built on a toolchain ' +
      'image (`golang`, `rust`, `gcc`, `maven`, `buildpack-deps`, a JDK, the .NET SDK) is an SDK image by design ' +
      'and is not checked. ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      tools:
        'the final image keeps build tools installed here ({packages}): install them in a builder stage and `COPY --from` the result, or remove them in this RUN',
    },
    examples: {
      valid: [
        {
          code:
            'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app ./cmd/app\n' +
            'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*\n' +
            'COPY --from=build /app /app\n',
        },
        {
          description: 'build dependencies removed in the same RUN',
          code:
            'FROM python:3.12-alpine AS base\nFROM base\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n' +
            ' && pip install --no-cache-dir psycopg2 \\\n && apk del .build-deps\n',
        },
      ],
      invalid: [
        {
          code:
            'FROM node:20 AS assets\nRUN npm ci && npm run build\n' +
            'FROM python:3.12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    const final = context.facts.finalStage;
    if (isSingleStage(dockerfile) || !final) return {};
    // an SDK or compiler image is meant to build things: its base, not a RUN, is what makes it big
    for (let stage: Stage | undefined = final; stage; stage = stage.baseStage) {
      if (!stage.baseStage && isToolchainImage(stage.base.value)) return {};
    }
    return {
      RUN(instruction) {
        if (!reachesFinalImage(dockerfile, instruction, context.facts.finalStage)) return;
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const tools = packagesKept(dockerfile, instruction, shell).filter((pkg) => buildToolKind(pkg.family, pkg.name));
        if (tools.length === 0) return;
        const first = tools[0]!.call;
        context.report({
          messageId: 'tools',
          data: { packages: listed([...new Set(tools.map((pkg) => bareName(pkg.name)))]) },
          span: fileSpan(shell, first.info.command),
        });
      },
    };
  },
});
