import type { Dockerfile, Instruction, RunShell } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { hasOption, optionValue } from './util/args.js';
import { appendCommandEdit, fileSpan } from './util/edits.js';
import { removalOf } from './util/files.js';
import { mountKeepsOut, mountsOf, reachesFinalImage, variableAt } from './util/run.js';
import { toolCalls, type Tool, type ToolCall } from './util/tools.js';

/** One package manager: which of its calls fill the cache, where the cache is, and what empties it. */
interface Manager {
  tools: readonly Tool[];
  fills(call: ToolCall): boolean;
  cleans(call: ToolCall): boolean;
  /** Cache directories; `at` and `call` resolve the ones moved by environment or options. */
  caches(dockerfile: Dockerfile, at: Instruction, call: ToolCall): string[];
  /** The command that empties the cache, for the fix. */
  clean(call: ToolCall): string;
}

const RPM_CACHES = ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'];
const RPM_FILLING = new Set([
  'install', 'in', 'groupinstall', 'localinstall', 'reinstall', 'rei', 'update', 'up', 'upgrade', 'upgrade-minimal', 'up-min',
  'update-minimal', 'downgrade', 'distro-sync', 'swap', 'group', 'module', 'builddep',
]);
/** `clean all` of the tools that share a cache: on dnf-based systems `yum` is dnf; microdnf keeps its own. */
const rpm = (tool: Tool, cleaners: readonly Tool[]): Manager => ({
  tools: [tool],
  fills: (call) => call.tool === tool && RPM_FILLING.has(call.sub),
  cleans: (call) => cleaners.includes(call.tool) && call.sub === 'clean' && call.operands.some((word) => word.value === 'all'),
  caches: () => RPM_CACHES,
  clean: (call) => `${call.program.text} clean all`,
});

const npmCaches = (dockerfile: Dockerfile, at: Instruction, call: ToolCall): string[] => {
  const moved = optionValue(call.parsed, ['cache']) ?? variableAt(dockerfile, 'NPM_CONFIG_CACHE', at) ?? variableAt(dockerfile, 'npm_config_cache', at);
  return moved ? [moved, '/root/.npm'] : ['/root/.npm'];
};

const yarnCaches = (dockerfile: Dockerfile, at: Instruction, call: ToolCall): string[] => {
  const moved = optionValue(call.parsed, ['cache-folder']) ?? variableAt(dockerfile, 'YARN_CACHE_FOLDER', at);
  const defaults = ['/usr/local/share/.cache/yarn', '/root/.cache/yarn', '/root/.yarn/berry/cache'];
  return moved ? [moved, ...defaults] : defaults;
};

const MANAGERS: readonly Manager[] = [
  rpm('yum', ['yum', 'dnf']),
  rpm('dnf', ['dnf', 'yum']),
  rpm('microdnf', ['microdnf']),
  {
    tools: ['zypper'],
    fills: (call) => ['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si'].includes(call.sub),
    cleans: (call) => call.tool === 'zypper' && (call.sub === 'clean' || call.sub === 'cc'),
    caches: () => ['/var/cache/zypp'],
    clean: (call) => `${call.program.text} clean --all`,
  },
  {
    tools: ['yarn'],
    // a bare `yarn` installs (`yarn --version` does not); `yarn global add` installs too
    fills: (call) =>
      (call.subcommand === undefined && !hasOption(call.parsed, ['version', 'v', 'help', 'h'])) ||
      call.sub === 'install' ||
      call.sub === 'add' ||
      (call.sub === 'global' && call.operands[0]?.value === 'add'),
    cleans: (call) => call.tool === 'yarn' && call.sub === 'cache' && call.operands[0]?.value === 'clean',
    caches: yarnCaches,
    clean: (call) => `${call.program.text} cache clean`,
  },
  {
    tools: ['npm'],
    fills: (call) => ['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isntall', 'add', 'ci', 'clean-install', 'install-clean', 'update', 'up', 'upgrade'].includes(call.sub),
    cleans: (call) => call.tool === 'npm' && call.sub === 'cache' && call.operands[0]?.value === 'clean',
    caches: npmCaches,
    clean: (call) => `${call.program.text} cache clean --force`,
  },
];

const MANAGED = new Set(MANAGERS.flatMap((manager) => manager.tools));

/** Mounts are matched on the directory, or for per-user caches on their place under any home. */
const HOME_CACHES = ['/.npm', '/.cache/yarn', '/.yarn/berry/cache'];

function keptOutByMount(instruction: Instruction, caches: string[]): boolean {
  if (caches.some((cache) => mountKeepsOut(instruction, cache))) return true;
  const suffixes = HOME_CACHES.filter((suffix) => caches.some((cache) => cache.endsWith(suffix)));
  return mountsOf(instruction).some(
    (mount) => (mount.type === 'cache' || mount.type === 'tmpfs') && suffixes.some((suffix) => mount.target?.endsWith(suffix)),
  );
}

export const cleanPackageCache = defineDockerfileRule({
  meta: {
    id: 'dockerfile/clean-package-cache',
    description: 'Clean the package manager cache in the RUN that fills it',
    severity: 'info',
    aliases: ['DL3032', 'DL3036', 'DL3040', 'DL3060'],
    fixable: 'safe',
    rationale:
      'yum, dnf and microdnf keep repository metadata and downloaded RPMs in `/var/cache/yum` or `/var/cache/dnf` ' +
      '(often 100 MB and more), zypper in `/var/cache/zypp`, npm a copy of every tarball in `~/.npm/_cacache`, yarn ' +
      'every package in its global cache. None of it is read at run time, and a cache deleted in a later RUN still ' +
      'ships in the layer that filled it. End the RUN with the manager\'s clean command (`dnf clean all`, ' +
      '`zypper clean --all`, `npm cache clean --force`, `yarn cache clean`), or mount the cache directory with ' +
      '`RUN --mount=type=cache`, which also speeds up rebuilds.',
    differences:
      'One rule for hadolint\'s DL3032 (yum), DL3036 (zypper), DL3040 (dnf, microdnf) and DL3060 (yarn), plus npm, ' +
      'which hadolint does not check. As in hadolint, the clean must come after the install in the same RUN, ' +
      '`rm -rf` of the cache directory and cache or tmpfs mounts count, and `dnf upgrade`/`reinstall` fill the ' +
      'cache too. Like hadolint\'s DL3060 (and unlike its DL3032/36/40), only the stages the final image is built ' +
      'on are checked: a builder stage\'s cache does not ship. Trivy checks yum, dnf, zypper and microdnf ' +
      '(DS-0015, DS-0019, DS-0020, DS-0027) in every stage. ' +
      'BuildKit\'s build checks do not look inside RUN.',
    messages: {
      missing: '`{command}` leaves its cache ({cache}) in this layer: end the RUN with `{clean}`',
    },
    examples: {
      valid: [
        { code: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n' },
        { code: 'FROM node:20-slim\nRUN --mount=type=cache,target=/root/.npm npm ci --omit=dev\n' },
      ],
      invalid: [
        { code: 'FROM rockylinux:9\nRUN yum install -y httpd\n', output: 'FROM rockylinux:9\nRUN yum install -y httpd && yum clean all\n' },
        {
          code: 'FROM node:20-slim\nRUN npm ci --omit=dev \\\n && npm run build\n',
          output: 'FROM node:20-slim\nRUN npm ci --omit=dev \\\n && npm run build \\\n && npm cache clean --force\n',
        },
      ],
    },
  },
  create(context) {
    const { dockerfile } = context.facts;

    function check(instruction: Instruction, shell: RunShell, calls: ToolCall[], manager: Manager): void {
      const filling = calls.filter((call) => manager.tools.includes(call.tool) && manager.fills(call));
      const last = filling.at(-1);
      if (!last) return;
      const after = last.info.command.start;
      if (calls.some((call) => call.info.command.start > after && manager.cleans(call))) return;
      const caches = manager.caches(dockerfile, instruction, last);
      if (keptOutByMount(instruction, caches) || removalOf(shell.script, caches, after)) return;
      const clean = manager.clean(last);
      const edit = appendCommandEdit(dockerfile, instruction, shell, clean);
      const command = shell.source.slice(last.info.command.start, (last.subcommand ?? last.program).end).replace(/\s+/g, ' ');
      context.report({
        messageId: 'missing',
        data: { command, cache: caches[0]!.replace(/^\/root\//, '~/'), clean },
        span: fileSpan(shell, last.info.command),
        fix: edit && { description: `run ${clean} at the end of the RUN`, edits: [edit] },
      });
    }

    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell || !reachesFinalImage(dockerfile, instruction, context.facts.finalStage)) return;
        const calls = toolCalls(shell.script);
        if (!calls.some((call) => MANAGED.has(call.tool))) return;
        for (const manager of MANAGERS) check(instruction, shell, calls, manager);
      },
    };
  },
});
