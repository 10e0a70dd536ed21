import type { Edit } from '../../core/finding.js';
import type { Dockerfile, Instruction, RunShell, Stage } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { hasOption, optionsNamed } from './util/args.js';
import { buildSteps } from './util/builds.js';
import { fileSpan, insertAfterWord } from './util/edits.js';
import { environmentValue } from './util/env.js';
import { memo, memoSlot } from './util/memo.js';
import { reachesFinalImage, StageMarks } from './util/run.js';
import { positionInStage } from './util/stages.js';
import { toolCalls, type ToolCall } from './util/tools.js';

/** Requirement files and extras for development: `requirements-dev.txt`, `requirements/test.txt`, `.[dev]`. */
const DEV_NAME = /(?:^|[-_./[,])(?:dev|devel|develop|development|test|tests|testing|lint|docs|ci)(?:[-_.\],]|$)/i;
const NPM_INSTALLS = new Set(['ci', 'install', 'i', 'in', 'clean-install', 'install-clean']);
const BUNDLE_CONFIGURED = /\bbundle\s+config\s+(?:set\s+)?(?:--(?:local|global)\s+)?without\b/;
const TRUE = /^(?:true|1|yes|on)?$/i;

/** What a dev-dependency install is missing, and how to add it (undefined when no safe-ish flag exists). */
interface DevInstall {
  call: ToolCall;
  /** What to add, for the message. */
  remedy: string;
  edit: Edit | undefined;
}

const LAST_BUILD = memoSlot<number>('position of the last RUN that builds');

/** The position of the stage's last RUN with a build step (-1 if none), found once per stage, not once per finding. */
function lastBuildIn(dockerfile: Dockerfile, stage: Stage): number {
  return memo(stage, LAST_BUILD, ({ instructions }) => {
    for (let i = instructions.length - 1; i >= 0; i--) {
      const shell = instructions[i]!.keyword === 'RUN' ? dockerfile.shellOf(instructions[i]!) : undefined;
      if (shell !== undefined && buildSteps(shell.script).length > 0) return i;
    }
    return -1;
  });
}

function flagEdit(dockerfile: Dockerfile, shell: RunShell, call: ToolCall, flag: string): Edit | undefined {
  return insertAfterWord(dockerfile, shell, call.subcommand ?? call.program, flag);
}

function optionTrue(call: ToolCall, names: readonly string[]): boolean {
  return optionsNamed(call.parsed, names).some((option) => TRUE.test(option.value ?? ''));
}

export const noDevDependencies = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-dev-dependencies',
    description: 'Install only production dependencies in the final stage',
    severity: 'warning',
    fixable: 'unsafe',
    rationale:
      'Test runners, linters, type checkers, bundlers and their dependency trees are often larger than the ' +
      'application\'s own dependencies, and each is more code with CVEs in the image that ships. Install them ' +
      'in a builder stage; in the final stage install production dependencies only: `npm ci --omit=dev`, ' +
      '`yarn install --production`, `pnpm install --prod`, `poetry install --only main`, `uv sync --no-dev`, ' +
      '`bundle install` with `BUNDLE_WITHOUT=development:test`, `composer install --no-dev`, and no ' +
      '`requirements-dev.txt`.',
    differences:
      'hadolint, Trivy and dockle have no such check. Only the final stage and the stages it is built `FROM` are ' +
      'checked. `NODE_ENV=production` (ENV, on the command or exported) counts for npm, yarn and pnpm, as do ' +
      '`npm_config_omit`/`npm_config_production`, `BUNDLE_WITHOUT`, `bundle config set without`, ' +
      '`COMPOSER_NO_DEV` and `npm prune --omit=dev` later in the RUN. Global installs and installs of named ' +
      'packages are not dependency installs. The fix adds the production flag; it is not offered when a build ' +
      'step later in the stage needs the development dependencies (the stage should be split instead), for ' +
      'Yarn 2+ (`--immutable`), or for requirement files and extras, whose production equivalent is unknown. ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      dev: 'the final image gets development dependencies: `{command}` installs them — {remedy}',
    },
    examples: {
      valid: [
        { code: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n' },
        { code: 'FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci\n' },
      ],
      invalid: [
        { code: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n', output: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\n' },
        {
          code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements-dev.txt\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    const bundleConfigured = new StageMarks(dockerfile);
    /** Reported at the end, once it is known whether a build later in the stage needs the dependencies. */
    const pending: { instruction: Instruction; found: DevInstall; shell: RunShell }[] = [];

    function buildFollows(run: Instruction, shell: RunShell, call: ToolCall): boolean {
      if (buildSteps(shell.script).some((step) => step.command.start > call.info.command.start)) return true;
      const stage = dockerfile.stages[run.stageIndex];
      if (!stage) return false;
      const at = positionInStage(stage, run);
      return at >= 0 && lastBuildIn(dockerfile, stage) > at;
    }

    function devInstall(instruction: Instruction, shell: RunShell, call: ToolCall): DevInstall | undefined {
      const { commands } = shell.script;
      const env = (name: string) => environmentValue(dockerfile, instruction, commands, call.info, name);
      const nodeProduction = () => env('NODE_ENV') === 'production';
      switch (call.tool) {
        case 'npm': {
          if (!NPM_INSTALLS.has(call.sub) || call.operands.length > 0 || hasOption(call.parsed, ['g', 'global'])) return undefined;
          const omit = optionsNamed(call.parsed, ['omit']).some((option) => option.value === 'dev');
          const only = optionsNamed(call.parsed, ['only']).some((option) => /^prod/.test(option.value ?? ''));
          if (omit || only || optionTrue(call, ['production']) || nodeProduction()) return undefined;
          if (/(^|,)dev(,|$)/.test(env('npm_config_omit') ?? env('NPM_CONFIG_OMIT') ?? '')) return undefined;
          if (TRUE.test(env('npm_config_production') ?? env('NPM_CONFIG_PRODUCTION') ?? 'no')) return undefined;
          const pruned = toolCalls(shell.script).some(
            (other) =>
              other.tool === 'npm' &&
              other.sub === 'prune' &&
              other.info.command.start > call.info.command.start &&
              (optionTrue(other, ['production']) || optionsNamed(other.parsed, ['omit']).some((option) => option.value === 'dev')),
          );
          if (pruned) return undefined;
          return { call, remedy: 'add `--omit=dev`', edit: flagEdit(dockerfile, shell, call, '--omit=dev') };
        }
        case 'yarn': {
          const installs = (call.subcommand === undefined && !hasOption(call.parsed, ['version', 'v', 'help', 'h'])) || call.sub === 'install';
          if (!installs || optionTrue(call, ['production', 'prod']) || nodeProduction()) return undefined;
          const berry = hasOption(call.parsed, ['immutable', 'immutable-cache']);
          return berry
            ? { call, remedy: 'use `yarn workspaces focus --production`', edit: undefined }
            : { call, remedy: 'add `--production`', edit: flagEdit(dockerfile, shell, call, '--production') };
        }
        case 'pnpm':
          if ((call.sub !== 'install' && call.sub !== 'i') || hasOption(call.parsed, ['prod', 'P', 'production']) || nodeProduction()) return undefined;
          return { call, remedy: 'add `--prod`', edit: flagEdit(dockerfile, shell, call, '--prod') };
        case 'pip': {
          if (call.sub !== 'install') return undefined;
          const files = optionsNamed(call.parsed, ['r', 'requirement']).map((option) => option.value ?? '');
          const editable = optionsNamed(call.parsed, ['e', 'editable']).map((option) => option.value ?? '');
          const dev = [...files.filter((file) => DEV_NAME.test(file.slice(file.lastIndexOf('/') + 1)) || /\/(?:dev|test)[^/]*$/.test(file))];
          const extras = [...editable, ...call.operands.map((word) => word.value ?? '')].filter((spec) => /\[[^\]]*\]/.test(spec) && DEV_NAME.test(spec.slice(spec.indexOf('['))));
          const what = dev[0] ?? extras[0];
          return what ? { call, remedy: `install production requirements only (not \`${what}\`)`, edit: undefined } : undefined;
        }
        case 'poetry': {
          if (call.sub !== 'install') return undefined;
          const only = optionsNamed(call.parsed, ['only']).some((option) => option.value === 'main');
          const without = optionsNamed(call.parsed, ['without']).some((option) => /(^|,)dev(,|$)/.test(option.value ?? ''));
          if (only || without || hasOption(call.parsed, ['no-dev', 'only-root'])) return undefined;
          return { call, remedy: 'add `--only main`', edit: flagEdit(dockerfile, shell, call, '--only main') };
        }
        case 'pipenv':
          return call.sub === 'install' && hasOption(call.parsed, ['dev', 'd']) ? { call, remedy: 'drop `--dev`', edit: undefined } : undefined;
        case 'uv':
          if (call.sub !== 'sync' || hasOption(call.parsed, ['no-dev', 'only-group', 'no-default-groups']) || TRUE.test(env('UV_NO_DEV') ?? 'no')) return undefined;
          return { call, remedy: 'add `--no-dev`', edit: flagEdit(dockerfile, shell, call, '--no-dev') };
        case 'bundle': {
          if (call.sub !== 'install' || bundleConfigured.has(instruction)) return undefined;
          const without = [...optionsNamed(call.parsed, ['without']).map((option) => option.value ?? ''), env('BUNDLE_WITHOUT') ?? ''];
          if (without.some((groups) => /\b(?:development|test)\b/.test(groups))) return undefined;
          if (BUNDLE_CONFIGURED.test(shell.source.slice(0, call.info.command.start))) return undefined;
          const plain = call.info.effective?.wrappers.length === 0 && call.info.command.name === call.program;
          const at = shell.toFileOffset(call.program.start);
          return {
            call,
            remedy: 'set `BUNDLE_WITHOUT=development:test`',
            edit: plain ? { range: [at, at], text: 'BUNDLE_WITHOUT=development:test ' } : undefined,
          };
        }
        case 'composer':
          if (call.sub !== 'install' || hasOption(call.parsed, ['no-dev']) || TRUE.test(env('COMPOSER_NO_DEV') ?? 'no')) return undefined;
          return { call, remedy: 'add `--no-dev`', edit: flagEdit(dockerfile, shell, call, '--no-dev') };
        default:
          return undefined;
      }
    }

    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        if (shell.source.includes('bundle') && BUNDLE_CONFIGURED.test(shell.source)) bundleConfigured.mark(instruction);
        if (!reachesFinalImage(dockerfile, instruction, context.facts.finalStage)) return;
        for (const call of toolCalls(shell.script)) {
          const found = devInstall(instruction, shell, call);
          if (found) pending.push({ instruction, found, shell });
        }
      },
      end() {
        for (const { instruction, found, shell } of pending) {
          const { call, remedy, edit } = found;
          // a build later in the stage needs the development dependencies: the stage must be split, not trimmed
          const neededLater = buildFollows(instruction, shell, call);
          const end = (call.subcommand ?? call.program).end;
          context.report({
            messageId: 'dev',
            data: {
              command: shell.source.slice(call.info.command.start, end).replace(/\s+/g, ' '),
              remedy: neededLater ? `move the build that needs them to a builder stage, then ${remedy}` : remedy,
            },
            span: fileSpan(shell, call.info.command),
            fix: edit && !neededLater ? { description: remedy.replace(/`/g, ''), edits: [edit] } : undefined,
          });
        }
      },
    };
  },
});
