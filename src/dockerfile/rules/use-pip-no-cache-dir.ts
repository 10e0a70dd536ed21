import type { Word } from '../../shell/ast.js';
import type { Instruction, RunShell } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { hasOption } from './util/args.js';
import { fileSpan, insertAfterWord } from './util/edits.js';
import { environmentValue } from './util/env.js';
import { removalOf } from './util/files.js';
import { mountsOf, reachesFinalImage, StageMarks, variableAt } from './util/run.js';
import { summaryOf, toolCalls, type ToolCall } from './util/tools.js';

/** How one installer caches, and what turns its cache off. */
interface Installer {
  /** The environment variable that disables the cache when truthy. */
  variable: string;
  /** The environment variable that moves the cache. */
  cacheVariable: string;
  defaultCache: string;
  /** Options that disable the cache. */
  options: readonly string[];
  option: string;
  /** The word the option goes after, when the call fills the cache. */
  anchor(call: ToolCall): Word | undefined;
  /** The call empties the cache (`pip cache purge`). */
  purges(call: ToolCall): boolean;
}

const PIP: Installer = {
  variable: 'PIP_NO_CACHE_DIR',
  cacheVariable: 'PIP_CACHE_DIR',
  defaultCache: '/root/.cache/pip',
  options: ['no-cache-dir'],
  option: '--no-cache-dir',
  anchor: (call) => (call.tool === 'pip' && (call.sub === 'install' || call.sub === 'download' || call.sub === 'wheel') ? call.subcommand : undefined),
  purges: (call) => call.tool === 'pip' && call.sub === 'cache' && call.operands[0]?.value === 'purge',
};

const UV: Installer = {
  variable: 'UV_NO_CACHE',
  cacheVariable: 'UV_CACHE_DIR',
  defaultCache: '/root/.cache/uv',
  options: ['no-cache', 'n'],
  option: '--no-cache',
  anchor(call) {
    if (call.tool !== 'uv') return undefined;
    if (call.sub === 'sync' || call.sub === 'add') return call.subcommand;
    const action = call.operands[0];
    if (call.sub === 'pip' && (action?.value === 'install' || action?.value === 'sync')) return action;
    if (call.sub === 'tool' && action?.value === 'install') return action;
    return undefined;
  },
  purges: (call) => call.tool === 'uv' && call.sub === 'cache' && (call.operands[0]?.value === 'clean' || call.operands[0]?.value === 'prune'),
};

const TRUTHY = /^(?:1|on|yes|true)$/i;
/** `pip config set global.no-cache-dir true`, or `no-cache-dir = 1` written into a pip.conf. */
const CONFIGURED = /(?:\bno-cache-dir\s+|^\s*no-cache-dir\s*=\s*)(?:1|on|yes|true)\b/im;

/** A cache or tmpfs mount holds the cache: on it, on a parent, or on any user's `~/.cache` (or `~/.cache/pip`). */
function mountHoldsCache(instruction: Instruction, directories: string[], defaultCache: string): boolean {
  const homeRelative = defaultCache.slice('/root'.length);
  return mountsOf(instruction).some((mount) => {
    const target = mount.target;
    if ((mount.type !== 'cache' && mount.type !== 'tmpfs') || target === undefined) return false;
    if (target.endsWith('/.cache') || target.endsWith(homeRelative)) return true;
    return directories.some((directory) => directory === target || directory.startsWith(`${target}/`));
  });
}

export const usePipNoCacheDir = defineDockerfileRule({
  meta: {
    id: 'dockerfile/use-pip-no-cache-dir',
    description: 'Install Python packages with pip install --no-cache-dir',
    severity: 'info',
    aliases: ['DL3042'],
    fixable: 'safe',
    rationale:
      'pip keeps every wheel it downloads or builds in `~/.cache/pip`, so an image that installs with pip carries ' +
      'a second copy of its dependencies — often tens or hundreds of MB for scientific stacks. Nothing reads that ' +
      'cache in a container. `--no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`, or a cache mount on /root/.cache/pip, ' +
      'which also speeds up rebuilds) keeps it out of the layer. uv does the same in `~/.cache/uv`: `uv pip install`, ' +
      '`uv sync`, `uv add` and `uv tool install` take `--no-cache` (or `UV_NO_CACHE=1`).',
    differences:
      'Like hadolint (DL3042): `pip`, `pip3`, `python -m pip` are checked, `pipx` and `pipenv` are not, and a truthy ' +
      '`PIP_NO_CACHE_DIR` (ENV, inherited from the stage built on, set for the command or exported earlier in the ' +
      'RUN) or a cache/tmpfs mount on the cache counts. shipshape also checks `pip download` and `pip wheel`, ' +
      'accepts `pip cache purge` or removing the cache later in the same RUN and a `no-cache-dir` set with ' +
      '`pip config` earlier in the stage, checks uv\'s cache the same way, and checks only the stages the final ' +
      'image is built on. hadolint reports `uv pip install` as if it were pip, even with uv\'s `--no-cache`; ' +
      'shipshape does not, so a `# hadolint ignore=DL3042` above it becomes an unused suppression. ' +
      'Trivy and BuildKit have no pip check.',
    messages: {
      missing: '`{command}` keeps downloaded packages in {cache} in this layer: add `{option}`',
    },
    examples: {
      valid: [
        { code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n' },
        { code: 'FROM python:3.12-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n' },
        { code: 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n' },
      ],
      invalid: [
        {
          code: 'FROM python:3.12-slim\nRUN pip install -r requirements.txt\n',
          output: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;
    const configured = new StageMarks(dockerfile);

    function check(instruction: Instruction, shell: RunShell, installer: Installer): void {
      const calls = toolCalls(shell.script).filter((call) => installer.anchor(call) !== undefined);
      if (calls.length === 0) return;
      const moved = variableAt(dockerfile, installer.cacheVariable, instruction);
      const directories = moved ? [moved, installer.defaultCache] : [installer.defaultCache];
      if (mountHoldsCache(instruction, directories, installer.defaultCache)) return;
      const { script } = shell;
      const lastStart = calls.at(-1)!.info.command.start;
      if (removalOf(script, directories, lastStart)) return;
      if (toolCalls(script).some((call) => installer.purges(call) && call.info.command.start > lastStart)) return;
      for (const call of calls) {
        const start = call.info.command.start;
        if (hasOption(call.parsed, installer.options)) continue;
        if (TRUTHY.test(environmentValue(dockerfile, instruction, script.commands, call.info, installer.variable) ?? '')) continue;
        const anchor = installer.anchor(call)!;
        context.report({
          messageId: 'missing',
          data: {
            command: shell.source.slice(start, anchor.end).replace(/\s+/g, ' '),
            cache: installer.defaultCache.replace('/root', '~'),
            option: installer.option,
          },
          span: fileSpan(shell, call.info.command),
          fix: { description: `add ${installer.option}`, edits: [insertAfterWord(dockerfile, shell, anchor, installer.option)] },
        });
      }
    }

    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell || configured.has(instruction)) return;
        if (shell.source.includes('no-cache-dir') && CONFIGURED.test(shell.source)) {
          configured.mark(instruction);
          return;
        }
        const { tools } = summaryOf(shell.script);
        if ((!tools.has('pip') && !tools.has('uv')) || !reachesFinalImage(dockerfile, instruction, context.facts.finalStage)) return;
        for (const installer of [PIP, UV]) check(instruction, shell, installer);
      },
    };
  },
});
