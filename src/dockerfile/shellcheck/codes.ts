// ShellCheck's codes as shipshape rules (`SC2086` → `shellcheck/SC2086`), apart from the module that runs it:
// config files and suppressions name these codes, and reading them must not load the runner.
import type { RuleMeta } from '../../core/rule-meta.js';

export const SHELLCHECK_DOMAIN = 'shellcheck';

const SC_CODE = /^SC\d{4}$/;

/** The rule id of a ShellCheck code written `SC2086` or `shellcheck/SC2086`; undefined for anything else. */
export function shellcheckRuleId(code: string): string | undefined {
  const bare = code.startsWith(`${SHELLCHECK_DOMAIN}/`) ? code.slice(SHELLCHECK_DOMAIN.length + 1) : code;
  return SC_CODE.test(bare) ? `${SHELLCHECK_DOMAIN}/${bare}` : undefined;
}

/** The rule a ShellCheck code stands for, so config (`ignored: [SC2086]`) can name it like any rule. */
export function shellcheckRuleMeta(code: string): RuleMeta | undefined {
  const id = shellcheckRuleId(code);
  if (!id) return undefined;
  const bare = id.slice(SHELLCHECK_DOMAIN.length + 1);
  return {
    id,
    description: `ShellCheck ${bare} in RUN scripts`,
    severity: 'warning',
    aliases: [bare],
    rationale: `ShellCheck's check ${bare} (https://www.shellcheck.net/wiki/${bare}), run on the RUN scripts as hadolint runs it; the severity is ShellCheck's (its style is info).`,
  };
}
