import { formatBytesSI } from '../../core/format.js';
import type { HeavyKind } from '../detect.js';
import { defineContextRule } from '../rule-domain.js';
import { adviceFix, copiedBy } from './support.js';

export const noHeavyDirs = defineContextRule({
  meta: {
    id: 'context/no-heavy-dirs',
    description: 'Keep dependency directories, build output, virtualenvs and caches out of the build context',
    severity: 'warning',
    fixable: 'unsafe',
    messages: {
      inContext: '{kind} in the build context: {paths}: add to .dockerignore',
      copied: '{kind} in the build context: {paths}; {instruction} at line {line} copies them into the image: add to .dockerignore',
    },
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
      invalid: [{ files: { 'Dockerfile': 'FROM node:20\nCOPY . .\nRUN npm ci\n', 'package.json': '{}', 'node_modules/a/index.js': 'x' }, output: {'.dockerignore':'# Added by shipshape: keeps these out of the build context\nnode_modules\n'}, findings: [{ messageId: 'copied', file: 'node_modules' }] }],
    },
  },
  create({ facts, report }) {
    return {
      end() {
        const byKind = new Map<HeavyKind, string[]>();
        for (const { path, kind } of facts.heavy) {
          // A directory a COPY names explicitly (`COPY dist /srv`) is there on purpose.
          if (facts.copies.some((copy) => copy.names(path))) continue;
          byKind.set(kind, [...(byKind.get(kind) ?? []), path]);
        }
        for (const [kind, paths] of byKind) {
          const sized = paths.map((path) => ({ path, bytes: facts.sizeOf(path).bytes })).sort((a, b) => b.bytes - a.bytes);
          const bytes = sized.reduce((sum, p) => sum + p.bytes, 0);
          const shown = sized.slice(0, 3).map((p) => `${p.path} (${formatBytesSI(p.bytes)})`);
          const copy = copiedBy(facts, sized[0]!.path);
          const data = { kind: kind.label, paths: `${shown.join(', ')}${sized.length > 3 ? ` and ${sized.length - 3} more` : ''}` };
          const where = { location: { file: facts.display(sized[0]!.path) }, cost: { bytes }, fix: adviceFix(facts, sized[0]!.path) };
          if (copy) report({ messageId: 'copied', data: { ...data, instruction: copy.instruction, line: copy.line }, ...where });
          else report({ messageId: 'inContext', data, ...where });
        }
      },
    };
  },
});
