import type { WastedCopy } from '../filetree.js';
import { formatBytesSI } from '../../core/format.js';
import { defineImageRule } from '../rule-domain.js';
import { describeLayer, numberOption } from './support.js';

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

const DEFAULT_MIN_BYTES = 1_000_000;

export const wastedSpace = defineImageRule({
  meta: {
    id: 'image/wasted-space',
    description: 'No bytes shipped in one layer and deleted or overwritten by a later one',
    severity: 'warning',
    messages: {
      twice: '{layer} lists {size} twice ({files}): the earlier copies ship but are never reachable',
      rewritten: '{removedBy} rewrites {size} from {layer} with files of the same size ({files}) — an ownership or mode change that ships every file twice: use `COPY --chown`/`--chmod` or change them in the layer that creates them',
      deleted: '{layer} ships {size} ({files}) that {removedBy} deletes: deleting in a later layer saves nothing, delete in the same RUN',
      overwritten: '{layer} ships {size} ({files}) that {removedBy} overwrites: only the later copy is reachable',
    },
    links: [{ measures: 'dockerfile/use-copy-chown', scope: 'rewritten-layer' }],
    rationale:
      'Layers only add: deleting a file in a later layer writes a whiteout and leaves the bytes in the layer that ' +
      'added them, and changing a file\'s owner or mode (`RUN chown -R`) copies the whole file into a new layer. ' +
      'Every pull downloads both. Delete in the same RUN that creates, use `COPY --chown`/`--chmod`, or build in ' +
      'a builder stage and copy only the result.',
    differences:
      'dive\'s "wasted bytes" count every copy of a path seen in two layers, the copy that is kept included, and ' +
      'miss deleted directories; the cost here is what removing the waste would save: the hidden copies only. ' +
      'The report shows both numbers.',
    options: { minBytes: { description: 'Smallest waste per pair of layers worth a finding, in bytes' } },
  },
  defaultOptions: { minBytes: DEFAULT_MIN_BYTES },
  create({ facts: image, options, report }) {
    return {
      end() {
        const minBytes = numberOption(options, 'minBytes', DEFAULT_MIN_BYTES);
        const groups = new Map<string, WastedCopy[]>();
        for (const copy of image.tree.wasted) {
          const key = `${copy.layer}:${copy.removedBy}:${copy.how}`;
          groups.set(key, [...(groups.get(key) ?? []), copy]);
        }
        for (const copies of groups.values()) {
          const bytes = copies.reduce((sum, c) => sum + c.size, 0);
          if (bytes < minBytes) continue;
          const { layer, removedBy, how } = copies[0]!;
          const largest = copies.reduce((a, b) => (b.size > a.size ? b : a));
          const sameSize = copies.filter((c) => image.tree.get(c.path)?.entry?.size === c.size && image.tree.get(c.path)?.layer === removedBy);
          const metadataOnly = how === 'overwritten' && sameSize.length === copies.length;
          const files = `${copies.length} file${copies.length === 1 ? '' : 's'}, largest /${largest.path}`;
          const data = { layer: describeLayer(image, layer), removedBy: describeLayer(image, removedBy), size: formatBytesSI(bytes), files };
          const messageId = removedBy === layer ? 'twice' : metadataOnly ? 'rewritten' : how === 'deleted' ? 'deleted' : 'overwritten';
          const removal = how === 'deleted' ? 'deletes these files' : metadataOnly ? 'rewrites these files (owner or mode)' : 'overwrites these files';
          report({
            messageId,
            data,
            layer,
            path: commonDirectory(copies.map((c) => c.path)),
            bytes,
            ...(removedBy !== layer ? { related: [{ layer: removedBy, message: removal }] } : {}),
          });
        }
      },
    };
  },
});
