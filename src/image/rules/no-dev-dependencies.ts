import type { NpmFact } from '../../analyzers/npm/index.js';
import { formatBytesSI } from '../../core/format.js';
import { defineImageRule } from '../rule-domain.js';

function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function join(dir: string, path: string): string {
  return dir ? `${dir}/${path}` : path;
}

export const noDevDependencies = defineImageRule({
  meta: {
    id: 'image/no-dev-dependencies',
    description: 'No npm devDependencies installed in the final image',
    severity: 'warning',
    messages: {
      installed: '{count} {devDependencies} installed in /{directory} ({size}: {names}): install with `npm ci --omit=dev` in the runtime stage',
    },
    links: [{ measures: 'dockerfile/no-dev-dependencies', scope: 'layer' }],
    rationale:
      'Test runners, bundlers, type checkers and linters are needed to build, not to run, and often outweigh the ' +
      'application several times over (and bring their own vulnerabilities). Install with `npm ci --omit=dev` ' +
      '(or `yarn install --production`, `pnpm install --prod`) in the runtime stage, or prune after the build.',
    differences:
      'Trivy lists npm packages without telling dev from prod in images; `dockerfile/no-dev-dependencies` reads the ' +
      'install command. This rule reads the app\'s own package.json and its lockfile\'s `dev` flags and measures the ' +
      'bytes the dev packages take.',
  },
  create({ facts: image, report }) {
    return {
      end() {
        const npm = image.facts<NpmFact>('npm').filter((f) => f.live);
        const installed = new Map(npm.filter((f) => f.fact.kind === 'installed').map((f) => [dirname(f.path), f]));
        for (const app of npm) {
          if (app.fact.kind !== 'app') continue;
          const root = dirname(app.path);
          const lockfile = npm.find(
            (f) =>
              f.fact.kind === 'lockfile' &&
              (f.path === join(root, 'node_modules/.package-lock.json') || f.path === join(root, 'package-lock.json')),
          );
          const devPaths =
            lockfile?.fact.kind === 'lockfile'
              ? lockfile.fact.devOnly.filter((p) => p.startsWith('node_modules/'))
              : app.fact.devDependencies.map((name) => `node_modules/${name}`);
          const present = devPaths.filter((p) => installed.has(join(root, p)));
          if (present.length === 0) continue;
          const bytes = present.reduce((sum, p) => sum + image.tree.bytesUnder(join(root, p)), 0);
          const names = present.map((p) => p.slice(p.lastIndexOf('node_modules/') + 13));
          const direct = names.filter((n) => app.fact.kind === 'app' && app.fact.devDependencies.includes(n));
          const shown = (direct.length > 0 ? direct : names).slice(0, 5).join(', ');
          const first = installed.get(join(root, present[0]!))!;
          report({
            messageId: 'installed',
            data: {
              count: present.length,
              devDependencies: present.length === 1 ? 'devDependency is' : 'devDependencies are',
              directory: join(root, 'node_modules'),
              size: formatBytesSI(bytes),
              names: `${shown}${names.length > 5 ? ', …' : ''}`,
            },
            layer: first.layer,
            path: join(root, 'node_modules'),
            bytes,
          });
        }
      },
    };
  },
});
