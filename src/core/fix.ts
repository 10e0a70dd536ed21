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
  const meets = (edit: Edit, other: Edit): boolean =>
    edit.range[0] <= other.range[1] && other.range[0] <= edit.range[1];
  for (const fix of fixes) {
    const edits = [...fix.edits].sort(byRange);
    const valid = edits.every(
      (edit, i) =>
        edit.range[0] >= 0 &&
        edit.range[0] <= edit.range[1] &&
        edit.range[1] <= text.length &&
        (i === 0 || !overlaps(edit, edits[i - 1]!)) &&
        !taken.some((other) => meets(edit, other)),
    );
    if (!valid) {
      skipped.push(fix);
      continue;
    }
    taken.push(...edits);
    applied.push(fix);
  }
  taken.sort(byRange);
  let out = '';
  let last = 0;
  for (const edit of taken) {
    out += text.slice(last, edit.range[0]) + edit.text;
    last = edit.range[1];
  }
  out += text.slice(last);
  return { text: out, applied, skipped };
}
