// Table checks for version schemes: each row is asserted both ways round, as the upstream harnesses do.
import assert from 'node:assert/strict';
import { MAX_VERSION_LENGTH, type VersionScheme } from '../../src/vuln/versioning/scheme.js';

export type OrderRow = readonly [string, '<' | '=' | '>', string];

const expected = { '<': -1, '=': 0, '>': 1 } as const;

export function assertOrder(scheme: VersionScheme, rows: readonly OrderRow[]): void {
  for (const [a, op, b] of rows) {
    assert.equal(scheme.compare(a, b), expected[op], `${scheme.name}: ${a} ${op} ${b}`);
    assert.equal(scheme.compare(b, a), -expected[op] || 0, `${scheme.name}: ${b} vs ${a} (reverse of ${op})`);
  }
}

export function assertValidity(scheme: VersionScheme, valid: readonly string[], invalid: readonly string[]): void {
  for (const version of valid) assert.equal(scheme.isValid(version), true, `${scheme.name}: ${JSON.stringify(version)} is valid`);
  for (const version of invalid) assert.equal(scheme.isValid(version), false, `${scheme.name}: ${JSON.stringify(version)} is invalid`);
}

/**
 * Hostile strings at the length limit compare and validate without a backtracking blow-up, and anything
 * longer is refused by compare and called invalid.
 */
export function assertHostileInputIsCheap(scheme: VersionScheme): void {
  const filler = ['1.', 'a', '1a', '0.', '-', '.', '~', '_p', '1-', 'a-1.', '-r', '+a.', '.0', '^', '1:', 'pre'];
  const started = performance.now();
  for (const piece of filler) {
    const long = piece.repeat(Math.floor(MAX_VERSION_LENGTH / piece.length));
    const other = `${long.slice(0, -1)}!`;
    scheme.compare(long, other);
    scheme.compare(other, long);
    scheme.isValid(long);
    scheme.isValid(other);
  }
  // A hang guard, not a speed target (bench/versions.ts measures speed): linear work here takes milliseconds even
  // on a loaded machine, while backtracking over 1,024 characters takes minutes.
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 10_000, `${scheme.name}: hostile inputs took ${elapsed.toFixed(0)} ms`);
  const tooLong = '1'.repeat(MAX_VERSION_LENGTH + 1);
  assert.throws(() => scheme.compare(tooLong, '1'), { name: 'InputError', message: /longer than the 1024 allowed/ });
  assert.throws(() => scheme.compare('1', tooLong), { name: 'InputError' });
  assert.equal(scheme.isValid(tooLong), false);
}
