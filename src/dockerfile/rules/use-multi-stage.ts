import { buildToolKind, isToolchainImage } from '../knowledge/packages.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { fileSpan } from './util/edits.js';
import { bareName, packagesKept } from './util/packages.js';
import { isSingleStage } from './util/run.js';
import { buildSteps } from './util/builds.js';
import { toolCalls } from './util/tools.js';

const REMOVING = new Set(['remove', 'purge', 'del', 'erase', 'autoremove']);

export const useMultiStage = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-multi-stage',
    description: 'Build in a builder stage, ship only the result',
    severity: 'warning',
    rationale:
      'A single-stage Dockerfile that compiles ships everything the build needed: the SDK or compiler, headers, ' +
      'devDependencies, sources, intermediate objects and caches — often ten times the size of the program, and ' +
      'as many CVEs. A multi-stage build compiles in a `FROM golang AS build` (or node, maven, rust…) stage and ' +
      'copies only the artifact into a small runtime stage (`distroless`, `-slim`, `alpine`, a JRE), which also ' +
      'keeps build secrets and tools out of the image.',
    differences:
      'hadolint, Trivy, dockle and BuildKit have no such check. A build is recognised by what it runs (`go build`, ' +
      '`cargo build`, `mvn package`, `gradle build`, `dotnet publish`, `npm run build` and other build scripts, ' +
      '`ng/next/vite build`, compilers, `make`, `setup.py build`) or by build tools it installs and keeps (not ' +
      'counted on a base that is a toolchain already, such as `buildpack-deps` or `golang`); a RUN ' +
      'that builds from source and removes its build dependencies in the same RUN (the pattern of official ' +
      'images) is not reported. One finding per file; multi-stage builds are checked by ' +
      '`no-build-tools-in-final-stage` instead.',
    messages: {
      build: 'this single-stage build compiles here (`{command}`) and ships its toolchain: build in a builder stage and `COPY --from` only the result',
      tools: 'this single-stage build installs build tools ({packages}) that ship in the image: build in a builder stage and `COPY --from` only the result',
    },
    examples: {
      valid: [
        {
          code:
            'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app ./cmd/app\n' +
            'FROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
        },
      ],
      invalid: [{ code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app ./cmd/app\nENTRYPOINT ["/app"]\n' }],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    if (!isSingleStage(dockerfile)) return {};
    // on an SDK image (golang, maven, buildpack-deps…) extra build packages are expected; a build is not
    const toolchainBase = isToolchainImage(dockerfile.stages[0]!.base.value);
    let reported = false;
    return {
      RUN(instruction) {
        if (reported) return;
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const build = buildSteps(shell.script)[0];
        if (build) {
          const cleansUp = toolCalls(shell.script).some((call) => call.info.command.start > build.command.start && REMOVING.has(call.sub));
          if (!cleansUp) {
            reported = true;
            const end = build.effective?.args.slice(0, 2).at(-1)?.end ?? build.command.end;
            context.report({
              messageId: 'build',
              data: { command: shell.source.slice(build.command.start, end).replace(/\s+/g, ' ') },
              span: fileSpan(shell, build.command),
            });
            return;
          }
        }
        if (toolchainBase) return;
        const tools = packagesKept(dockerfile, instruction, shell).filter((pkg) => buildToolKind(pkg.family, pkg.name));
        if (tools.length === 0) return;
        reported = true;
        const names = [...new Set(tools.map((pkg) => bareName(pkg.name)))];
        context.report({
          messageId: 'tools',
          data: { packages: names.length > 4 ? `${names.slice(0, 4).join(', ')} and ${names.length - 4} more` : names.join(', ') },
          span: fileSpan(shell, tools[0]!.call.info.command),
        });
      },
    };
  },
});
