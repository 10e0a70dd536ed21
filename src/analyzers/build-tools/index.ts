import type { FileAnalyzer } from '../types.js';

export type BuildToolCategory = 'compiler' | 'build-system' | 'package-manager';

export interface BuildTool {
  tool: string;
  category: BuildToolCategory;
}

// Paths of compilers and build systems as Debian, Alpine and the official language images install them.
const TOOLS: readonly { pattern: RegExp; tool: string; category: BuildToolCategory }[] = [
  { pattern: /^usr\/(?:local\/)?bin\/(?:[a-z0-9_]+-linux-gnu-)?gcc(?:-\d+)?$/, tool: 'gcc', category: 'compiler' },
  { pattern: /^usr\/(?:local\/)?bin\/(?:[a-z0-9_]+-linux-gnu-)?g\+\+(?:-\d+)?$/, tool: 'g++', category: 'compiler' },
  { pattern: /^usr\/(?:lib|libexec)\/gcc\/[^/]+\/[^/]+\/cc1(?:plus)?$/, tool: 'cc1', category: 'compiler' },
  { pattern: /^usr\/(?:local\/)?bin\/clang(?:-\d+)?$/, tool: 'clang', category: 'compiler' },
  { pattern: /^usr\/lib\/llvm-\d+\/bin\/clang$/, tool: 'clang', category: 'compiler' },
  { pattern: /^usr\/(?:local\/)?go\/bin\/go$|^usr\/lib\/go(?:-[\d.]+)?\/bin\/go$/, tool: 'go', category: 'compiler' },
  { pattern: /(?:^|\/)(?:\.cargo|cargo|rustup\/toolchains\/[^/]+)\/bin\/rustc$|^usr\/(?:local\/)?bin\/rustc$/, tool: 'rustc', category: 'compiler' },
  { pattern: /^usr\/(?:local\/)?bin\/javac$|^(?:usr|opt)\/.*\/bin\/javac$/, tool: 'javac', category: 'compiler' },
  { pattern: /^usr\/(?:local\/)?bin\/(?:g|gnu)?make$/, tool: 'make', category: 'build-system' },
  { pattern: /^usr\/(?:local\/)?bin\/(?:cmake|ninja|autoconf|automake|libtool)$/, tool: 'cmake/ninja/autotools', category: 'build-system' },
  { pattern: /^usr\/bin\/(?:apt|apt-get|dpkg)$/, tool: 'apt/dpkg', category: 'package-manager' },
  { pattern: /^s?bin\/apk$|^usr\/s?bin\/apk$/, tool: 'apk', category: 'package-manager' },
  { pattern: /^usr\/(?:local\/)?bin\/(?:pip3?|pip3\.\d+)$/, tool: 'pip', category: 'package-manager' },
  { pattern: /^usr\/(?:local\/)?bin\/(?:npm|yarn|pnpm)$/, tool: 'npm/yarn/pnpm', category: 'package-manager' },
];

/** Compilers, build systems and package managers, found by path. Header only. */
export const buildToolsAnalyzer: FileAnalyzer<BuildTool> = {
  name: 'build-tools',
  version: 1,
  description: 'compilers (gcc, cc1, g++, clang, go, rustc, javac), build systems and package managers',
  maxFileBytes: 0,
  wants(path, entry) {
    if (entry.kind !== 'file' && entry.kind !== 'symlink' && entry.kind !== 'hardlink') return false;
    if (!path.includes('bin/') && !path.includes('/cc1')) return false;
    return TOOLS.some((t) => t.pattern.test(path));
  },
  analyze({ path }) {
    const match = TOOLS.find((t) => t.pattern.test(path));
    return match ? { tool: match.tool, category: match.category } : undefined;
  },
};
