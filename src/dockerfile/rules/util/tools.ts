// Recognises the package managers and build tools of RUN scripts and reads their command lines once:
// `apt-get -y install foo`, `pip3 install …`, `python3 -m pip install …`, `./mvnw package`… A script's
// reading is cached, so every rule that asks about the same script shares it.
import type { CommandInfo, EffectiveCommand, ShellScript, Word } from '../../../shell/ast.js';
import type { RunInstruction, RunShell } from '../../parse/index.js';
import { basename } from '../../../shell/commands.js';
import { parseArgs, type ArgSyntax, type ParsedArgs } from './args.js';
import { memo, memoSlot } from './memo.js';

export type Tool =
  | 'apt-get'
  | 'apt'
  | 'aptitude'
  | 'apk'
  | 'yum'
  | 'dnf'
  | 'microdnf'
  | 'zypper'
  | 'pip'
  | 'pipx'
  | 'pipenv'
  | 'poetry'
  | 'uv'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'gem'
  | 'bundle'
  | 'composer'
  | 'go'
  | 'cargo'
  | 'mvn'
  | 'gradle'
  | 'dotnet';

export interface ToolCall {
  tool: Tool;
  info: CommandInfo;
  /** The program word (`apt-get`, `pip3`, `python3` for `python3 -m pip`, `./mvnw`). */
  program: Word;
  /** The words after the program (after `-m pip` for `python -m pip`). */
  args: Word[];
  parsed: ParsedArgs;
  /** The first operand, which names the subcommand for most tools; undefined when there is none. */
  subcommand: Word | undefined;
  /** The subcommand's static value ('' when it has expansions or there is none). */
  sub: string;
  /** The operands after the subcommand: packages for an install. */
  operands: Word[];
}

/** What a script runs, at a glance: rules ask it before looking at any command. */
/** Debian's package managers: apt-get, apt and aptitude share the archive, the lists and the apt.conf settings. */
export const APT_TOOLS: ReadonlySet<Tool> = new Set<Tool>(['apt-get', 'apt', 'aptitude']);

/** Whether a script runs any of Debian's package managers. */
export function usesApt(tools: ReadonlySet<Tool>): boolean {
  for (const tool of APT_TOOLS) if (tools.has(tool)) return true;
  return false;
}

export interface ScriptSummary {
  /** Base names of the programs it runs, wrappers (`sudo`, `env`) included. */
  programs: ReadonlySet<string>;
  /** The package managers and build tools among them. */
  tools: ReadonlySet<Tool>;
  /** Some pipeline has two commands or more. */
  pipes: boolean;
}

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

const APT_SYNTAX: ArgSyntax = {
  valueOptions: set('o', 'c', 't', 'a', 'option', 'config-file', 'target-release', 'default-release', 'host-architecture'),
};
const YUM_SYNTAX: ArgSyntax = {
  valueOptions: set(
    'c', 'config', 'd', 'debuglevel', 'e', 'errorlevel', 'R', 'randomwait', 'installroot', 'enablerepo', 'disablerepo',
    'x', 'exclude', 'setopt', 'releasever', 'downloaddir', 'disableplugin', 'enableplugin', 'repo', 'repoid', 'repofrompath',
    'forcearch', 'color', 'destdir', 'comment', 'use-host-config',
  ),
};

const SYNTAX: Record<Tool, ArgSyntax> = {
  'apt-get': APT_SYNTAX,
  apt: APT_SYNTAX,
  aptitude: { valueOptions: set('o', 't', 'F', 'w', 'S', 'target-release', 'display-format', 'sort', 'width') },
  apk: {
    valueOptions: set(
      'X', 'repository', 'p', 'root', 't', 'virtual', 'arch', 'cache-dir', 'keys-dir', 'repositories-file', 'timeout',
      'cache-max-age', 'wait',
    ),
  },
  yum: YUM_SYNTAX,
  dnf: YUM_SYNTAX,
  microdnf: { valueOptions: set('config', 'installroot', 'enablerepo', 'disablerepo', 'setopt', 'releasever') },
  zypper: { valueOptions: set('r', 'repo', 'R', 'root', 'from', 't', 'type', 'c', 'config', 'D', 'reposd-dir', 'C', 'cache-dir') },
  pip: {
    valueOptions: set(
      'abi', 'b', 'build', 'c', 'constraint', 'e', 'editable', 'extra-index-url', 'f', 'find-links', 'i', 'index-url',
      'implementation', 'no-binary', 'only-binary', 'platform', 'prefix', 'progress-bar', 'proxy', 'python-version', 'r',
      'requirement', 'root', 'src', 't', 'target', 'trusted-host', 'upgrade-strategy', 'root-user-action', 'log',
      'cache-dir', 'cert', 'client-cert', 'retries', 'timeout', 'exists-action', 'global-option', 'install-option',
      'config-settings', 'C', 'report', 'python', 'keyring-provider', 'use-feature', 'use-deprecated', 'group', 'd', 'dest',
      'w', 'wheel-dir',
    ),
  },
  pipx: { valueOptions: set('python', 'pip-args', 'index-url', 'suffix', 'spec', 'preinstall') },
  pipenv: { valueOptions: set('python', 'pypi-mirror', 'categories', 'extra-pip-args') },
  poetry: { valueOptions: set('without', 'with', 'only', 'E', 'extras', 'C', 'directory', 'P', 'project') },
  uv: {
    valueOptions: set(
      'r', 'requirement', 'c', 'constraint', 'python', 'p', 'index-url', 'i', 'extra-index-url', 'f', 'find-links',
      'group', 'no-group', 'only-group', 'extra', 'target', 'prefix', 'cache-dir', 'directory', 'project', 'package',
      'python-platform',
    ),
  },
  npm: {
    valueOptions: set(
      'loglevel', 'registry', 'prefix', 'cache', 'userconfig', 'globalconfig', 'tag', 'omit', 'include',
      'install-strategy', 'w', 'workspace', 'only', 'also', 'location', 'before', 'script-shell', 'otp', 'scope',
      'lockfile-version', 'C',
    ),
  },
  yarn: {
    valueOptions: set(
      'cwd', 'modules-folder', 'cache-folder', 'network-timeout', 'mutex', 'registry', 'link-folder', 'global-folder',
      'network-concurrency', 'prefix',
    ),
  },
  pnpm: {
    valueOptions: set(
      'C', 'dir', 'filter', 'F', 'reporter', 'store-dir', 'virtual-store-dir', 'modules-dir', 'lockfile-dir', 'registry',
      'loglevel', 'network-concurrency', 'child-concurrency', 'config.node-linker',
    ),
  },
  gem: {
    valueOptions: set(
      'v', 'version', 'i', 'install-dir', 'n', 'bindir', 's', 'source', 'P', 'trust-policy', 'platform', 'g', 'file',
      'build-root', 'target-rbconfig', 'document',
    ),
  },
  bundle: {
    valueOptions: set('without', 'with', 'path', 'gemfile', 'jobs', 'j', 'retry', 'binstubs', 'shebang', 'standalone', 'trust-policy'),
  },
  composer: { valueOptions: set('working-dir', 'd', 'prefer-install', 'ignore-platform-req') },
  go: {
    singleDashLong: true,
    valueOptions: set(
      'tags', 'ldflags', 'o', 'C', 'mod', 'modfile', 'gcflags', 'asmflags', 'p', 'buildmode', 'compiler', 'gccgoflags',
      'installsuffix', 'overlay', 'pkgdir', 'toolexec', 'pgo', 'covermode', 'coverpkg', 'exec',
    ),
  },
  cargo: {
    valueOptions: set(
      'p', 'package', 'target', 'target-dir', 'features', 'F', 'j', 'jobs', 'profile', 'manifest-path', 'bin', 'example',
      'root', 'version', 'git', 'branch', 'tag', 'rev', 'path', 'registry', 'index', 'color', 'config', 'Z',
    ),
  },
  mvn: { valueOptions: set('f', 'file', 's', 'settings', 'gs', 'global-settings', 'pl', 'projects', 'P', 'activate-profiles', 'T', 'threads', 'rf', 'resume-from', 'l', 'log-file') },
  gradle: { valueOptions: set('p', 'project-dir', 'b', 'build-file', 'c', 'settings-file', 'g', 'gradle-user-home', 'x', 'exclude-task', 'I', 'init-script') },
  dotnet: { valueOptions: set('c', 'configuration', 'o', 'output', 'r', 'runtime', 'f', 'framework', 's', 'source', 'v', 'verbosity', 'a', 'arch', 'os', 'p', 'property') },
};

const PROGRAMS = new Map<string, Tool>([
  ['apt-get', 'apt-get'],
  ['apt', 'apt'],
  ['aptitude', 'aptitude'],
  ['apk', 'apk'],
  ['yum', 'yum'],
  ['dnf', 'dnf'],
  ['dnf5', 'dnf'],
  ['tdnf', 'dnf'],
  ['microdnf', 'microdnf'],
  ['zypper', 'zypper'],
  ['pipx', 'pipx'],
  ['pipenv', 'pipenv'],
  ['poetry', 'poetry'],
  ['uv', 'uv'],
  ['npm', 'npm'],
  ['yarn', 'yarn'],
  ['yarnpkg', 'yarn'],
  ['pnpm', 'pnpm'],
  ['gem', 'gem'],
  ['bundle', 'bundle'],
  ['bundler', 'bundle'],
  ['composer', 'composer'],
  ['composer.phar', 'composer'],
  ['go', 'go'],
  ['cargo', 'cargo'],
  ['mvn', 'mvn'],
  ['mvnw', 'mvn'],
  ['gradle', 'gradle'],
  ['gradlew', 'gradle'],
  ['dotnet', 'dotnet'],
]);

const PIP_PROGRAM = /^pip(?:\d+(?:\.\d+)*)?$/;
const PYTHON_PROGRAM = /^python(?:\d+(?:\.\d+)*)?$/;

/** What tool a command runs and its command line; undefined for any other command. */
function read(info: CommandInfo, effective: EffectiveCommand, program: string): ToolCall | undefined {
  let tool = PROGRAMS.get(program);
  let args = effective.args;
  if (!tool) {
    // most commands are none of these: one character decides before any regular expression runs
    if (program.charCodeAt(0) !== 112 /* p */) return undefined;
    if (PIP_PROGRAM.test(program)) tool = 'pip';
    else if (PYTHON_PROGRAM.test(program)) {
      // `python -m pip …`, with interpreter options such as -u or -I before -m
      const m = args.findIndex((word) => word.value === '-m');
      const module = args[m + 1]?.value;
      if (m < 0 || !args.slice(0, m).every((word) => word.value?.startsWith('-'))) return undefined;
      if (module !== 'pip' && module !== 'pipx' && module !== 'poetry' && module !== 'pipenv' && module !== 'uv') return undefined;
      tool = module;
      args = args.slice(m + 2);
    } else return undefined;
  }
  const parsed = parseArgs(args, SYNTAX[tool]);
  const subcommand = parsed.operands[0];
  return {
    tool,
    info,
    program: effective.name,
    args,
    parsed,
    subcommand,
    sub: subcommand?.value ?? '',
    operands: parsed.operands.slice(1),
  };
}

interface Reading {
  calls: ToolCall[];
  summary: ScriptSummary;
}

const READING = memoSlot<Reading>('tool calls and summary');

/** Reads every command of a script once: the tool calls and the summary come from one pass. */
function reading(script: ShellScript): Reading {
  return memo(script, READING, readScript);
}

function readScript(script: ShellScript): Reading {
  const calls: ToolCall[] = [];
  const programs = new Set<string>();
  const tools = new Set<Tool>();
  let pipes = false;
  for (const info of script.commands) {
    if (info.pipeline.length > 1) pipes = true;
    const effective = info.effective;
    if (!effective) continue;
    for (const wrapper of effective.wrappers) if (wrapper.value !== undefined) programs.add(basename(wrapper.value));
    if (effective.name.value === undefined) continue;
    const program = basename(effective.name.value);
    programs.add(program);
    const call = read(info, effective, program);
    if (!call) continue;
    calls.push(call);
    tools.add(call.tool);
  }
  return { calls, summary: { programs, tools, pipes } };
}

/** Every package-manager or build-tool command of a script, in source order (read once per script). */
export function toolCalls(script: ShellScript): ToolCall[] {
  return reading(script).calls;
}

/** The tool a command of a script runs, if any (scripts hold few tool commands: a scan beats a map). */
export function toolCallOf(script: ShellScript, info: CommandInfo): ToolCall | undefined {
  for (const call of toolCalls(script)) if (call.info === info) return call;
  return undefined;
}


/** The programs and tools a script runs, read once per script. */
export function summaryOf(script: ShellScript): ScriptSummary {
  return reading(script).summary;
}

/** A RUN's shell script and what it runs (see `DockerfileFacts.script`). */
export interface RunScript extends ScriptSummary {
  shell: RunShell;
  script: ShellScript;
  /** The package-manager and build-tool commands, in source order. */
  calls: ToolCall[];
}

const RUN_SCRIPT = memoSlot<{ value: RunScript | undefined }>('run script');

/** The script of a shell-form RUN run by a POSIX shell, with its tool calls; read once per instruction. */
export function runScriptOf(run: RunInstruction): RunScript | undefined {
  return memo(run, RUN_SCRIPT, readRunScript).value;
}

function readRunScript(run: RunInstruction): { value: RunScript | undefined } {
  const shell = run.shell;
  if (!shell) return { value: undefined };
  const { calls, summary } = reading(shell.script);
  return { value: { ...summary, shell, script: shell.script, calls } };
}
