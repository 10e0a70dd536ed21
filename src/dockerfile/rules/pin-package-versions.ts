import type { Word } from '../../shell/ast.js';
import type { RunShell } from '../parse/index.js';
import { defineDockerfileRule } from '../rule-domain.js';
import { hasOption } from './util/args.js';
import { fileSpan } from './util/edits.js';
import { APT_TOOLS, toolCalls, type Tool, type ToolCall } from './util/tools.js';

type Ecosystem = 'apt' | 'apk' | 'pip' | 'npm' | 'gem' | 'go';
const ECOSYSTEMS: readonly Ecosystem[] = ['apt', 'apk', 'pip', 'npm', 'gem', 'go'];

interface Checker {
  ecosystem: Ecosystem;
  /** The tools whose installs it reads. */
  tools: readonly Tool[];
  /** The package words of an install, or undefined when the call installs no named packages. */
  packages(call: ToolCall): Word[] | undefined;
  /** Whether a package argument needs no pin: it has a version, or is a file, a path, a URL with a ref… */
  settled(value: string): boolean;
  /** For distribution packages (whose archives drop old versions): whether an argument pins a version. */
  versioned?(value: string): boolean;
  /** How to pin, for the message. */
  howTo: string;
}

const ARCHIVE = /\.(?:whl|tar\.gz|tgz|tar\.bz2|tar\.xz|tar|zip|deb|apk|gem)$/;
const LOCAL = /^(?:\.{1,2}(?:\/|$)|\/|~\/|file:)/;
const PEP440 = /(?:===?|[<>!~]=|[<>])/;
const UNPINNED_VERSIONS = new Set(['latest', 'upgrade', 'patch', 'next', '']);

/** `git+https://host/repo.git@ref`, `git://host/repo#ref`: a VCS reference is pinned by its ref. */
function vcsPinned(value: string, marker: '@' | '#'): boolean {
  const scheme = value.indexOf('://');
  const rest = scheme < 0 ? value : value.slice(scheme + 3);
  const path = rest.slice(rest.indexOf('/') + 1);
  return marker === '#' ? rest.includes('#') : path.includes('@');
}

/** The operands after the subcommand and before `--`. */
const operandsOf = (call: ToolCall): Word[] => call.operands.slice(0, Math.max(0, call.parsed.afterDoubleDash - 1));

const CHECKERS: readonly Checker[] = [
  {
    ecosystem: 'apt',
    tools: [...APT_TOOLS],
    packages: (call) =>
      APT_TOOLS.has(call.tool) &&
      call.sub === 'install' &&
      !hasOption(call.parsed, ['t', 'target-release', 'default-release'])
        ? operandsOf(call)
        : undefined,
    // `pkg=1.2-3`, `pkg/bookworm-backports` (a release), `./local.deb`
    settled: (value) => value.includes('=') || value.includes('/') || ARCHIVE.test(value) || value.includes('*'),
    versioned: (value) => value.includes('='),
    howTo: '`{package}=<version>`',
  },
  {
    ecosystem: 'apk',
    tools: ['apk'],
    packages: (call) => (call.tool === 'apk' && call.sub === 'add' ? operandsOf(call) : undefined),
    settled: (value) => /[=~<>]/.test(value) || value.includes('/') || ARCHIVE.test(value),
    versioned: (value) => /[=~<>]/.test(value),
    howTo: '`{package}=<version>` (or `~<version>`)',
  },
  {
    ecosystem: 'pip',
    tools: ['pip', 'pipx'],
    packages(call) {
      if (call.tool === 'pipx') return call.sub === 'install' && !hasOption(call.parsed, ['spec']) ? operandsOf(call) : undefined;
      if (call.tool !== 'pip' || call.sub !== 'install') return undefined;
      // a requirements or constraints file pins; `.` is the project itself
      if (hasOption(call.parsed, ['r', 'requirement', 'c', 'constraint'])) return undefined;
      const packages = operandsOf(call);
      return packages.some((word) => word.value === '.') ? undefined : packages;
    },
    settled(value) {
      if (/^(?:git|hg|svn|bzr)\+/.test(value)) return vcsPinned(value, '@');
      return PEP440.test(value) || value.includes(' @ ') || value.includes('/') || ARCHIVE.test(value) || LOCAL.test(value);
    },
    howTo: '`{package}==<version>` (or install from a requirements file)',
  },
  {
    ecosystem: 'npm',
    tools: ['npm'],
    packages: (call) =>
      call.tool === 'npm' && ['install', 'i', 'in', 'add', 'isntall'].includes(call.sub) ? operandsOf(call) : undefined,
    settled(value) {
      if (/^(?:git|git\+\w+|github|gitlab|bitbucket):/.test(value)) return vcsPinned(value, '#');
      if (/^https?:\/\//.test(value) || LOCAL.test(value) || ARCHIVE.test(value)) return true;
      const at = value.lastIndexOf('@');
      if (at > 0) return !UNPINNED_VERSIONS.has(value.slice(at + 1));
      // `user/repo` is a GitHub shorthand: pinned by `#ref`
      return value.includes('/') && !value.startsWith('@') ? value.includes('#') : false;
    },
    howTo: '`{package}@<version>`',
  },
  {
    ecosystem: 'gem',
    tools: ['gem'],
    packages(call) {
      if (call.tool !== 'gem' || (call.sub !== 'install' && call.sub !== 'i') || hasOption(call.parsed, ['v', 'version'])) return undefined;
      // a bare true/false is the value of an option gem does not know (`--use-system-libraries true`), not a gem
      return operandsOf(call).filter((word) => word.value !== 'true' && word.value !== 'false');
    },
    settled: (value) => value.includes(':') || value.includes('/') || ARCHIVE.test(value),
    howTo: '`{package}:<version>` (or `-v <version>`)',
  },
  {
    ecosystem: 'go',
    tools: ['go'],
    packages(call) {
      if (call.tool !== 'go') return undefined;
      if (call.sub === 'install' || call.sub === 'get') return operandsOf(call);
      // `go run pkg@v1 args…`: only the first operand is a package
      return call.sub === 'run' ? call.operands.slice(0, 1) : undefined;
    },
    settled(value) {
      if (LOCAL.test(value) || value.endsWith('.go')) return true;
      const at = value.lastIndexOf('@');
      return at > 0 && !UNPINNED_VERSIONS.has(value.slice(at + 1));
    },
    howTo: '`{package}@<version>`',
  },
];

/** A Debian or Ubuntu snapshot archive: a fixed state of the archive, where version pins keep working. */
const SNAPSHOT_ARCHIVE = /snapshot(?:-[\w-]+)?\.(?:debian|ubuntu)\.(?:org|com)/;

function checkersByTool(checkers: readonly Checker[]): Map<Tool, Checker[]> {
  const byTool = new Map<Tool, Checker[]>();
  for (const checker of checkers) for (const tool of checker.tools) byTool.set(tool, [...(byTool.get(tool) ?? []), checker]);
  return byTool;
}

const ALL_CHECKERS = checkersByTool(CHECKERS);

function listed(packages: string[]): string {
  const shown = packages.slice(0, 3).join(', ');
  return packages.length > 3 ? `${shown} and ${packages.length - 3} more` : shown;
}

export const pinPackageVersions = defineDockerfileRule({
  meta: {
    id: 'dockerfile/pin-package-versions',
    description: 'Pin the versions of the packages a RUN installs',
    severity: 'info',
    aliases: ['DL3008', 'DL3018', 'DL3013', 'DL3016', 'DL3028', 'DL3062'],
    rationale:
      'An install without versions takes whatever the repository serves on the day of the build: two builds of ' +
      'one Dockerfile can differ, and a rebuild for an unrelated change can pull in a breaking release. Pinned ' +
      'versions (`flask==3.0.3`, `express@4.19.2`, `rails:7.1.3`, `tool@v1.2.3`) make the build repeatable and ' +
      'the upgrade a reviewed change.\n\n' +
      'Language registries (PyPI, npm, RubyGems, the Go module proxy) keep every version, so those pins keep ' +
      'working and are always checked. Distribution archives (Debian, Ubuntu, Alpine) drop superseded versions ' +
      'within weeks, so an apt or apk pin breaks the build soon after unless it points at a snapshot archive — ' +
      'which is why hadolint\'s DL3008 is the check its users most often turn off. shipshape therefore reports ' +
      'unpinned apt/apk packages only in a Dockerfile that already pins some (an unpinned package among pinned ' +
      'ones is an oversight) or installs from snapshot.debian.org / snapshot.ubuntu.com; elsewhere a base image ' +
      'pinned by digest is the better control. `systemPackages: always` reports them all. The rule is `info`: ' +
      'it is about repeatability, not size or safety.',
    differences:
      'One rule for hadolint\'s DL3008 (apt), DL3018 (apk), DL3013 (pip), DL3016 (npm), DL3028 (gem) and DL3062 ' +
      '(go install/get/run), at `info` where hadolint warns. On purpose, hadolint\'s cases "apt-get version ' +
      'pinning" (`apt-get install python`) and "apk add version pinning single" (`apk add flex`) are not reported ' +
      'by default: nothing else in those files is pinned (see `systemPackages`). Like hadolint, local files ' +
      '(`./x.deb`, `*.whl`, `x.apk`, tarballs, paths), pip installs from `-r`/`-c` files or of `.`, and `-t`/' +
      '`--target-release` installs are not reported, and any PEP 440 specifier counts as a pin. Beyond hadolint, ' +
      'shell variables (`apt-get install $BUILD_DEPS`, hadolint#928) and packages named with a release ' +
      '(`pkg/bookworm-backports`) are never reported, and `@latest` pins nothing for npm (as for go). yum/dnf/' +
      'zypper pins (hadolint DL3033, DL3037, DL3041) are not checked. Trivy, dockle and BuildKit have no pinning ' +
      'checks.',
    options: {
      ecosystems: {
        description: 'Which installers to check: any of `apt`, `apk`, `pip`, `npm`, `gem`, `go`.',
      },
      systemPackages: {
        description:
          '`when-pinned`: report unpinned apt/apk packages only in a file that pins some (or installs from a Debian/' +
          'Ubuntu snapshot archive); `always`: report them all, as hadolint does.',
      },
    },
    messages: {
      unpinned: '`{command}` installs {packages} without a version: pin as {howTo}',
    },
    examples: {
      valid: [
        { code: 'FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt\n' },
        { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ./vendor.deb\n' },
        { description: 'a variable is not reported', code: 'FROM alpine:3.20\nARG DEPS="curl git"\nRUN apk add --no-cache $DEPS\n' },
      ],
      invalid: [
        { code: 'FROM node:20-slim\nRUN npm install -g typescript\n' },
        {
          description: 'an unpinned package among pinned ones',
          code: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 git\n',
        },
        { code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n' },
      ],
    },
  },
  defaultOptions: { ecosystems: ECOSYSTEMS, systemPackages: 'when-pinned' as 'when-pinned' | 'always' },
  create(context) {
    const { dockerfile } = context.facts;
    const wanted = context.options.ecosystems;
    const checkersOf = Array.isArray(wanted) ? checkersByTool(CHECKERS.filter((checker) => wanted.includes(checker.ecosystem))) : ALL_CHECKERS;
    const always = context.options.systemPackages === 'always';
    /** Distribution package managers the file pins versions for somewhere (or installs from a snapshot). */
    const pinning = new Set<Ecosystem>();
    /** Unpinned distribution packages, reported at the end if the file turns out to pin others. */
    const pending: { checker: Checker; shell: RunShell; call: ToolCall; unpinned: string[] }[] = [];

    function report(checker: Checker, shell: RunShell, call: ToolCall, unpinned: string[]): void {
      const command = shell.source.slice(call.info.command.start, (call.subcommand ?? call.program).end).replace(/\s+/g, ' ');
      context.report({
        messageId: 'unpinned',
        data: { command, packages: listed(unpinned), howTo: checker.howTo.replace('{package}', unpinned[0]!) },
        span: fileSpan(shell, call.info.command),
      });
    }

    return {
      RUN(instruction) {
        const shell = dockerfile.shellOf(instruction);
        if (!shell) return;
        if (shell.source.includes('snapshot') && SNAPSHOT_ARCHIVE.test(shell.source)) pinning.add('apt');
        for (const call of toolCalls(shell.script)) {
          const checkers = checkersOf.get(call.tool);
          if (!checkers) continue;
          for (const checker of checkers) {
            const packages = checker.packages(call);
            if (!packages) continue;
            const unpinned: string[] = [];
            for (const word of packages) {
              const value = word.value;
              if (value === undefined) continue;
              if (checker.versioned?.(value)) pinning.add(checker.ecosystem);
              if (!checker.settled(value)) unpinned.push(value);
            }
            if (unpinned.length === 0) continue;
            if (checker.versioned && !always) pending.push({ checker, shell, call, unpinned });
            else report(checker, shell, call, unpinned);
          }
        }
      },
      end() {
        for (const { checker, shell, call, unpinned } of pending) if (pinning.has(checker.ecosystem)) report(checker, shell, call, unpinned);
      },
    };
  },
});
