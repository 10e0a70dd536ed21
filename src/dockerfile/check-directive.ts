import type { RuleMeta, RuleSetting } from '../core/rule-meta.js';
import { isBuildkitCheckName } from './knowledge/buildkit-checks.js';
import type { BuildCheckDirective } from './parse/index.js';

/**
 * The config's rule settings with a Dockerfile's `# check=` directive applied, as a build of that file would
 * apply it: a rule doing the job of a BuildKit check the directive skips is off for this file, and with
 * `error=true` the findings of those rules are errors. Rules that are no BuildKit check keep their settings.
 */
export function withCheckDirective(
  checks: BuildCheckDirective,
  settings: Readonly<Record<string, RuleSetting>> | undefined,
  metas: Iterable<RuleMeta>,
): Readonly<Record<string, RuleSetting>> | undefined {
  if (!checks.skipAll && checks.skip.length === 0 && !checks.error) return settings;
  const applied: Record<string, RuleSetting> = { ...settings };
  for (const meta of metas) {
    const names = meta.aliases?.filter(isBuildkitCheckName) ?? [];
    if (names.length === 0) continue;
    const setting = applied[meta.id];
    if (checks.skipAll || names.some((name) => checks.skip.includes(name))) applied[meta.id] = { ...setting, severity: 'off' };
    else if (checks.error && setting?.severity !== 'off') applied[meta.id] = { ...setting, severity: 'error' };
  }
  return applied;
}
