import type { BuildTool } from '../../analyzers/build-tools/index.js';
import type { DpkgPackage } from '../../analyzers/dpkg/index.js';
import type { ApkPackage } from '../../analyzers/apk/index.js';
import { formatBytes } from '../../core/format.js';
import type { ImageRule } from './types.js';

// Packages that exist to build software: toolchains, build systems, and header (-dev) packages.
const BUILD_PACKAGE = /^(?:build-essential|build-base|gcc(?:-\d+)?|g\+\+(?:-\d+)?|cpp(?:-\d+)?|clang(?:-\d+)?|llvm(?:-\d+)?|make|cmake|ninja-build|autoconf|automake|libtool|golang(?:-\d[\d.]*)?(?:-go)?|rustc|cargo|musl-dev|.+-dev|.+-devel)$/;

const PACKAGE_FAMILY: Record<string, string> = { gcc: 'gcc', 'g++': 'g++', cc1: 'cpp', clang: 'clang', go: 'golang', rustc: 'rustc', make: 'make' };

export const noBuildTools: ImageRule = {
  meta: {
    id: 'image/no-build-tools',
    description: 'No compilers, build systems or header packages in the final image',
    severity: 'warning',
    rationale:
      'Compilers and `-dev` packages are needed to build, not to run: they add tens to hundreds of MB and hand an ' +
      'attacker a toolchain. Build in a builder stage and copy only the artifact into a slim, distroless or ' +
      'scratch runtime. A package manager in a distroless-style image (no shell) defeats its purpose.',
    differences:
      'dockle cannot check this (CIS-DI-0003 "not supported"); `dockerfile/no-build-tools-in-final-stage` reads the ' +
      'Dockerfile, this rule the files and package databases of the image as built.',
  },
  check(context) {
    const reported = new Set<string>();
    const packages = [
      ...context.facts<DpkgPackage[]>('dpkg').filter((f) => f.live),
      ...context.facts<ApkPackage[]>('apk').filter((f) => f.live),
    ];
    for (const pkg of context.packages) {
      if (pkg.ecosystem === 'npm' || !BUILD_PACKAGE.test(pkg.name)) continue;
      const bytes = packages.flatMap((f) => f.fact).find((p) => p.name === pkg.name)?.installedBytes;
      reported.add(pkg.name);
      context.report({
        message: `${pkg.name} ${pkg.version} is installed${bytes ? ` (${formatBytes(bytes)})` : ''}: ${pkg.name.endsWith('-dev') || pkg.name.endsWith('-devel') ? 'header packages are only needed to compile' : 'a build tool has no place in a runtime image'}`,
        layer: pkg.layerIndex - 1,
        path: pkg.path.slice(1),
        ...(bytes ? { bytes } : {}),
      });
    }
    const shell = context.tree.resolve('bin/sh');
    const distroless = !('node' in shell);
    for (const { layer, path, fact, live } of context.facts<BuildTool>('build-tools')) {
      if (!live) continue;
      if (fact.category === 'package-manager' && !distroless) continue;
      // The package finding already names it (and its installed size).
      const family = PACKAGE_FAMILY[fact.tool];
      if (family && [...reported].some((name) => name.startsWith(family))) continue;
      const node = context.tree.get(path);
      const bytes = node?.entry?.kind === 'file' ? node.entry.size : undefined;
      context.report({
        message:
          fact.category === 'package-manager'
            ? `/${path} (${fact.tool}) ships in an image without a shell: a distroless-style runtime should not carry a package manager`
            : `/${path} (${fact.tool}, a ${fact.category === 'compiler' ? 'compiler' : 'build system'}) is in the final image`,
        layer,
        path,
        ...(bytes ? { bytes } : {}),
      });
    }
  },
};
