export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The `--fail-on` threshold: a severity, or `none` to never fail on findings. */
export type FailOn = Severity | 'none';
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

export function isFailOn(value: unknown): value is FailOn {
  return value === 'none' || isSeverity(value);
}

export function meetsThreshold(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'none' && RANK[severity] >= RANK[threshold];
}
