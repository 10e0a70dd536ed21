// Unified diffs of two texts, line by line (Myers' O(ND) shortest edit script), for `fix --dry-run`.

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Lines with their newline kept, so a last line without one differs from the same line with one. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Myers' greedy shortest edit script of a[aStart, aEnd) and b[bStart, bEnd), or undefined once it has taken
 * more than `budget` steps (each diagonal visited and each line compared counts one). The trace keeps only the
 * diagonals each round reached (2d+3 numbers in round d), so the memory is bounded by the budget too.
 */
function editScript(a: string[], aStart: number, aEnd: number, b: string[], bStart: number, bEnd: number, budget: number): Op[] | undefined {
  const n = aEnd - aStart;
  const m = bEnd - bStart;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let work = 0;
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      const snakeStart = x;
      while (x < n && y < m && a[aStart + x] === b[bStart + y]) {
        x++;
        y++;
      }
      work += 1 + x - snakeStart;
      if (work > budget) return undefined;
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const at = (diagonal: number) => vd[diagonal + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: ' ', line: a[aStart + --x]! }), y--;
    if (d > 0) {
      if (x === prevX) ops.push({ kind: '+', line: b[bStart + --y]! });
      else ops.push({ kind: '-', line: a[aStart + --x]! });
    }
  }
  return ops.reverse();
}

/** Steps Myers may take on n + m lines before a cheaper alignment is used: linear in the input. */
const stepBudget = (lines: number) => 16 * lines + 10_000;

/**
 * Lines that occur exactly once in a[aStart, aEnd) and once in b[bStart, bEnd), paired, longest increasing run
 * of them (patience sorting, O(n log n)): anchors that split a large edit into small ones.
 */
function uniqueAnchors(a: string[], aStart: number, aEnd: number, b: string[], bStart: number, bEnd: number): [number, number][] {
  const counts = new Map<string, { a: number; b: number; atA: number; atB: number }>();
  for (let i = aStart; i < aEnd; i++) {
    const entry = counts.get(a[i]!);
    if (entry) entry.a++;
    else counts.set(a[i]!, { a: 1, b: 0, atA: i, atB: -1 });
  }
  for (let j = bStart; j < bEnd; j++) {
    const entry = counts.get(b[j]!);
    if (entry) {
      entry.b++;
      entry.atB = j;
    }
  }
  const pairs: [number, number][] = [];
  for (let j = bStart; j < bEnd; j++) {
    const entry = counts.get(b[j]!);
    if (entry && entry.a === 1 && entry.b === 1) pairs.push([entry.atA, j]);
  }
  // Longest increasing subsequence of the a positions (pairs are in b order).
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length);
  for (let p = 0; p < pairs.length; p++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[tails[middle]!]![0] < pairs[p]![0]) low = middle + 1;
      else high = middle;
    }
    previous[p] = low > 0 ? tails[low - 1]! : -1;
    tails[low] = p;
  }
  const anchors: [number, number][] = [];
  for (let p = tails.length > 0 ? tails.at(-1)! : -1; p !== -1; p = previous[p]!) anchors.push(pairs[p]!);
  return anchors.reverse();
}

/**
 * The edit script of two line lists in time and memory linear in their length: the common head and tail
 * are kept, Myers aligns the rest within a step budget; past it, lines unique to both sides anchor the
 * alignment and each stretch between anchors gets Myers within its own budget, or is shown replaced whole.
 * The diff stays correct; only its minimality is given up, and only on inputs that would cost n².
 */
function lineEdits(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  const same = (from: number, to: number) => {
    for (let i = from; i < to; i++) ops.push({ kind: ' ', line: a[i]! });
  };
  const stretch = (aStart: number, aEnd: number, bStart: number, bEnd: number): Op[] | undefined =>
    editScript(a, aStart, aEnd, b, bStart, bEnd, stepBudget(aEnd - aStart + bEnd - bStart));
  const replaced = (aStart: number, aEnd: number, bStart: number, bEnd: number) => {
    for (let i = aStart; i < aEnd; i++) ops.push({ kind: '-', line: a[i]! });
    for (let j = bStart; j < bEnd; j++) ops.push({ kind: '+', line: b[j]! });
  };
  same(0, head);
  const aEnd = a.length - tail;
  const bEnd = b.length - tail;
  const whole = stretch(head, aEnd, head, bEnd);
  if (whole) {
    for (const op of whole) ops.push(op);
  } else {
    let i = head;
    let j = head;
    for (const [anchorA, anchorB] of [...uniqueAnchors(a, head, aEnd, b, head, bEnd), [aEnd, bEnd] as [number, number]]) {
      const part = stretch(i, anchorA, j, anchorB);
      if (part) for (const op of part) ops.push(op);
      else replaced(i, anchorA, j, anchorB);
      same(anchorA, Math.min(anchorA + 1, aEnd));
      i = anchorA + 1;
      j = anchorB + 1;
    }
  }
  same(aEnd, a.length);
  return ops;
}

/** A unified diff with 3 lines of context, or '' when the texts are equal. */
export function unifiedDiff(before: string, after: string, fileA: string, fileB = fileA, context = 3): string {
  if (before === after) return '';
  const ops = lineEdits(splitLines(before), splitLines(after));
  const out = [`--- ${fileA}`, `+++ ${fileB}`];
  let i = 0;
  let lineA = 1;
  let lineB = 1;
  const positions = ops.map((op) => {
    const at = { a: lineA, b: lineB };
    if (op.kind !== '+') lineA++;
    if (op.kind !== '-') lineB++;
    return at;
  });
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are within 2×context lines of each other.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ' && next - end < 2 * context) next++;
      if (next < ops.length && ops[next]!.kind !== ' ') end = next;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    const hunk = ops.slice(start, end);
    const countA = hunk.filter((op) => op.kind !== '+').length;
    const countB = hunk.filter((op) => op.kind !== '-').length;
    const from = positions[start]!;
    const range = (line: number, count: number) => (count === 1 ? `${line}` : `${count === 0 ? line - 1 : line},${count}`);
    out.push(`@@ -${range(from.a, countA)} +${range(from.b, countB)} @@`);
    for (const op of hunk) {
      if (op.line.endsWith('\n')) out.push(`${op.kind}${op.line.slice(0, -1)}`);
      else out.push(`${op.kind}${op.line}`, '\\ No newline at end of file');
    }
    i = end;
    start = end;
  }
  return `${out.join('\n')}\n`;
}
