// The typed reading of an instruction, as BuildKit's `instructions` package gives it: which flags each keyword
// accepts and of what kind, and the fields a keyword's arguments mean (COPY's sources and destination, RUN's
// mounts, EXPOSE's ports…). The parser builds them once per instruction; rules read the fields.
import { parseImageRef } from '../rules/util/image-ref.js';
import type {
  ArgDeclaration,
  ExposedPort,
  Flag,
  Instruction,
  InstructionBase,
  KeyValue,
  RunMount,
  Word,
} from './types.js';
import type { RunShell } from './run-shell.js';
import type { RawFlag } from './words.js';

type FlagKind = 'bool' | 'string' | 'strings';

const COPY_FLAGS = { chown: 'string', from: 'string', chmod: 'string', link: 'bool', exclude: 'strings', parents: 'bool' } as const;
const ADD_FLAGS = {
  chown: 'string',
  chmod: 'string',
  link: 'bool',
  'keep-git-dir': 'bool',
  checksum: 'string',
  unpack: 'bool',
  exclude: 'strings',
} as const;
const HEALTHCHECK_FLAGS = { interval: 'string', timeout: 'string', 'start-period': 'string', 'start-interval': 'string', retries: 'string' } as const;

/**
 * The flags each keyword accepts (BuildKit's parse.go). ARG and STOPSIGNAL never read their flags, nor does
 * `HEALTHCHECK NONE`, so BuildKit lets any through there; every other keyword refuses a flag it does not define.
 */
const FLAGS: Partial<Record<string, Readonly<Record<string, FlagKind>>>> = {
  FROM: { platform: 'string' },
  COPY: COPY_FLAGS,
  ADD: ADD_FLAGS,
  RUN: { mount: 'strings', network: 'string', security: 'string', device: 'strings' },
  HEALTHCHECK: HEALTHCHECK_FLAGS,
  CMD: {},
  ENTRYPOINT: {},
  ENV: {},
  EXPOSE: {},
  LABEL: {},
  MAINTAINER: {},
  ONBUILD: {},
  SHELL: {},
  USER: {},
  VOLUME: {},
  WORKDIR: {},
};

export interface FlagProblem {
  message: string;
  flag: RawFlag;
}

/** BuildKit's BFlags.Parse: the first flag it refuses (it stops there), if any. */
export function flagProblem(keyword: string, flags: readonly RawFlag[], healthcheckNone: boolean): FlagProblem | undefined {
  const accepted = healthcheckNone ? undefined : FLAGS[keyword];
  if (!accepted) return undefined;
  const used = new Set<string>();
  for (const flag of flags) {
    const body = flag.text.slice(2);
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq);
    const value = eq === -1 ? undefined : body.slice(eq + 1);
    const kind = Object.hasOwn(accepted, name) ? accepted[name] : undefined;
    if (!kind) return { message: `unknown flag: --${name}`, flag };
    if (used.has(name) && kind !== 'strings') return { message: `duplicate flag specified: --${name}`, flag };
    used.add(name);
    if (kind === 'bool') {
      if (value === '') return { message: `missing a value on flag: --${name}`, flag };
      if (value !== undefined && !['true', 'false'].includes(value.toLowerCase())) {
        return { message: `expecting boolean value for flag --${name}, not: ${value}`, flag };
      }
    } else if (value === undefined) {
      return { message: `missing a value on flag: --${name}`, flag };
    }
  }
  return undefined;
}

/** The first flag of a name that has a value (a later one of the same name is a parse problem). */
function flagNamed(flags: readonly Flag[], name: string): Flag | undefined {
  return flags.find((flag) => flag.name === name && flag.value !== null);
}

/** A boolean flag as BuildKit reads it: bare or `=true` (any case) is true; absent is `absent`. */
function boolFlag<D>(flags: readonly Flag[], name: string, absent: D): boolean | D {
  const flag = flags.find((candidate) => candidate.name === name);
  if (!flag) return absent;
  return flag.value === null || flag.value.toLowerCase() !== 'false';
}

/** The `key=value` fields of a `--mount` flag (BuildKit reads them as one CSV record). */
export function mountFields(value: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const field of value.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq === -1 ? field : field.slice(0, eq)).trim().toLowerCase();
    if (key) options.set(key, eq === -1 ? '' : field.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return options;
}

function runMount(flag: Flag): RunMount {
  const options = mountFields(flag.value ?? '');
  const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
  const required = options.get('required');
  return {
    type: options.get('type') || 'bind',
    target: target?.replace(/\/+$/, '') || target,
    source: options.get('source') ?? options.get('src'),
    from: options.get('from'),
    id: options.get('id'),
    sharing: options.get('sharing'),
    required: required !== undefined && required.toLowerCase() !== 'false',
    mode: options.get('mode'),
    uid: options.get('uid'),
    gid: options.get('gid'),
    env: options.get('env'),
    options,
    flag,
  };
}

const PORT = /^(\d+)(?:-(\d+))?(?:\/(.*))?$/;

function exposedPort(word: Word): ExposedPort {
  const match = word.value.includes('$') ? null : PORT.exec(word.value);
  return {
    word,
    port: match ? Number(match[1]) : undefined,
    endPort: match?.[2] !== undefined ? Number(match[2]) : undefined,
    protocol: match?.[3],
  };
}

function argDeclaration(word: Word): ArgDeclaration {
  const eq = word.value.indexOf('=');
  const name = eq === -1 ? word.value : word.value.slice(0, eq);
  return {
    name,
    defaultValue: eq === -1 ? undefined : word.value.slice(eq + 1),
    word,
    nameSpan: { start: word.span.start, end: Math.min(word.span.end, word.span.start + name.length) },
  };
}

/** What parseInstruction has read before the keyword's own fields. */
export interface UntypedInstruction extends InstructionBase {
  keyword: string;
}

/**
 * Adds the fields of the instruction's keyword. `pairs` are ENV's and LABEL's; `shellOf` parses a RUN's script
 * when it is first asked for (the shell in effect depends on the stages, known only once the file is read).
 */
export function typeInstruction(
  base: UntypedInstruction,
  pairs: KeyValue[],
  shellOf: (run: Instruction & { keyword: 'RUN' }) => RunShell | undefined,
): Instruction {
  const { flags, args } = base;
  const first = args[0];
  switch (base.keyword) {
    case 'FROM': {
      const hasName = args[1]?.value.toLowerCase() === 'as';
      return Object.assign(base, {
        keyword: 'FROM' as const,
        known: true as const,
        image: first,
        reference: first && !first.value.includes('$') ? parseImageRef(first.value) : undefined,
        platform: flagNamed(flags, 'platform'),
        as: hasName ? args[1] : undefined,
        stageName: hasName ? args[2] : undefined,
      });
    }
    case 'COPY':
    case 'ADD': {
      const copied = {
        sources: args.slice(0, -1),
        destination: args.length > 1 ? args.at(-1) : undefined,
        chown: flagNamed(flags, 'chown'),
        chmod: flagNamed(flags, 'chmod'),
        link: boolFlag(flags, 'link', false),
        exclude: flags.filter((flag) => flag.name === 'exclude' && flag.value !== null),
      };
      if (base.keyword === 'COPY') {
        return Object.assign(base, copied, {
          keyword: 'COPY' as const,
          known: true as const,
          from: flagNamed(flags, 'from'),
          parents: boolFlag(flags, 'parents', false),
        });
      }
      return Object.assign(base, copied, {
        keyword: 'ADD' as const,
        known: true as const,
        checksum: flagNamed(flags, 'checksum'),
        keepGitDir: boolFlag(flags, 'keep-git-dir', false),
        unpack: boolFlag(flags, 'unpack', undefined),
      });
    }
    case 'RUN': {
      const run = Object.assign(base, {
        keyword: 'RUN' as const,
        known: true as const,
        mounts: flags.filter((flag) => flag.name === 'mount' && flag.value !== null).map(runMount),
        network: flagNamed(flags, 'network'),
        security: flagNamed(flags, 'security'),
        exec: base.json ? args : undefined,
        shell: undefined as RunShell | undefined,
      });
      // Parsed on first use and kept: most rules never ask for the script of an exec-form or PowerShell RUN.
      let shell: { value: RunShell | undefined } | undefined;
      Object.defineProperty(run, 'shell', {
        get: () => (shell ??= { value: shellOf(run) }).value,
        enumerable: true,
      });
      return run;
    }
    case 'ARG':
      return Object.assign(base, { keyword: 'ARG' as const, known: true as const, declarations: args.map(argDeclaration) });
    case 'ENV':
      return Object.assign(base, { keyword: 'ENV' as const, known: true as const, pairs });
    case 'LABEL':
      return Object.assign(base, { keyword: 'LABEL' as const, known: true as const, pairs });
    case 'USER': {
      const value = first?.value;
      const colon = value?.indexOf(':') ?? -1;
      return Object.assign(base, {
        keyword: 'USER' as const,
        known: true as const,
        value: first,
        user: colon === -1 ? value : value!.slice(0, colon),
        group: colon === -1 ? undefined : value!.slice(colon + 1),
      });
    }
    case 'WORKDIR':
      return Object.assign(base, { keyword: 'WORKDIR' as const, known: true as const, path: first });
    case 'EXPOSE':
      return Object.assign(base, { keyword: 'EXPOSE' as const, known: true as const, ports: args.map(exposedPort) });
    case 'HEALTHCHECK': {
      const none = first?.value.toUpperCase() === 'NONE';
      const option = (name: string) => (none ? undefined : flagNamed(flags, name));
      return Object.assign(base, {
        keyword: 'HEALTHCHECK' as const,
        known: true as const,
        type: first,
        none,
        command: args.slice(1),
        interval: option('interval'),
        timeout: option('timeout'),
        startPeriod: option('start-period'),
        startInterval: option('start-interval'),
        retries: option('retries'),
      });
    }
    case 'SHELL':
      return Object.assign(base, { keyword: 'SHELL' as const, known: true as const, argv: base.json ? args.map((word) => word.value) : [] });
    case 'CMD':
    case 'ENTRYPOINT': {
      const form = base.json ? ('exec' as const) : ('shell' as const);
      return base.keyword === 'CMD'
        ? Object.assign(base, { keyword: 'CMD' as const, known: true as const, form, command: args })
        : Object.assign(base, { keyword: 'ENTRYPOINT' as const, known: true as const, form, command: args });
    }
    case 'STOPSIGNAL':
      return Object.assign(base, { keyword: 'STOPSIGNAL' as const, known: true as const, signal: first });
    case 'VOLUME':
      return Object.assign(base, { keyword: 'VOLUME' as const, known: true as const, paths: args });
    case 'MAINTAINER':
      return Object.assign(base, { keyword: 'MAINTAINER' as const, known: true as const, name: first });
    case 'ONBUILD':
      return Object.assign(base, { keyword: 'ONBUILD' as const, known: true as const });
    default:
      return Object.assign(base, { keyword: '' as const, known: false as const });
  }
}

/** Heredoc markers are no source paths: their bodies are the `heredocs` (BuildKit's SourceContents). */
export function dropHeredocSources(instruction: Instruction): void {
  if ((instruction.keyword === 'COPY' || instruction.keyword === 'ADD') && instruction.heredocs.length > 0) {
    instruction.sources = instruction.sources.filter((word) => !/^\d*<</.test(word.value));
  }
}
