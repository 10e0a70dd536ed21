// Moving a parsed tree from the coordinates of one text into those of another: used for scripts parsed
// from an unescaped copy of the source (nested `sh -c` scripts, backquotes with escapes), and by callers
// that parse joined RUN text and want offsets in the Dockerfile.

/**
 * Rewrites, in place, every `start`/`end` (and a syntax error's `offset`) reachable from `root`.
 * `mapStart(o)` maps an offset that starts a node; `mapEnd(o)` an exclusive end offset. Each object is
 * visited once, so shared nodes are mapped once.
 */
export function remapOffsets(root: unknown, mapStart: (offset: number) => number, mapEnd: (offset: number) => number): void {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as Record<string, unknown>;
    if (typeof node.start === 'number' && typeof node.end === 'number') {
      const start = mapStart(node.start);
      node.end = node.end <= node.start ? start : Math.max(start, mapEnd(node.end));
      node.start = start;
    } else if (typeof node.offset === 'number' && typeof node.message === 'string') {
      node.offset = mapStart(node.offset);
    }
    for (const key in node) visit(node[key]);
  };
  visit(root);
}

/**
 * Moves a parsed script into the coordinates of another text, in place: `map(o)` gives, for each
 * character offset `o` of the parsed source, the offset of that character in the other text (e.g. the
 * Dockerfile a RUN's joined lines came from). A node's end is mapped as the end of its last character.
 */
export function mapShellOffsets(script: object, map: (offset: number) => number): void {
  remapOffsets(script, map, (end) => map(end - 1) + 1);
}
