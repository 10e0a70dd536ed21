import type { BuildTool } from '../../analyzers/build-tools/index.js';
import type { DpkgPackage } from '../../analyzers/dpkg/index.js';
import type { ApkPackage } from '../../analyzers/apk/index.js';
import { formatBytesSI } from '../../core/format.js';
import { defineImageRule } from '../rule-domain.js';

// Packages that exist to build software: toolchains, build systems, and header (-dev) packages.
const BUILD_PACKAGE = /^(?:build-essential|build-base|gcc(?:-\d+)?|g\+\+(?:-\d+)?|cpp(?:-\d+)?|clang(?:-\d+)?|llvm(?:-\d+)?|make|cmake|ninja-build|autoconf|automake|libtool|golang(?:-\d[\d.]*)?(?:-go)?|rustc|cargo|musl-dev|.+-dev|.+-devel)$/;

const PACKAGE_FAMILY: Record<string, string> = { gcc: 'gcc', 'g++': 'g++', cc1: 'cpp', clang: 'clang', go: 'golang', rustc: 'rustc', make: 'make' };

export const noBuildTools = defineImageRule({
  meta: {
    id: 'image/no-build-tools',
    description: 'No compilers, build systems or header packages in the final image',
    severity: 'warning',
    messages: {
      headers: '{name} {version} is installed{size}: header packages are only needed to compile',
      buildPackage: '{name} {version} is installed{size}: a build tool has no place in a runtime image',
      packageManager: '/{path} ({tool}) ships in an image without a shell: a distroless-style runtime should not carry a package manager',
      tool: '/{path} ({tool}, a {kind}) is in the final image',
    },
    links: [{ measures: 'dockerfile/no-build-tools-in-final-stage', scope: 'layer' }],
    rationale:
      'Compilers and `-dev` packages are needed to build, not to run: they add tens to hundreds of MB and hand an ' +
      'attacker a toolchain. Build in a builder stage and copy only the artifact into a slim, distroless or ' +
      'scratch runtime. A package manager in a distroless-style image (no shell) defeats its purpose.',
    differences:
      'dockle cannot check this (CIS-DI-0003 "not supported"); `dockerfile/no-build-tools-in-final-stage` reads the ' +
      'Dockerfile, this rule the files and package databases of the image as built.',
  },
  create({ facts: image, report }) {
    return {
      end() {
        const reported = new Set<string>();
        const packages = [
          ...image.facts<DpkgPackage[]>('dpkg').filter((f) => f.live),
          ...image.facts<ApkPackage[]>('apk').filter((f) => f.live),
        ];
        for (const pkg of image.packages) {
          if (pkg.ecosystem === 'npm' || !BUILD_PACKAGE.test(pkg.name)) continue;
          const bytes = packages.flatMap((f) => f.fact).find((p) => p.name === pkg.name)?.installedBytes;
          reported.add(pkg.name);
          report({
            messageId: pkg.name.endsWith('-dev') || pkg.name.endsWith('-devel') ? 'headers' : 'buildPackage',
            data: { name: pkg.name, version: pkg.version, size: bytes ? ` (${formatBytesSI(bytes)})` : '' },
            layer: pkg.layerIndex - 1,
            path: pkg.path.slice(1),
            ...(bytes ? { bytes } : {}),
          });
        }
        const shell = image.tree.resolve('bin/sh');
        const distroless = !('node' in shell);
        for (const { layer, path, fact, live } of image.facts<BuildTool>('build-tools')) {
          if (!live) continue;
          if (fact.category === 'package-manager' && !distroless) continue;
          // The package finding already names it (and its installed size).
          const family = PACKAGE_FAMILY[fact.tool];
          if (family && [...reported].some((name) => name.startsWith(family))) continue;
          const node = image.tree.get(path);
          const bytes = node?.entry?.kind === 'file' ? node.entry.size : undefined;
          report({
            ...(fact.category === 'package-manager'
              ? { messageId: 'packageManager' as const, data: { path, tool: fact.tool } }
              : { messageId: 'tool' as const, data: { path, tool: fact.tool, kind: fact.category === 'compiler' ? 'compiler' : 'build system' } }),
            layer,
            path,
            ...(bytes ? { bytes } : {}),
          });
        }
      },
    };
  },
});
