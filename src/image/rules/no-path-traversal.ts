import type { ImageRule } from './types.js';

export const noPathTraversal: ImageRule = {
  meta: {
    id: 'image/no-path-traversal',
    description: 'Layer archives hold no entries that resolve outside the root',
    severity: 'error',
    rationale:
      'A tar entry named `../x` (or `a/../../x`) resolves outside the directory it is extracted into: Docker and ' +
      'containerd refuse such a layer, and a careless extractor writes outside its target (CVE-2018-15664 family). ' +
      'Absolute names and symlinks pointing above the root are legal inside a container but turn into host paths ' +
      'for a naive `tar -x` of the layer. No build tool writes these: they mean a hand-made or hostile layer.',
    differences: 'Neither dive nor Trivy report these; both silently drop or clean the names.',
  },
  check(context) {
    for (const layer of context.layers) {
      for (const problem of layer.problems) {
        if (problem.kind === 'escapes-root') {
          context.report({
            message: `tar entry \`${problem.rawPath}\` resolves outside the root: Docker refuses to extract this layer; shipshape skipped the entry`,
            layer: layer.index,
          });
        } else if (problem.kind === 'absolute-path') {
          context.report({
            severity: 'warning',
            message: `tar entry \`${problem.rawPath}\` has an absolute name: read as relative to the root, but \`tar -xP\` would write it to the host`,
            layer: layer.index,
          });
        } else {
          context.report({
            severity: 'warning',
            message: `link \`${problem.rawPath}\` → \`${problem.linkTarget}\` points above the root: harmless inside the container, a write outside the target for a naive extractor`,
            layer: layer.index,
          });
        }
      }
    }
  },
};
