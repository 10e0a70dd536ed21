import type { SecretMatch } from '../../analyzers/secrets/index.js';
import { defineImageRule } from '../rule-domain.js';
import { describeLayer, globToRegExp, stringListOption } from './support.js';

export const noSecretsInLayers = defineImageRule({
  meta: {
    id: 'image/no-secrets-in-layers',
    description: 'No private keys, tokens or credential files in any layer, deleted or not',
    severity: 'error',
    messages: {
      secret: '{found} in /{path}{fate}',
    },
    links: [
      { measures: 'dockerfile/no-secret-files-copied', scope: 'layer' },
      { measures: 'context/no-secret-files', scope: 'layer' },
    ],
    severityPerFinding: 'the secret detector judges each match: a private key or a known token format is an error, a weaker sign a warning',
    rationale:
      'A layer is a tar file anyone who can pull the image can unpack (`docker save`, `skopeo copy`, `crane export`). ' +
      'A key that a later `RUN rm` deletes is only hidden from the final filesystem; it stays in the layer that ' +
      'added it. Keep secrets out of the build context (`.dockerignore`) and use `RUN --mount=type=secret`; rotate ' +
      'any secret found here.',
    differences:
      'Trivy scans the same detectors (as data with keyword prefilters) but only the final filesystem of each ' +
      'layer it walks; this rule also names the layer that deletes a secret and why that does not help. dockle ' +
      'looks at file names only. The allow-list is opt-in: nothing is skipped silently.',
    options: {
      allowPaths: {
        description: 'Globs of absolute paths whose matches are accepted (e.g. `**/test/**`, `**/testdata/**`, `**/examples/**`)',
      },
    },
  },
  defaultOptions: { allowPaths: [] as readonly string[] },
  create({ facts: image, options, report }) {
    return {
      end() {
        const allowed = stringListOption(options, 'allowPaths').map(globToRegExp);
        for (const { layer, path, fact, live } of image.facts<SecretMatch[]>('secrets')) {
          if (allowed.some((glob) => glob.test(path))) continue;
          const hiddenBy = live ? undefined : image.tree.wasted.find((w) => w.layer === layer && w.path === path)?.removedBy;
          for (const match of fact) {
            const found = match.redacted ? `${match.title} (\`${match.redacted}\`, line ${match.line})` : match.title;
            const fate = live
              ? ''
              : hiddenBy === undefined
                ? ': the final filesystem no longer shows this copy, but it stays extractable from this layer'
                : hiddenBy === layer
                  ? ': overwritten within the same layer, but the earlier copy is still in the layer tar'
                  : `: ${describeLayer(image, hiddenBy)} deletes or replaces it, but the layer that added it still ships it — anyone can extract it with \`docker save\``;
            report({ severity: match.severity, messageId: 'secret', data: { found, path, fate }, layer, path });
          }
        }
      },
    };
  },
});
