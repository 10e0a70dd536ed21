// What distribution packages are for: which ones are compilers, build toolchains or development headers —
// needed to build software, dead weight (and attack surface) in the image that runs it.

/** The package managers whose package names this table knows: Debian/Ubuntu, Alpine, RPM distributions (and SUSE). */
export type PackageFamily = 'deb' | 'apk' | 'rpm';

export type BuildToolKind = 'compiler' | 'toolchain' | 'headers';

const COMPILERS: Record<PackageFamily, readonly string[]> = {
  deb: ['gcc', 'g++', 'cpp', 'clang', 'llvm', 'gfortran', 'golang', 'golang-go', 'rustc', 'cargo', 'nasm', 'yasm', 'tcc', 'default-jdk', 'default-jdk-headless'],
  apk: ['gcc', 'g++', 'clang', 'llvm', 'gfortran', 'go', 'rust', 'cargo', 'nasm', 'yasm', 'tcc'],
  rpm: ['gcc', 'gcc-c++', 'cpp', 'clang', 'llvm', 'gcc-gfortran', 'golang', 'rust', 'cargo', 'nasm', 'yasm'],
};

const TOOLCHAINS: Record<PackageFamily, readonly string[]> = {
  deb: [
    'build-essential', 'make', 'cmake', 'autoconf', 'automake', 'libtool', 'libtool-bin', 'pkg-config', 'pkgconf', 'ninja-build',
    'meson', 'bison', 'flex', 'm4', 'dpkg-dev', 'binutils', 'ccache', 'maven', 'gradle', 'scons', 'swig',
  ],
  apk: [
    'build-base', 'make', 'cmake', 'autoconf', 'automake', 'libtool', 'pkgconf', 'pkgconfig', 'samurai', 'ninja', 'meson', 'bison',
    'flex', 'm4', 'binutils', 'ccache', 'maven', 'gradle', 'scons', 'swig', 'musl-dev', 'linux-headers', 'fortify-headers', 'libc-dev',
  ],
  rpm: [
    'make', 'cmake', 'autoconf', 'automake', 'libtool', 'pkgconfig', 'pkgconf', 'pkgconf-pkg-config', 'ninja-build', 'meson',
    'bison', 'flex', 'm4', 'binutils', 'ccache', 'maven', 'gradle', 'scons', 'swig', 'rpm-build', 'kernel-headers', 'glibc-devel',
  ],
};

const VERSIONED_COMPILER = /^(?:gcc|g\+\+|cpp|clang|llvm|gfortran|golang)-\d+(?:\.\d+)?$/;
const JDK = /^(?:openjdk-?\d+-jdk(?:-headless)?|java-[\d.]+-openjdk-devel|openjdk\d+(?:-jdk)?|temurin-\d+-jdk)$/;

const lookup = new Map<string, BuildToolKind>();
for (const family of ['deb', 'apk', 'rpm'] as const) {
  for (const name of COMPILERS[family]) lookup.set(`${family}:${name}`, 'compiler');
  for (const name of TOOLCHAINS[family]) lookup.set(`${family}:${name}`, 'toolchain');
}

/** Whether a package of this family is a compiler, a build toolchain or development headers; undefined otherwise. */
export function buildToolKind(family: PackageFamily, name: string): BuildToolKind | undefined {
  const bare = name.replace(/[=<>~].*$/, '').replace(/:(?:amd64|arm64|i386|armhf)$/, '');
  const known = lookup.get(`${family}:${bare}`);
  if (known) return known;
  if (VERSIONED_COMPILER.test(bare) || JDK.test(bare)) return 'compiler';
  if (family === 'rpm' ? bare.endsWith('-devel') : bare.endsWith('-dev')) return 'headers';
  if (bare.startsWith('linux-headers')) return 'headers';
  return undefined;
}

/**
 * Official images that are toolchains themselves (SDKs, compilers, `buildpack-deps`): a final stage built on
 * one is meant to build things, and its size comes from the base, not from what a RUN adds.
 */
const TOOLCHAIN_IMAGE =
  /^(?:(?:docker\.io\/)?(?:library\/)?(?:buildpack-deps|golang|rust|gcc|maven|gradle|openjdk|clojure|haskell|swift|elixir|erlang)|mcr\.microsoft\.com\/dotnet\/sdk)(?::|@|$)/;
const JRE_TAG = /:[^@]*jre/;

export function isToolchainImage(base: string): boolean {
  return TOOLCHAIN_IMAGE.test(base) && !JRE_TAG.test(base);
}
