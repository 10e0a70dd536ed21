// What every fuzz test shares: one seed (a failure prints the seed and path that reproduce it) and a time
// limit per case, so a hang or a blow-up fails the test instead of stalling CI.
import assert from 'node:assert/strict';

export const FUZZ_SEED = 20261207;

/** A case may take this long at most (generous: CI machines are shared); a parser that loops fails here. */
export const CASE_LIMIT_MS = 2_000;

/** Runs one case, failing when it throws anything but `allowed` or takes longer than the case limit. */
export function withinBudget(label: string, run: () => void, allowed: (error: unknown) => boolean): void {
  const start = performance.now();
  try {
    run();
  } catch (error) {
    assert.ok(allowed(error), `${label} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  const ms = performance.now() - start;
  assert.ok(ms < CASE_LIMIT_MS, `${label} took ${ms.toFixed(0)} ms`);
}

/** The same for a case that awaits. */
export async function withinBudgetAsync(label: string, run: () => Promise<void>, allowed: (error: unknown) => boolean): Promise<void> {
  const start = performance.now();
  try {
    await run();
  } catch (error) {
    assert.ok(allowed(error), `${label} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  const ms = performance.now() - start;
  assert.ok(ms < CASE_LIMIT_MS, `${label} took ${ms.toFixed(0)} ms`);
}
