import type { Edit, Fix } from './finding.js';

export interface AppliedFixes {
  text: string;
  /** Fixes applied in full. */
  applied: Fix[];
  /** Fixes skipped because an edit overlapped one already applied; a later pass may take them. */
  skipped: Fix[];
}

function byRange(a: Edit, b: Edit): number {
  return a.range[0] - b.range[0] || a.range[1] - b.range[1];
}

/**
 * Applies fixes to a text in one left-to-right copy. A fix is all-or-nothing: if any of its edits
 * overlaps or touches an edit of a fix already taken, the whole fix is skipped for this pass — two fixes
 * that meet at one offset (an insertion where another fix's replacement begins) were each computed without
 * the other and may not compose; the next pass re-lints and offers the skipped one again. A fix's own edits
 * may touch but not overlap.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const taken: Edit[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  const overlaps = (edit: Edit, other: Edit): boolean =>
    edit.range[0] < other.range[1] && other.range[0] < edit.range[1];
  const takenEnds = new TakenEnds(fixes);
  for (const fix of fixes) {
    const edits = [...fix.edits].sort(byRange);
    const valid = edits.every(
      (edit, i) =>
        edit.range[0] >= 0 &&
        edit.range[0] <= edit.range[1] &&
        edit.range[1] <= text.length &&
        (i === 0 || !overlaps(edit, edits[i - 1]!)) &&
        takenEnds.maxEndStartingBy(edit.range[1]) < edit.range[0],
    );
    if (!valid) {
      skipped.push(fix);
      continue;
    }
    for (const edit of edits) takenEnds.take(edit);
    taken.push(...edits);
    applied.push(fix);
  }
  taken.sort(byRange);
  const parts: string[] = [];
  let last = 0;
  for (const edit of taken) {
    parts.push(text.slice(last, edit.range[0]), edit.text);
    last = edit.range[1];
  }
  parts.push(text.slice(last));
  return { text: parts.join(''), applied, skipped };
}

/**
 * The edits taken so far, for "does this edit meet one of them": an edit [a, b] meets a taken [s, e] when
 * s <= b and e >= a, so it meets one exactly when the largest end among the taken edits starting at or
 * before b reaches a. A prefix-maximum tree over the edits' start offsets answers that in O(log n), where
 * comparing with every taken edit made a pass over n fixes cost n².
 */
class TakenEnds {
  private readonly starts: number[];
  private readonly tree: Float64Array;

  constructor(fixes: readonly Fix[]) {
    const starts = [...new Set(fixes.flatMap((fix) => fix.edits.map((edit) => edit.range[0])))].sort((a, b) => a - b);
    this.starts = starts;
    this.tree = new Float64Array(starts.length + 1).fill(-Infinity);
  }

  /** How many known starts are <= offset. */
  private rank(offset: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle]! <= offset) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  take(edit: Edit): void {
    for (let i = this.rank(edit.range[0]); i < this.tree.length; i += i & -i) {
      if (this.tree[i]! < edit.range[1]) this.tree[i] = edit.range[1];
    }
  }

  maxEndStartingBy(offset: number): number {
    let max = -Infinity;
    for (let i = this.rank(offset); i > 0; i -= i & -i) if (this.tree[i]! > max) max = this.tree[i]!;
    return max;
  }
}
