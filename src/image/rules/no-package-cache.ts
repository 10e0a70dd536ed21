import { formatBytesSI } from '../../core/format.js';
import { defineImageRule } from '../rule-domain.js';
import { describeLayer, numberOption } from './support.js';

interface CacheKind {
  name: string;
  pattern: RegExp;
  advice: string;
}

// Trees that package managers fill during a build and that nothing reads at run time.
export const CACHE_KINDS: readonly CacheKind[] = [
  { name: 'apt lists', pattern: /^var\/lib\/apt\/lists\/(?!lock$)/, advice: 'add `rm -rf /var/lib/apt/lists/*` to the RUN that runs `apt-get update`' },
  { name: 'apt cache', pattern: /^var\/cache\/apt\//, advice: 'add `apt-get clean` (or a cache mount) to the same RUN' },
  { name: 'apk cache', pattern: /^(?:var\/cache\/apk|etc\/apk\/cache)\//, advice: 'use `apk add --no-cache`' },
  { name: 'pip cache', pattern: /^(?:root|home\/[^/]+)\/\.cache\/pip\//, advice: 'use `pip install --no-cache-dir` (or PIP_NO_CACHE_DIR=1)' },
  { name: 'npm cache', pattern: /^(?:root|home\/[^/]+)\/\.npm\/_cacache\//, advice: 'add `npm cache clean --force` to the same RUN, or use a cache mount' },
  { name: 'yarn cache', pattern: /^(?:usr\/local\/share\/\.cache\/yarn|(?:root|home\/[^/]+)\/\.cache\/yarn)\//, advice: 'add `yarn cache clean` to the same RUN, or use a cache mount' },
  { name: 'Go build cache', pattern: /^(?:root|home\/[^/]+)\/\.cache\/go-build\//, advice: 'build in a builder stage, or use a cache mount' },
  { name: '/tmp leftovers', pattern: /^(?:var\/)?tmp\//, advice: 'remove temporary files in the RUN that creates them' },
];

const DEFAULT_MIN_BYTES = 1024;

// Every cache kind lives under one of these: a cheap test before the patterns.
const CACHE_ROOTS = /^(?:var\/|tmp\/|root\/|home\/|etc\/apk\/|usr\/local\/share\/)/;

export const noPackageCache = defineImageRule({
  meta: {
    id: 'image/no-package-cache',
    description: 'No package manager caches or temporary files shipped in any layer',
    severity: 'warning',
    messages: {
      cache: '{layer} leaves {size} of {kind} ({files} under /{top}) {fate}: {advice}',
    },
    links: [
      { measures: 'dockerfile/clean-apt-lists', messageId: 'lists', scope: 'layer', paths: [/^\/var\/lib\/apt\/lists$/] },
      { measures: 'dockerfile/clean-apt-lists', messageId: 'archives', scope: 'layer', paths: [/^\/var\/cache\/apt$/] },
      // the lists of a lone `apt-get update`, when clean-apt-lists (which comes first) is turned off
      { measures: 'dockerfile/no-lone-apt-update', scope: 'layer', paths: [/^\/var\/lib\/apt\/lists$/] },
      { measures: 'dockerfile/use-apk-no-cache', scope: 'layer', paths: [/^\/(?:var\/cache\/apk|etc\/apk\/cache)$/] },
      { measures: 'dockerfile/use-pip-no-cache-dir', scope: 'layer', paths: [/\/\.cache\/pip$/] },
      { measures: 'dockerfile/clean-package-cache', scope: 'layer', paths: [/\/\.npm\/_cacache$/, /\/\.cache\/yarn$/] },
    ],
    aliases: ['DKL-DI-0005'],
    rationale:
      'apt lists, `.deb` archives, apk/pip/npm/yarn caches and `/tmp` leftovers are written by the build and never ' +
      'read by the running container. They cost their size in the layer that wrote them — also when a later layer ' +
      'deletes them, since that only hides them. Clean them in the same RUN (or use a cache mount).',
    differences:
      'dockle (DKL-DI-0005) and hadolint (DL3009) read commands; this rule measures the bytes in the layer and ' +
      'names the instruction that wrote them, and also catches caches "cleaned" in a later layer.',
    options: { minBytes: { description: 'Smallest cache worth a finding, in bytes' } },
  },
  defaultOptions: { minBytes: DEFAULT_MIN_BYTES },
  create({ facts: image, options, report }) {
    return {
      end() {
        const minBytes = numberOption(options, 'minBytes', DEFAULT_MIN_BYTES);
        image.tree.layers.forEach((entries, layer) => {
          const found = new Map<CacheKind, { bytes: number; files: number; liveBytes: number; top: string }>();
          for (const entry of entries) {
            if (entry.kind !== 'file' || !CACHE_ROOTS.test(entry.path)) continue;
            let kind: CacheKind | undefined;
            let prefix = '';
            for (const candidate of CACHE_KINDS) {
              const match = candidate.pattern.exec(entry.path);
              if (match) {
                kind = candidate;
                prefix = match[0].replace(/\/$/, '');
                break;
              }
            }
            if (!kind) continue;
            const totals = found.get(kind) ?? { bytes: 0, files: 0, liveBytes: 0, top: prefix };
            totals.bytes += entry.size;
            totals.files++;
            if (image.tree.isLive(layer, entry.path)) totals.liveBytes += entry.size;
            found.set(kind, totals);
          }
          for (const [kind, totals] of found) {
            if (totals.bytes < minBytes) continue;
            const deleted = totals.bytes - totals.liveBytes;
            const fate =
              deleted === 0
                ? 'that are still in the final image'
                : totals.liveBytes === 0
                  ? 'that a later layer deletes — the bytes still ship in this layer'
                  : `(${formatBytesSI(deleted)} of them deleted by a later layer, which saves nothing)`;
            report({
              messageId: 'cache',
              data: {
                layer: describeLayer(image, layer),
                size: formatBytesSI(totals.bytes),
                kind: kind.name,
                files: `${totals.files} file${totals.files === 1 ? '' : 's'}`,
                top: totals.top,
                fate,
                advice: kind.advice,
              },
              layer,
              path: totals.top,
              bytes: totals.bytes,
            });
          }
        });
      },
    };
  },
});
