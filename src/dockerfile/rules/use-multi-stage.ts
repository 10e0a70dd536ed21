import type { CommandInfo } from '../../shell/ast.js';
import { basename } from '../../shell/commands.js';
import { buildToolKind, isToolchainImage } from '../knowledge/packages.js';
import type { DockerfileRule } from '../rule.js';
import { fileSpan } from './util/edits.js';
import { bareName, packagesKept } from './util/packages.js';
import { isSingleStage } from './util/run.js';
import { toolCall, toolCalls } from './util/tools.js';

/** Programs that compile or bundle whenever they run. */
const COMPILERS = new Set(['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'javac', 'tsc', 'rustc', 'webpack', 'cmake', 'make', 'ninja']);
const BUILD_SCRIPT = /^(?:build|compile|bundle|dist)(?::|$)/;
const MAVEN_PHASES = new Set(['package', 'install', 'verify', 'compile']);
const GRADLE_TASKS = new Set(['build', 'assemble', 'bootJar', 'shadowJar', 'jar', 'installDist', 'distTar', 'bootWar', 'war']);
const FRAMEWORK_CLIS = new Set(['ng', 'next', 'vite', 'nuxt', 'vue-cli-service', 'react-scripts']);

/** The command builds software: a compiler run, `go build`, `mvn package`, `npm run build`… */
function builds(info: CommandInfo): boolean {
  const call = toolCall(info);
  if (call) {
    switch (call.tool) {
      case 'go':
      case 'dotnet':
        return call.sub === 'build' || call.sub === 'publish';
      case 'cargo':
        return call.sub === 'build' || call.sub === 'install' || call.sub === 'b';
      case 'mvn':
        return call.parsed.operands.some((word) => MAVEN_PHASES.has(word.value ?? ''));
      case 'gradle':
        return call.parsed.operands.some((word) => GRADLE_TASKS.has(word.value ?? ''));
      case 'npm':
      case 'yarn':
      case 'pnpm': {
        const script = call.sub === 'run' || call.sub === 'run-script' ? call.operands[0]?.value : call.tool !== 'npm' ? call.sub : undefined;
        return script !== undefined && BUILD_SCRIPT.test(script);
      }
      default:
        return false;
    }
  }
  const effective = info.effective;
  const name = effective?.name.value;
  if (!effective || name === undefined) return false;
  const program = basename(name);
  if (COMPILERS.has(program)) return true;
  if (FRAMEWORK_CLIS.has(program) || program === 'npx') {
    const args = program === 'npx' ? effective.args.slice(1) : effective.args;
    return args.some((word) => word.value === 'build');
  }
  return /^python[\d.]*$/.test(program) && effective.args[0]?.value === 'setup.py' && ['build', 'bdist_wheel', 'build_ext'].includes(effective.args[1]?.value ?? '');
}

const REMOVING = new Set(['remove', 'purge', 'del', 'erase', 'autoremove']);

export const useMultiStage: DockerfileRule = {
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
    const { dockerfile } = context;
    if (!isSingleStage(dockerfile)) return {};
    // on an SDK image (golang, maven, buildpack-deps…) extra build packages are expected; a build is not
    const toolchainBase = isToolchainImage(dockerfile.stages[0]!.base.value);
    let reported = false;
    return {
      RUN(instruction) {
        if (reported) return;
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        const { commands } = shell.script;
        const build = commands.find(builds);
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
};
