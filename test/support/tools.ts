import { spawnSync } from 'node:child_process';

/**
 * A test's skip reason when a command-line tool it runs is missing here — or `false`, to run it. Under CI=true
 * it is always `false`: CI installs every tool (.ci/run), so a missing one fails the test instead of hiding it.
 */
export function requireTools(tools: readonly string[]): false | string {
  if (process.env.CI === 'true') return false;
  const missing = tools.filter((tool) => spawnSync('sh', ['-c', `command -v "$0"`, tool]).status !== 0);
  return missing.length > 0 ? `not installed here: ${missing.join(', ')} (.ci/run installs them)` : false;
}
