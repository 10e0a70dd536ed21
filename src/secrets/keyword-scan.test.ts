import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeywordScanner } from './keyword-scan.js';

const KEYWORDS = ['xox', 'ghp_', 'github_pat_', 'PRIVATE KEY', '://', 'hf_', 'ehf'];

/** The answer by the obvious method: one substring search per keyword. */
function expected(text: string): number[] {
  return KEYWORDS.flatMap((keyword, index) => (text.includes(keyword) ? [index] : []));
}

/** `text` as bytes starting at `offset` in their ArrayBuffer: the scan reads words aligned to it. */
function bytesAt(text: string, offset: number): Uint8Array {
  const backing = new Uint8Array(text.length + 8).fill(0x78); // 'x' on both sides: must not complete a keyword
  backing.set(Buffer.from(text, 'latin1'), offset);
  return backing.subarray(offset, offset + text.length);
}

const ALIGNMENTS = [0, 1, 2, 3];
const scanner = new KeywordScanner(KEYWORDS);
const scan = (text: string, offset = 0): number[] => [...scanner.scan(bytesAt(text, offset))].sort((a, b) => a - b);

test('finds each keyword at every position and alignment, including the first and the last bytes', () => {
  for (const [index, keyword] of KEYWORDS.entries()) {
    for (let before = 0; before < 6; before++) {
      for (let after = 0; after < 5; after++) {
        const text = `${'.'.repeat(before)}${keyword}${'.'.repeat(after)}`;
        for (const offset of ALIGNMENTS) assert.ok(scan(text, offset).includes(index), `${JSON.stringify(text)} at offset ${offset}`);
      }
    }
  }
});

test('agrees with a substring search on random texts, in every alignment', () => {
  const alphabet = 'xoghp_ithub:/afPRIVATE KEY.e';
  let seed = 7;
  const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  for (let round = 0; round < 2000; round++) {
    const text = Array.from({ length: 1 + random(40) }, () => alphabet[random(alphabet.length)]).join('');
    for (const offset of ALIGNMENTS) assert.deepEqual(scan(text, offset), expected(text), `${JSON.stringify(text)} at offset ${offset}`);
  }
});

test('a keyword cut short by the end of the bytes, or overlapping another, is told apart', () => {
  assert.deepEqual(scan('xo'), []);
  assert.deepEqual(scan('github_pat'), []);
  assert.deepEqual(scan('ehf_'), [5, 6], 'hf_ inside ehf_: both');
  assert.deepEqual(scan('xoxox'), [0]);
  assert.deepEqual(scan(''), []);
});

test('keywords are printable ASCII of three characters or more', () => {
  assert.throws(() => new KeywordScanner(['ab']), /3 characters or more/);
  assert.throws(() => new KeywordScanner(['caf\u00e9']), /printable ASCII/);
});
