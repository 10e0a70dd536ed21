import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { unifiedDiff } from './diff.js';

function gnuDiff(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'diff-'));
  writeFileSync(join(dir, 'a'), before);
  writeFileSync(join(dir, 'b'), after);
  try {
    return execFileSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

/** The hunks of a unified diff, without the file header lines (which carry names and times). */
const hunks = (diff: string) => diff.split('\n').filter((line) => !line.startsWith('---') && !line.startsWith('+++')).join('\n');

test('equal texts have no diff', () => {
  assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'f'), '');
});

const cases: [string, string][] = [
  ['FROM x\nMAINTAINER me\nRUN a\n', 'FROM x\nLABEL a="me"\nRUN a\n'],
  ['1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n', '1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\nfourteen\n15\n'],
  ['a\nb\nc\n', 'c\nb\na\n'],
  ['', 'new\nfile\n'],
  ['only\n', ''],
  ['1\n2\n3\n4\n5\n6\n7\n', '1\n2\nx\n4\n5\n6\ny\n'],
  ['FROM x\nRUN a', 'FROM x\nRUN a\n'],
  ['FROM x\nRUN a', 'FROM y\nRUN a'],
  ['a\nb', 'a\nc'],
];
for (const [before, after] of cases) {
  test(`matches GNU diff -u for ${JSON.stringify(before).slice(0, 30)}…`, () => {
    assert.equal(hunks(unifiedDiff(before, after, 'a', 'b')), hunks(gnuDiff(before, after)));
  });
}
