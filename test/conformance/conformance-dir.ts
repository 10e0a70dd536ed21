import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Third-party conformance material lives beside the repository, never inside it. */
export function conformanceDir(): string {
  return process.env.SHIPSHAPE_CONFORMANCE_DIR ?? join(repoRoot, '..', 'shared', 'conformance');
}

export function requireConformanceDir(): string {
  const dir = conformanceDir();
  if (!existsSync(dir)) {
    throw new Error(`conformance material not found at ${dir} (set SHIPSHAPE_CONFORMANCE_DIR)`);
  }
  return dir;
}

/** One suite's outcome: how many cases agree, and the floor that CI holds it to. */
export interface SuiteResult {
  suite: string;
  passed: number;
  total: number;
  /** Minimum agreement ratio (0–1) this suite must keep. */
  bar: number;
  failures: string[];
  /** Further measured numbers worth printing (per-group agreement, timings). */
  details?: Record<string, string | number>;
}
