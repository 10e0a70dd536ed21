import type { Finding } from '../../core/finding.js';
import type { HeavyKind } from '../detect.js';
import { formatBytes } from '../../core/format.js';
import type { ContextRule } from '../rule.js';
import { attachAdvice, copiedBy } from './support.js';

export const noHeavyDirs: ContextRule = {
  meta: {
    id: 'context/no-heavy-dirs',
    description: 'Keep dependency directories, build output, virtualenvs and caches out of the build context',
    severity: 'warning',
    fixable: 'unsafe',
    rationale:
      '`node_modules`, virtualenvs, `target/`, `dist/`, coverage and caches are rebuilt inside the image (or never ' +
      'needed there). Sending them makes every build slower, invalidates the cache of `COPY . .` whenever they ' +
      'change, and can ship host-built binaries for the wrong platform. The fix is unsafe only because a build ' +
      'that copies prebuilt output with `COPY . .` would lose it.',
    examples: {
      valid: [
        {
          files: { 'Dockerfile': 'FROM node:20\nCOPY . .\nRUN npm ci\n', 'package.json': '{}', 'node_modules/a/index.js': 'x', '.dockerignore': 'node_modules\n' },
        },
        { description: 'A directory a COPY names is needed', files: { 'Dockerfile': 'FROM nginx\nCOPY dist /usr/share/nginx/html\n', 'package.json': '{}', 'dist/index.html': '<p>', '.dockerignore': '.git\n' } },
      ],
      invalid: [{ files: { 'Dockerfile': 'FROM node:20\nCOPY . .\nRUN npm ci\n', 'package.json': '{}', 'node_modules/a/index.js': 'x' } }],
    },
  },
  check(facts) {
    const byKind = new Map<HeavyKind, string[]>();
    for (const { path, kind } of facts.heavy) {
      // A directory a COPY names explicitly (`COPY dist /srv`) is there on purpose.
      if (facts.copies.some((copy) => copy.names(path))) continue;
      byKind.set(kind, [...(byKind.get(kind) ?? []), path]);
    }
    const findings: Finding[] = [];
    for (const [kind, paths] of byKind) {
      const sized = paths.map((path) => ({ path, bytes: facts.sizeOf(path).bytes })).sort((a, b) => b.bytes - a.bytes);
      const bytes = sized.reduce((sum, p) => sum + p.bytes, 0);
      const shown = sized.slice(0, 3).map((p) => `${p.path} (${formatBytes(p.bytes)})`);
      const copy = copiedBy(facts, sized[0].path);
      const finding: Finding = {
        ruleId: this.meta.id,
        severity: this.meta.severity,
        message:
          `${kind.label} in the build context: ${shown.join(', ')}${sized.length > 3 ? ` and ${sized.length - 3} more` : ''}` +
          (copy ? `; ${copy.instruction} at line ${copy.line} copies them into the image` : '') +
          ': add to .dockerignore',
        location: { file: facts.display(sized[0].path) },
        cost: { bytes },
      };
      findings.push(attachAdvice(facts, finding, sized[0].path));
    }
    return findings;
  },
};
