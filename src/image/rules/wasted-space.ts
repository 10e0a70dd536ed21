import type { WastedCopy } from '../filetree.js';
import { formatBytes } from '../../core/format.js';
import { describeLayer, numberOption, type ImageRule } from './types.js';

function commonDirectory(paths: readonly string[]): string {
  let common = paths[0]!.split('/').slice(0, -1);
  for (const path of paths) {
    const parts = path.split('/');
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join('/');
}

export const wastedSpace: ImageRule = {
  meta: {
    id: 'image/wasted-space',
    description: 'No bytes shipped in one layer and deleted or overwritten by a later one',
    severity: 'warning',
    rationale:
      'Layers only add: deleting a file in a later layer writes a whiteout and leaves the bytes in the layer that ' +
      'added them, and changing a file\'s owner or mode (`RUN chown -R`) copies the whole file into a new layer. ' +
      'Every pull downloads both. Delete in the same RUN that creates, use `COPY --chown`/`--chmod`, or build in ' +
      'a builder stage and copy only the result.',
    differences:
      'dive\'s "wasted bytes" count every copy of a path seen in two layers, the copy that is kept included, and ' +
      'miss deleted directories; the cost here is what removing the waste would save: the hidden copies only. ' +
      'The report shows both numbers.',
    options: { minBytes: { description: 'Smallest waste per pair of layers worth a finding, in bytes', default: 1_000_000 } },
  },
  check(context) {
    const minBytes = numberOption(context.options, 'minBytes', 1_000_000);
    const groups = new Map<string, WastedCopy[]>();
    for (const copy of context.tree.wasted) {
      const key = `${copy.layer}:${copy.removedBy}:${copy.how}`;
      groups.set(key, [...(groups.get(key) ?? []), copy]);
    }
    for (const copies of groups.values()) {
      const bytes = copies.reduce((sum, c) => sum + c.size, 0);
      if (bytes < minBytes) continue;
      const { layer, removedBy, how } = copies[0]!;
      const largest = copies.reduce((a, b) => (b.size > a.size ? b : a));
      const sameSize = copies.filter((c) => context.tree.get(c.path)?.entry?.size === c.size && context.tree.get(c.path)?.layer === removedBy);
      const metadataOnly = how === 'overwritten' && sameSize.length === copies.length;
      const files = `${copies.length} file${copies.length === 1 ? '' : 's'}, largest /${largest.path}`;
      let message: string;
      if (removedBy === layer) {
        message = `${describeLayer(context, layer)} lists ${formatBytes(bytes)} twice (${files}): the earlier copies ship but are never reachable`;
      } else if (metadataOnly) {
        message = `${describeLayer(context, removedBy)} rewrites ${formatBytes(bytes)} from ${describeLayer(context, layer)} with files of the same size (${files}) — an ownership or mode change that ships every file twice: use \`COPY --chown\`/\`--chmod\` or change them in the layer that creates them`;
      } else if (how === 'deleted') {
        message = `${describeLayer(context, layer)} ships ${formatBytes(bytes)} (${files}) that ${describeLayer(context, removedBy)} deletes: deleting in a later layer saves nothing, delete in the same RUN`;
      } else {
        message = `${describeLayer(context, layer)} ships ${formatBytes(bytes)} (${files}) that ${describeLayer(context, removedBy)} overwrites: only the later copy is reachable`;
      }
      const removal = how === 'deleted' ? 'deletes these files' : metadataOnly ? 'rewrites these files (owner or mode)' : 'overwrites these files';
      context.report({
        message,
        layer,
        path: commonDirectory(copies.map((c) => c.path)),
        bytes,
        ...(removedBy !== layer ? { related: [{ layer: removedBy, message: removal }] } : {}),
      });
    }
  },
};
