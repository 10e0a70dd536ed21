import { defineImageRule } from '../rule-domain.js';

export const noPathTraversal = defineImageRule({
  meta: {
    id: 'image/no-path-traversal',
    description: 'Layer archives hold no entries that resolve outside the root',
    severity: 'error',
    messages: {
      escapesRoot: 'tar entry `{path}` resolves outside the root: Docker refuses to extract this layer; shipshape skipped the entry',
      absolutePath: 'tar entry `{path}` has an absolute name: read as relative to the root, but `tar -xP` would write it to the host',
      linkAboveRoot: 'link `{path}` → `{target}` points above the root: harmless inside the container, a write outside the target for a naive extractor',
    },
    severityPerFinding: 'an entry that escapes the root is an error (Docker refuses the layer); an absolute name or a link above the root is a warning',
    rationale:
      'A tar entry named `../x` (or `a/../../x`) resolves outside the directory it is extracted into: Docker and ' +
      'containerd refuse such a layer, and a careless extractor writes outside its target (CVE-2018-15664 family). ' +
      'Absolute names and symlinks pointing above the root are legal inside a container but turn into host paths ' +
      'for a naive `tar -x` of the layer. No build tool writes these: they mean a hand-made or hostile layer.',
    differences: 'Neither dive nor Trivy report these; both silently drop or clean the names.',
  },
  create({ facts: image, report }) {
    return {
      end() {
        for (const layer of image.layers) {
          for (const problem of layer.problems) {
            if (problem.kind === 'escapes-root') {
              report({
                messageId: 'escapesRoot',
                data: { path: problem.rawPath },
                layer: layer.index,
              });
            } else if (problem.kind === 'absolute-path') {
              report({
                severity: 'warning',
                messageId: 'absolutePath',
                data: { path: problem.rawPath },
                layer: layer.index,
              });
            } else {
              report({
                severity: 'warning',
                messageId: 'linkAboveRoot',
                data: { path: problem.rawPath, target: String(problem.linkTarget) },
                layer: layer.index,
              });
            }
          }
        }
      },
    };
  },
});
