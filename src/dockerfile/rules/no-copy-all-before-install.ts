import type { Edit } from '../../core/finding.js';
import type { CommandInfo } from '../../shell/ast.js';
import { basename } from '../../shell/commands.js';
import type { Dockerfile, Instruction, RunShell } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { hasOption, optionsNamed } from './util/args.js';
import { resolvePath, workdirAt } from './util/run.js';
import { isTrigger, positionInStage } from './util/stages.js';
import { toolCallOf, toolCalls, type ToolCall } from './util/tools.js';

/** A copy of the whole build context (or all of its top level). */
const BROAD_SOURCES = new Set(['.', './', '*', './*', './.']);
/** Instructions that may stand between the broad copy and the install without depending on their order. */
const ORDER_FREE = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT']);
/** Commands that may share the install's RUN when it moves before the source copy. */
const BENIGN = new Set(['rm', 'set', 'echo', 'true', 'mkdir', 'corepack']);
const BENIGN_SUBCOMMANDS = new Set(['config', 'cache']);

/** A dependency install, and the manifests it needs (undefined when it needs the sources too). */
interface Install {
  call: ToolCall;
  manifests: string[] | undefined;
}

function installOf(call: ToolCall): Install | undefined {
  const operandsFree = call.operands.length === 0;
  switch (call.tool) {
    case 'npm':
      if (!['ci', 'install', 'i', 'clean-install'].includes(call.sub) || !operandsFree || hasOption(call.parsed, ['g', 'global'])) return undefined;
      return { call, manifests: ['package*.json'] };
    case 'yarn': {
      const installs = (call.subcommand === undefined && !hasOption(call.parsed, ['version', 'v', 'help', 'h'])) || call.sub === 'install';
      if (!installs) return undefined;
      // Yarn 2+ also needs .yarnrc.yml and its release under .yarn/
      return { call, manifests: hasOption(call.parsed, ['immutable']) ? undefined : ['package.json', 'yarn.lock*'] };
    }
    case 'pnpm':
      return (call.sub === 'install' || call.sub === 'i') && operandsFree ? { call, manifests: ['package.json', 'pnpm-lock.yaml*'] } : undefined;
    case 'pip': {
      if (call.sub !== 'install') return undefined;
      const files = optionsNamed(call.parsed, ['r', 'requirement']).map((option) => option.value);
      if (files.length === 0) return undefined;
      const plain = files.every((file) => file !== undefined && /^[\w.-]+$/.test(file)) && call.operands.length === 0;
      return { call, manifests: plain ? (files as string[]) : undefined };
    }
    case 'uv':
      if (call.sub === 'pip' && call.operands[0]?.value === 'install') {
        const files = optionsNamed(call.parsed, ['r', 'requirement']).map((option) => option.value);
        if (files.length === 0) return undefined;
        return { call, manifests: files.every((file) => file !== undefined && /^[\w.-]+$/.test(file)) ? (files as string[]) : undefined };
      }
      if (call.sub !== 'sync') return undefined;
      return { call, manifests: hasOption(call.parsed, ['no-install-project']) ? ['pyproject.toml', 'uv.lock*'] : undefined };
    case 'poetry':
      if (call.sub !== 'install') return undefined;
      return { call, manifests: hasOption(call.parsed, ['no-root']) ? ['pyproject.toml', 'poetry.lock*'] : undefined };
    case 'pipenv':
      return call.sub === 'install' ? { call, manifests: ['Pipfile', 'Pipfile.lock*'] } : undefined;
    case 'bundle':
      return call.sub === 'install' ? { call, manifests: ['Gemfile', 'Gemfile.lock*'] } : undefined;
    case 'go':
      return call.sub === 'mod' && call.operands[0]?.value === 'download' ? { call, manifests: ['go.mod', 'go.sum*'] } : undefined;
    case 'mvn':
      return call.parsed.operands.some((word) => /^dependency:(?:go-offline|resolve|resolve-plugins)$/.test(word.value ?? ''))
        ? { call, manifests: ['pom.xml'] }
        : undefined;
    case 'cargo':
      if (call.sub === 'fetch') return { call, manifests: ['Cargo.toml', 'Cargo.lock*'] };
      return call.sub === 'build' ? { call, manifests: undefined } : undefined;
    case 'composer':
      if (call.sub !== 'install') return undefined;
      return { call, manifests: hasOption(call.parsed, ['no-scripts']) && hasOption(call.parsed, ['no-autoloader']) ? ['composer.json', 'composer.lock*'] : undefined };
    default:
      return undefined;
  }
}

function broadCopy(instruction: Instruction): boolean {
  if (instruction.heredocs.length > 0) return false;
  if (instruction.flags.some((flag) => flag.name === 'from' || flag.name === 'parents')) return false;
  return instruction.args.slice(0, -1).some((word) => BROAD_SOURCES.has(word.value));
}

/** Every command of the RUN is the install or housekeeping that needs no sources. */
function onlyInstalls(shell: RunShell, install: Install): boolean {
  return shell.script.commands.every((info: CommandInfo) => {
    const call = toolCallOf(shell.script, info);
    if (call === install.call || (call && installOf(call))) return true;
    if (call && BENIGN_SUBCOMMANDS.has(call.sub)) return true;
    const name = info.effective?.name.value;
    return !info.command.name || (name !== undefined && BENIGN.has(basename(name)));
  });
}

function lineEnd(dockerfile: Dockerfile, offset: number): number {
  const newline = dockerfile.text.indexOf('\n', offset);
  return newline < 0 ? dockerfile.text.length : newline;
}

export const noCopyAllBeforeInstall = defineDockerfileRule({
  meta: {
    id: 'dockerfile/no-copy-all-before-install',
    description: 'Copy dependency manifests and install before copying the sources',
    severity: 'warning',
    fixable: 'unsafe',
    rationale:
      'The builder reuses a cached layer only while everything before it is unchanged. After `COPY . .`, any ' +
      'edit to any source file invalidates the copy and every instruction below it, so `npm ci`, `pip install ' +
      '-r requirements.txt`, `go mod download` or `bundle install` run again on every build — minutes of ' +
      'downloads for a one-line change. Copy only the manifests (`package.json` and the lockfile, ' +
      '`requirements.txt`, `go.mod`/`go.sum`, `Gemfile*`, `pom.xml`, `Cargo.*`, `composer.*`), install, and then ' +
      'copy the rest: the install layer is rebuilt only when the dependencies change.',
    differences:
      'hadolint, Trivy, dockle and BuildKit have no such check. The cost is the number of instructions a source ' +
      'edit rebuilds (from the copy to the end of the stage). The fix (unsafe) copies the manifests where the ' +
      'broad copy was and moves that copy below the install; it is offered only when the copy is of `.` into ' +
      'the directory the install runs in, nothing but ENV/ARG/LABEL/USER-like instructions stand between them, ' +
      'and the install\'s RUN does nothing that needs the sources. Installs that need the project itself ' +
      '(`cargo build`, `poetry install` without `--no-root`, `uv sync` without `--no-install-project`, ' +
      '`composer install` without `--no-scripts --no-autoloader`, Yarn 2+) are reported without a fix. Manifests ' +
      'that pull in other files (a requirements file with `-r other.txt`, npm/pnpm workspaces) need more copied ' +
      'than the fix copies.',
    links: [{ measuredBy: 'rebuilt-layers' }],
    messages: {
      early:
        '`{copy}` comes before `{install}` (line {line}): every source edit re-runs the install — copy {manifests} first, install, then copy the rest',
    },
    examples: {
      valid: [
        {
          code:
            'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
        },
      ],
      invalid: [
        {
          code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
          output: 'FROM node:20-slim\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
        },
        {
          code: 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY --chown=app . .\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n',
          output:
            'FROM python:3.12-slim\nWORKDIR /srv\nCOPY --chown=app requirements.txt ./\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\nCOPY --chown=app . .\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    /** The last broad copy of each stage not reported yet. */
    const open = new Map<number, Instruction>();
    /** Stages that built their Cargo dependencies already (the dummy-`main.rs` trick): a later `cargo build` compiles only the project. */
    const cargoPrepared = new Set<number>();

    function reorder(copy: Instruction, run: Instruction, shell: RunShell, install: Install): Edit[] | undefined {
      const manifests = install.manifests;
      const stage = dockerfile.stages[copy.stageIndex];
      if (!manifests || !stage || copy.json || !onlyInstalls(shell, install) || install.call.info.inSubshell) return undefined;
      const sources = copy.args.slice(0, -1);
      const destination = copy.args.at(-1)!.value;
      if (sources.length !== 1 || (sources[0]!.value !== '.' && sources[0]!.value !== './')) return undefined;
      // the install must run where the context root lands, with no cd before it
      if (resolvePath(workdirAt(dockerfile, copy), destination) !== workdirAt(dockerfile, run)) return undefined;
      const before = shell.script.commands.filter((info) => info.command.start < install.call.info.command.start);
      if (before.some((info) => info.effective?.name.value === 'cd')) return undefined;
      const between = stage.instructions.slice(positionInStage(stage, copy) + 1, positionInStage(stage, run));
      if (between.some((instruction) => !ORDER_FREE.has(instruction.keyword))) return undefined;
      const text = dockerfile.text;
      const flags = copy.flags.map((flag) => text.slice(flag.span.start, flag.span.end));
      const target = destination === '.' ? './' : destination.endsWith('/') ? destination : `${destination}/`;
      const manifestCopy = [copy.keywordText, ...flags, ...manifests, target].join(' ');
      const original = text.slice(copy.span.start, copy.span.end);
      const after = lineEnd(dockerfile, run.span.end);
      return [
        { range: [copy.span.start, copy.span.end], text: manifestCopy },
        { range: [after, after], text: `\n${original}` },
      ];
    }

    function remember(copy: Instruction): void {
      if (broadCopy(copy) && !isTrigger(dockerfile, copy)) open.set(copy.stageIndex, copy);
    }

    return {
      COPY: remember,
      ADD: remember,
      RUN(instruction) {
        const copy = open.get(instruction.stageIndex);
        const shell = dockerfile.shellOf(instruction);
        if (!shell || isTrigger(dockerfile, instruction)) return;
        const calls = toolCalls(shell.script);
        if (!copy && !calls.some((call) => call.tool === 'cargo')) return;
        const installs = calls.map(installOf).filter((found) => found !== undefined);
        const prepared = cargoPrepared.has(instruction.stageIndex);
        if (installs.some((found) => found.call.tool === 'cargo')) cargoPrepared.add(instruction.stageIndex);
        const install = installs.find((found) => !(prepared && found.call.tool === 'cargo' && found.call.sub === 'build'));
        if (!copy || !install) return;
        open.delete(instruction.stageIndex);
        const stage = dockerfile.stages[copy.stageIndex];
        const rebuilt = stage ? stage.instructions.length - positionInStage(stage, copy) : 1;
        const { call } = install;
        const edits = reorder(copy, instruction, shell, install);
        context.report({
          messageId: 'early',
          data: {
            copy: dockerfile.text.slice(copy.span.start, copy.span.end).replace(/\s+/g, ' '),
            install: shell.source.slice(call.info.command.start, (call.subcommand ?? call.program).end).replace(/\s+/g, ' '),
            line: instruction.line,
            manifests: install.manifests ? install.manifests.map((name) => `\`${name.replace(/\*$/, '')}\``).join(' and ') : 'the dependency manifests',
          },
          span: copy.span,
          cost: { layers: rebuilt },
          fix: edits && { description: 'copy the manifests first and the sources after the install', edits },
        });
      },
    };
  },
});
