// Build steps in RUN scripts: the commands that compile or bundle software.
import type { CommandInfo, ShellScript } from '../../../shell/ast.js';
import { basename } from '../../../shell/commands.js';
import { memo, memoSlot } from './memo.js';
import { summaryOf, toolCallOf, type Tool } from './tools.js';

/** Programs that compile or bundle whenever they run. */
const COMPILERS = new Set(['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'javac', 'tsc', 'rustc', 'webpack', 'cmake', 'make', 'ninja']);
const BUILD_SCRIPT = /^(?:build|compile|bundle|dist)(?::|$)/;
const MAVEN_PHASES = new Set(['package', 'install', 'verify', 'compile']);
const GRADLE_TASKS = new Set(['build', 'assemble', 'bootJar', 'shadowJar', 'jar', 'installDist', 'distTar', 'bootWar', 'war']);
const PYTHON = /^python[\d.]*$/;
const FRAMEWORK_CLIS = new Set(['ng', 'next', 'vite', 'nuxt', 'vue-cli-service', 'react-scripts']);

/** The command builds software: a compiler run, `go build`, `mvn package`, `npm run build`… */
function builds(script: ShellScript, info: CommandInfo): boolean {
  const call = toolCallOf(script, info);
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
  return PYTHON.test(program) && effective.args[0]?.value === 'setup.py' && ['build', 'bdist_wheel', 'build_ext'].includes(effective.args[1]?.value ?? '');
}


/** Tools with build subcommands, and programs that build: a script with neither has no build step. */
const BUILD_TOOLS: readonly Tool[] = ['go', 'dotnet', 'cargo', 'mvn', 'gradle', 'npm', 'yarn', 'pnpm'];
const mayBuildWith = (program: string): boolean =>
  COMPILERS.has(program) || FRAMEWORK_CLIS.has(program) || program === 'npx' || PYTHON.test(program);

const BUILD_STEPS = memoSlot<CommandInfo[]>('build steps');

/** The build steps of a script, in source order (read once per script). */
export function buildSteps(script: ShellScript): CommandInfo[] {
  return memo(script, BUILD_STEPS, findBuildSteps);
}

function findBuildSteps(script: ShellScript): CommandInfo[] {
  const { programs, tools } = summaryOf(script);
  const mayBuild = BUILD_TOOLS.some((tool) => tools.has(tool)) || [...programs].some(mayBuildWith);
  return mayBuild ? script.commands.filter((info) => builds(script, info)) : [];
}
