// What shipshape knows about common base images: which tags are full images with a slimmer sibling, which
// are toolchains that should not ship, which OS family an image belongs to (to create a user with the tools
// it has), and which run as a non-root user by default. Only Docker Hub official images and a few
// well-known vendors are described; anything else is unknown, and rules stay quiet about what they cannot know.
import { officialImageName, type ImageRef } from '../rules/util/image-ref.js';
import { knownNonRootImage } from './non-root-images.js';

/** Debian and Ubuntu release code names as they appear in official image tags. */
const DEBIAN_SUITES = new Set(['jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie', 'forky']);
const UBUNTU_SUITES = new Set(['xenial', 'bionic', 'focal', 'jammy', 'noble', 'oracular', 'plucky']);

/** A version (`20`, `3.12.1`, `3.13.0rc1`) or a release alias (`lts`, `iron`, `current`); no `-` inside. */
const TAG_VERSION = /^[a-z0-9][a-z0-9._]*$/;

export type SlimAdvice =
  /** The same image family has a slimmer tag with the same OS: the tag can be rewritten. */
  | { kind: 'variant'; tag: string; advice: string }
  /** A build toolchain as the runtime image: the answer is a multi-stage build, not a tag. */
  | { kind: 'toolchain'; advice: string };

interface SlimFamily {
  /** The slim tag for a full tag, or undefined when the tag is not a full variant (already slim, alpine, Windows…). */
  slimTag(tag: string): string | undefined;
  advice: string;
}

function splitSuite(tag: string): { version: string; suite?: string } | undefined {
  const dash = tag.indexOf('-');
  if (dash === -1) return TAG_VERSION.test(tag) ? { version: tag } : undefined;
  const version = tag.slice(0, dash);
  const suite = tag.slice(dash + 1);
  if (!TAG_VERSION.test(version) || !DEBIAN_SUITES.has(suite)) return undefined;
  return { version, suite };
}

/** node puts the suite before `-slim` (`20-bookworm-slim`); python, ruby and perl after it (`3.12-slim-bookworm`). */
const suiteThenSlim = (tag: string): string | undefined => {
  const parts = splitSuite(tag);
  if (!parts) return undefined;
  return parts.suite ? `${parts.version}-${parts.suite}-slim` : `${parts.version}-slim`;
};
const slimThenSuite = (tag: string): string | undefined => {
  const parts = splitSuite(tag);
  if (!parts) return undefined;
  return parts.suite ? `${parts.version}-slim-${parts.suite}` : `${parts.version}-slim`;
};

const SLIM_FAMILIES: Record<string, SlimFamily> = {
  node: { slimTag: suiteThenSlim, advice: 'the `-slim` variant (Debian without build tools), `-alpine`, or a distroless Node.js image' },
  python: { slimTag: slimThenSuite, advice: 'the `-slim` variant (Debian without build tools), or a distroless Python image' },
  ruby: { slimTag: slimThenSuite, advice: 'the `-slim` variant (Debian without build tools)' },
  perl: { slimTag: slimThenSuite, advice: 'the `-slim` variant (Debian without build tools)' },
  debian: {
    // `bookworm`, `12`, `12.5`, `stable`, `bookworm-20240311`: each has a `-slim` twin.
    slimTag: (tag) => {
      const match = /^([a-z]+|\d+(?:\.\d+)*)(-\d{8})?$/.exec(tag);
      if (!match || ['latest', 'experimental', 'rc-buggy'].includes(match[1]!)) return undefined;
      return `${tag}-slim`;
    },
    advice: 'the `-slim` variant (no man pages, locales or docs)',
  },
  openjdk: {
    // `17`, `17-jdk`, `17-jdk-bullseye`, `17-bullseye` → `17-jdk-slim[-suite]`.
    slimTag: (tag) => {
      const match = /^(\d[\w.]*?)(-jdk)?(?:-([a-z]+))?$/.exec(tag);
      if (!match) return undefined;
      const suite = match[3];
      if (suite !== undefined && !DEBIAN_SUITES.has(suite)) return undefined;
      return `${match[1]}-jdk-slim${suite ? `-${suite}` : ''}`;
    },
    advice: 'the `-slim` variant, or better a JRE image such as `eclipse-temurin:<version>-jre` (the JDK compiler is not needed to run)',
  },
  'eclipse-temurin': {
    // `17`, `17-jdk`, `17-jammy`, `17-jdk-jammy`, `17.0.9_9-jdk-alpine` → the same with `jre`.
    slimTag: (tag) => {
      const match = /^(\d[\w.]*?)(?:-jdk)?(?:-([a-z][a-z0-9]*))?$/.exec(tag);
      if (!match) return undefined;
      const variant = match[2];
      if (variant !== undefined && variant !== 'alpine' && !UBUNTU_SUITES.has(variant)) return undefined;
      return `${match[1]}-jre${variant ? `-${variant}` : ''}`;
    },
    advice: 'the `-jre` variant: a Java runtime without the compiler and tools of the JDK',
  },
};

/** Images that are compilers and build tools: they belong in a builder stage, never in the runtime image. */
const TOOLCHAINS: Record<string, string> = {
  golang: 'build the binary in a `golang` stage and copy it into `gcr.io/distroless/static`, `alpine` or `scratch`',
  rust: 'build in a `rust` stage and copy the binary into `debian:<suite>-slim`, `gcr.io/distroless/cc` or `alpine`',
  gcc: 'compile in a `gcc` stage and copy the binary into a slim runtime image',
  'buildpack-deps': 'compile in a builder stage and copy the artifacts into a slim runtime image',
  maven: 'package in a `maven` stage and run the jar on a JRE image such as `eclipse-temurin:<version>-jre`',
  gradle: 'build in a `gradle` stage and run the jar on a JRE image such as `eclipse-temurin:<version>-jre`',
};

const DOTNET_SDK = 'dotnet/sdk';

function isWindowsTag(tag: string): boolean {
  return /windowsservercore|nanoserver|ltsc\d{4}/.test(tag);
}

/**
 * Advice when an image is a full base or a toolchain with a leaner way to run. Not described on purpose:
 * `php` (its Debian tags already build on `debian:*-slim`; the only leaner tags are `-alpine`, a change of libc
 * and package manager), `ubuntu` (no slim tag exists), Windows tags, and anything outside Docker Hub's
 * official images except the .NET SDK.
 */
export function slimAdvice(ref: ImageRef): SlimAdvice | undefined {
  if (ref.domain === 'mcr.microsoft.com' && ref.repository === DOTNET_SDK) {
    if (ref.tag !== undefined && isWindowsTag(ref.tag)) return undefined;
    return { kind: 'toolchain', advice: 'publish in a `dotnet/sdk` stage and run on `mcr.microsoft.com/dotnet/aspnet` or `dotnet/runtime`' };
  }
  const name = officialImageName(ref);
  if (name === undefined) return undefined;
  const toolchain = TOOLCHAINS[name];
  if (toolchain !== undefined) {
    if (ref.tag !== undefined && isWindowsTag(ref.tag)) return undefined;
    return { kind: 'toolchain', advice: toolchain };
  }
  const family = SLIM_FAMILIES[name];
  if (family === undefined || ref.tag === undefined) return undefined;
  const tag = family.slimTag(ref.tag);
  return tag === undefined ? undefined : { kind: 'variant', tag, advice: family.advice };
}

/** How a user can be created in an image: the tools it has. */
export type OsFamily = 'alpine' | 'busybox' | 'debian' | 'distroless' | 'windows';

/**
 * Official images that are not Debian or Ubuntu based (other distributions, or RPM-based defaults such as
 * mysql and the newer openjdk tags on Oracle Linux): their user tools are not assumed.
 */
const OFFICIAL_NOT_DEBIAN = new Set([
  'alpine', 'busybox', 'scratch', 'amazonlinux', 'fedora', 'centos', 'rockylinux', 'almalinux', 'oraclelinux',
  'photon', 'clearlinux', 'archlinux', 'mageia', 'sl', 'mysql',
]);

export function isWindowsImage(ref: ImageRef): boolean {
  if (ref.domain === 'mcr.microsoft.com' && /^windows\b|nanoserver|servercore/.test(ref.repository)) return true;
  return ref.tag !== undefined && isWindowsTag(ref.tag);
}

/** The OS family of an image, when it can be told from its name and tag. */
export function osFamily(ref: ImageRef): OsFamily | undefined {
  if (isWindowsImage(ref)) return 'windows';
  if (ref.domain === 'gcr.io' && ref.repository.startsWith('distroless/')) return 'distroless';
  const tag = ref.tag ?? '';
  const name = officialImageName(ref);
  if (name === 'alpine' || tag.includes('alpine') || /(^|[/-])alpine/.test(ref.repository)) return 'alpine';
  if (name === 'busybox' || /(^|[/-])busybox/.test(ref.repository)) return 'busybox';
  if (/oraclelinux|ubi\d|amazonlinux/.test(tag)) return undefined;
  if (name !== undefined && !OFFICIAL_NOT_DEBIAN.has(name)) return 'debian';
  if (/(^|-)(slim|bookworm|bullseye|buster|trixie|jammy|noble|focal)(-|$)/.test(tag)) return 'debian';
  return undefined;
}

/** A non-root user an image already defines, to switch to instead of creating one. */
export function builtInUser(ref: ImageRef): string | undefined {
  if (officialImageName(ref) === 'node' && !isWindowsImage(ref)) return 'node';
  return undefined;
}

/** Images that set a non-root USER in their own config, so a stage on them without USER is not root. */
export function runsAsNonRootByDefault(ref: ImageRef): boolean {
  return knownNonRootImage(ref.domain, ref.repository, ref.tag) !== undefined;
}

/**
 * Commands whose only job is to drop root for the main process (an entrypoint starts as root to fix volume
 * ownership, then execs the service as its own user): official database and queue images work this way.
 */
export const PRIVILEGE_DROP_COMMANDS: readonly string[] = ['gosu', 'su-exec', 'setpriv', 's6-setuidgid', 'chpst', 'runuser'];

/**
 * Official images whose entrypoint starts as root only to fix volume ownership and then runs the server as
 * its own user (with gosu or su-exec): a stage built on one that keeps its ENTRYPOINT is not a root service.
 */
const ENTRYPOINT_DROPS_PRIVILEGES = new Set(['postgres', 'mysql', 'mariadb', 'mongo', 'redis', 'rabbitmq', 'cassandra', 'couchdb']);

export function entrypointDropsPrivileges(ref: ImageRef): boolean {
  const name = officialImageName(ref);
  return name !== undefined && ENTRYPOINT_DROPS_PRIVILEGES.has(name);
}

/**
 * Official web servers whose master process must start as root (to bind port 80 and open logs) and hands the
 * work to an unprivileged user itself: a USER line breaks them. The non-root answer is another image
 * (`nginxinc/nginx-unprivileged`) or a reconfigured port, not a USER line.
 */
export function needsRootToStart(ref: ImageRef): boolean {
  const name = officialImageName(ref);
  if (name === 'nginx' || name === 'httpd') return true;
  const tag = ref.tag ?? '';
  // php's default variant is the CLI; wordpress's is Apache (its others are `fpm` and `cli`).
  if (name === 'php') return tag.includes('apache');
  return name === 'wordpress' && !/fpm|cli/.test(tag);
}
