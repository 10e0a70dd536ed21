// CVSS base scores computed from vector strings: OSV records carry the vector, never the number.
// v3.0 and v3.1 use the closed formula of the FIRST specification; v4.0 scores by MacroVector: a table of
// expert scores for the 270 equivalence classes, interpolated by the vector's distance from the class's most
// severe vectors (FIRST CVSS v4.0 specification, section 8.2; the reference calculator's algorithm).

export type CvssRating = 'none' | 'low' | 'medium' | 'high' | 'critical';

export interface CvssScore {
  version: '3.0' | '3.1' | '4.0';
  score: number;
  rating: CvssRating;
}

/** The qualitative rating of a score, the same bands for v3 and v4. */
export function cvssRating(score: number): CvssRating {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** Splits `CVSS:x.y/AV:N/...` into its metrics; undefined when a metric repeats or a part is not `KEY:VALUE`. */
function parseMetrics(parts: readonly string[]): Map<string, string> | undefined {
  const metrics = new Map<string, string>();
  for (const part of parts) {
    const colon = part.indexOf(':');
    if (colon <= 0 || colon === part.length - 1) return undefined;
    const key = part.slice(0, colon);
    if (metrics.has(key)) return undefined;
    metrics.set(key, part.slice(colon + 1));
  }
  return metrics;
}

const V3_WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

function weight<T extends Record<string, number>>(table: T, value: string | undefined): number | undefined {
  return value !== undefined && Object.hasOwn(table, value) ? table[value as keyof T] : undefined;
}

/** v3.1's Roundup: the smallest one-decimal number at or above the input, free of floating-point error. */
function roundUp31(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}

function roundUp30(value: number): number {
  return Math.ceil(value * 10) / 10;
}

function cvss3(version: '3.0' | '3.1', metrics: Map<string, string>): CvssScore | undefined {
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return undefined;
  const changed = scope === 'C';
  const av = weight(V3_WEIGHTS.AV, metrics.get('AV'));
  const ac = weight(V3_WEIGHTS.AC, metrics.get('AC'));
  const ui = weight(V3_WEIGHTS.UI, metrics.get('UI'));
  const pr = weight(changed ? { N: 0.85, L: 0.68, H: 0.5 } : { N: 0.85, L: 0.62, H: 0.27 }, metrics.get('PR'));
  const c = weight(V3_WEIGHTS.CIA, metrics.get('C'));
  const i = weight(V3_WEIGHTS.CIA, metrics.get('I'));
  const a = weight(V3_WEIGHTS.CIA, metrics.get('A'));
  if (av === undefined || ac === undefined || ui === undefined || pr === undefined) return undefined;
  if (c === undefined || i === undefined || a === undefined) return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * av * ac * pr * ui;
  const roundUp = version === '3.1' ? roundUp31 : roundUp30;
  let score = 0;
  if (impact > 0) score = roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
  return { version, score, rating: cvssRating(score) };
}

// MacroVector scores in the order of their six digits (EQ1..EQ6) counted up; EQ3=2 exists only with EQ6=1.
const MACROVECTOR_SCORES = [
  '10 9.9 9.8 9.5 9.5 9.2 10 9.6 9.3 8.7 9.1 8.1 9.3 9 8.9 8 8.1 6.8',
  '9.8 9.5 9.5 9.2 9 8.4 9.3 9.2 8.9 8.1 8.1 6.5 8.8 8 7.8 7 6.9 4.8',
  '9.2 8.2 7.2 7.9 6.9 5 6.9 5.5 2.7 9.9 9.7 9.5 9.2 9.2 8.5 9.5 9.1 9',
  '8.3 8.4 7.1 9.2 8.1 8.2 7.1 7.2 5.3 9.5 9.3 9.2 8.5 8.5 7.3 9.2 8.2 8',
  '7.2 7 5.9 8.4 7 7.1 5.2 5 3 8.6 7.5 5.2 7.1 5.2 2.9 6.3 2.9 1.7',
  '9.8 9.5 9.4 8.7 9.1 8.1 9.4 8.9 8.6 7.4 7.7 6.4 8.7 7.5 7.4 6.3 6.3 4.9',
  '9.4 8.9 8.8 7.7 7.6 6.7 8.6 7.6 7.4 5.8 5.9 5 7.2 5.7 5.7 5.2 5.2 2.5',
  '8.3 7 5.4 6.5 5.8 2.6 5.3 2.1 1.3 9.5 9 8.8 7.6 7.6 7 9 7.7 7.5',
  '6.2 6.1 5.3 7.7 6.6 6.8 5.9 5.2 3 8.9 7.8 7.6 6.7 6.2 5.8 7.4 5.9 5.7',
  '5.7 4.7 2.3 6.1 5.2 5.7 2.9 2.4 1.6 7.1 5.9 3 5.8 2.6 1.5 2.3 1.3 0.6',
  '9.3 8.7 8.6 7.2 7.5 5.8 8.6 7.4 7.4 6.1 5.6 3.4 7 5.4 5.2 4 4 2.2',
  '8.5 7.5 7.4 5.5 6.2 5.1 7.2 5.7 5.5 4.1 4.6 1.9 5.3 3.6 3.4 1.9 1.9 0.8',
  '6.4 5.1 2 4.7 2.1 1.1 2.4 0.9 0.4 8.8 7.5 7.3 5.3 6 5 7.3 5.5 5.9',
  '4 4.1 2 5.4 4.3 4.5 2.2 2 1.1 7.5 5.5 5.8 4.5 4 2.1 6.1 5.1 4.8',
  '1.8 2 0.9 4.6 1.8 1.7 0.7 0.8 0.2 5.3 2.4 1.4 2.4 1.2 0.5 1 0.3 0.1',
]
  .join(' ')
  .split(' ')
  .map(Number);

const MACROVECTOR_SCORE = new Map<string, number>();
{
  let next = 0;
  for (let eq1 = 0; eq1 < 3; eq1++)
    for (let eq2 = 0; eq2 < 2; eq2++)
      for (let eq3 = 0; eq3 < 3; eq3++)
        for (let eq4 = 0; eq4 < 3; eq4++)
          for (let eq5 = 0; eq5 < 3; eq5++)
            for (let eq6 = 0; eq6 < 2; eq6++) {
              if (eq3 === 2 && eq6 === 0) continue;
              MACROVECTOR_SCORE.set(`${eq1}${eq2}${eq3}${eq4}${eq5}${eq6}`, MACROVECTOR_SCORES[next++]!);
            }
}

const V4_VALUES: Record<string, readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
  E: ['X', 'A', 'P', 'U'],
  CR: ['X', 'H', 'M', 'L'],
  IR: ['X', 'H', 'M', 'L'],
  AR: ['X', 'H', 'M', 'L'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MAT: ['X', 'N', 'P'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', 'H', 'L', 'N'],
  MVI: ['X', 'H', 'L', 'N'],
  MVA: ['X', 'H', 'L', 'N'],
  MSC: ['X', 'H', 'L', 'N'],
  MSI: ['X', 'S', 'H', 'L', 'N'],
  MSA: ['X', 'S', 'H', 'L', 'N'],
};
const V4_REQUIRED = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'];
// Supplemental metrics change no score; they are accepted and left alone.
const V4_SUPPLEMENTAL = new Set(['S', 'AU', 'R', 'V', 'RE', 'U']);

// Severity distance levels, in tenths: 0 is the most severe value of each metric.
const V4_LEVELS: Record<string, Record<string, number>> = {
  AV: { N: 0, A: 1, L: 2, P: 3 },
  PR: { N: 0, L: 1, H: 2 },
  UI: { N: 0, P: 1, A: 2 },
  AC: { L: 0, H: 1 },
  AT: { N: 0, P: 1 },
  VC: { H: 0, L: 1, N: 2 },
  VI: { H: 0, L: 1, N: 2 },
  VA: { H: 0, L: 1, N: 2 },
  SC: { H: 1, L: 2, N: 3 },
  SI: { S: 0, H: 1, L: 2, N: 3 },
  SA: { S: 0, H: 1, L: 2, N: 3 },
  CR: { H: 0, M: 1, L: 2 },
  IR: { H: 0, M: 1, L: 2 },
  AR: { H: 0, M: 1, L: 2 },
};

// The most severe vectors of each class, per EQ (EQ3 and EQ6 together), as metric values.
const EQ_MAXES: Record<string, Record<string, readonly string[]>> = {
  eq1: { 0: ['AV:N/PR:N/UI:N'], 1: ['AV:A/PR:N/UI:N', 'AV:N/PR:L/UI:N', 'AV:N/PR:N/UI:P'], 2: ['AV:P/PR:N/UI:N', 'AV:A/PR:L/UI:P'] },
  eq2: { 0: ['AC:L/AT:N'], 1: ['AC:H/AT:N', 'AC:L/AT:P'] },
  eq3eq6: {
    '00': ['VC:H/VI:H/VA:H/CR:H/IR:H/AR:H'],
    '01': ['VC:H/VI:H/VA:L/CR:M/IR:M/AR:H', 'VC:H/VI:H/VA:H/CR:M/IR:M/AR:M'],
    '10': ['VC:L/VI:H/VA:H/CR:H/IR:H/AR:H', 'VC:H/VI:L/VA:H/CR:H/IR:H/AR:H'],
    '11': [
      'VC:L/VI:H/VA:L/CR:H/IR:M/AR:H',
      'VC:L/VI:H/VA:H/CR:H/IR:M/AR:M',
      'VC:H/VI:L/VA:H/CR:M/IR:H/AR:M',
      'VC:H/VI:L/VA:L/CR:M/IR:H/AR:H',
      'VC:L/VI:L/VA:H/CR:H/IR:H/AR:M',
    ],
    '21': ['VC:L/VI:L/VA:L/CR:H/IR:H/AR:H'],
  },
  eq4: { 0: ['SC:H/SI:S/SA:S'], 1: ['SC:H/SI:H/SA:H'], 2: ['SC:L/SI:L/SA:L'] },
};

// The depth of each class: its largest severity distance plus one, in tenths.
const EQ_DEPTH = {
  eq1: [1, 4, 5],
  eq2: [1, 2],
  eq3eq6: { '00': 7, '01': 6, '10': 8, '11': 8, '21': 10 } as Record<string, number>,
  eq4: [6, 5, 4],
};

function cvss4(metrics: Map<string, string>): CvssScore | undefined {
  for (const [key, value] of metrics) {
    if (V4_SUPPLEMENTAL.has(key)) continue;
    if (!Object.hasOwn(V4_VALUES, key) || !V4_VALUES[key]!.includes(value)) return undefined;
  }
  if (V4_REQUIRED.some((key) => !metrics.has(key))) return undefined;
  // The effective value: a modified metric overrides its base metric; an unset threat or requirement metric
  // counts as its most severe value.
  const m = (key: string): string => {
    const value = metrics.get(key) ?? 'X';
    if (key === 'E' && value === 'X') return 'A';
    if ((key === 'CR' || key === 'IR' || key === 'AR') && value === 'X') return 'H';
    const modified = metrics.get(`M${key}`);
    return modified !== undefined && modified !== 'X' ? modified : value;
  };
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((key) => m(key) === 'N')) return { version: '4.0', score: 0, rating: 'none' };

  const av = m('AV');
  const pr = m('PR');
  const ui = m('UI');
  const eq1 = av === 'N' && pr === 'N' && ui === 'N' ? 0 : (av === 'N' || pr === 'N' || ui === 'N') && av !== 'P' ? 1 : 2;
  const eq2 = m('AC') === 'L' && m('AT') === 'N' ? 0 : 1;
  const [vc, vi, va] = [m('VC'), m('VI'), m('VA')];
  const eq3 = vc === 'H' && vi === 'H' ? 0 : vc === 'H' || vi === 'H' || va === 'H' ? 1 : 2;
  const eq4 = m('MSI') === 'S' || m('MSA') === 'S' ? 0 : m('SC') === 'H' || m('SI') === 'H' || m('SA') === 'H' ? 1 : 2;
  const e = m('E');
  const eq5 = e === 'A' ? 0 : e === 'P' ? 1 : 2;
  const eq6 = (m('CR') === 'H' && vc === 'H') || (m('IR') === 'H' && vi === 'H') || (m('AR') === 'H' && va === 'H') ? 0 : 1;

  const macro = (d1: number, d2: number, d3: number, d4: number, d5: number, d6: number): number | undefined =>
    MACROVECTOR_SCORE.get(`${d1}${d2}${d3}${d4}${d5}${d6}`);
  const value = macro(eq1, eq2, eq3, eq4, eq5, eq6)!;

  // The next lower class along each EQ (EQ3 and EQ6 move together), when there is one.
  const lowerEq1 = macro(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
  const lowerEq2 = macro(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
  let lowerEq3Eq6: number | undefined;
  if (eq3 === 0 && eq6 === 0) {
    const left = macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
    const right = macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    lowerEq3Eq6 = left !== undefined && right !== undefined && left > right ? left : right;
  } else if (eq3 === 1 && eq6 === 0) {
    lowerEq3Eq6 = macro(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
  } else if (eq3 === 2) {
    lowerEq3Eq6 = undefined;
  } else {
    lowerEq3Eq6 = macro(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
  }
  const lowerEq4 = macro(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
  const lowerEq5 = macro(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

  // The distance from the first most-severe vector of the class that the vector does not exceed.
  const level = (key: string, v: string): number => V4_LEVELS[key]![v]!;
  const candidates: string[] = [];
  for (const max1 of EQ_MAXES.eq1![eq1]!)
    for (const max2 of EQ_MAXES.eq2![eq2]!)
      for (const max36 of EQ_MAXES.eq3eq6![`${eq3}${eq6}`]!)
        for (const max4 of EQ_MAXES.eq4![eq4]!) candidates.push(`${max1}/${max2}/${max36}/${max4}`);
  let distance: Record<string, number> = {};
  for (const candidate of candidates) {
    const max = parseMetrics(candidate.split('/'))!;
    distance = {};
    for (const key of Object.keys(V4_LEVELS)) distance[key] = level(key, m(key)) - level(key, max.get(key)!);
    if (Object.values(distance).every((d) => d >= 0)) break;
  }
  const sum = (...keys: string[]): number => keys.reduce((total, key) => total + distance[key]!, 0);

  const parts: number[] = [];
  const add = (lower: number | undefined, severityDistance: number, depth: number): void => {
    if (lower === undefined) return;
    parts.push((value - lower) * (severityDistance / depth));
  };
  add(lowerEq1, sum('AV', 'PR', 'UI'), EQ_DEPTH.eq1[eq1]!);
  add(lowerEq2, sum('AC', 'AT'), EQ_DEPTH.eq2[eq2]!);
  add(lowerEq3Eq6, sum('VC', 'VI', 'VA', 'CR', 'IR', 'AR'), EQ_DEPTH.eq3eq6[`${eq3}${eq6}`]!);
  add(lowerEq4, sum('SC', 'SI', 'SA'), EQ_DEPTH.eq4[eq4]!);
  add(lowerEq5, 0, 1);
  const mean = parts.length === 0 ? 0 : parts.reduce((a, b) => a + b, 0) / parts.length;
  const clamped = Math.min(10, Math.max(0, value - mean));
  // A small epsilon keeps x.x5 from rounding down through floating-point error, as the reference calculator does.
  const score = Math.round((clamped + 1e-6) * 10) / 10;
  return { version: '4.0', score, rating: cvssRating(score) };
}

/** The base score of a CVSS v3.0, v3.1 or v4.0 vector; undefined for any other string or a malformed vector. */
export function cvssScore(vector: string): CvssScore | undefined {
  const parts = vector.trim().split('/');
  const prefix = parts.shift();
  const metrics = parseMetrics(parts);
  if (!metrics) return undefined;
  if (prefix === 'CVSS:3.1' || prefix === 'CVSS:3.0') return cvss3(prefix === 'CVSS:3.1' ? '3.1' : '3.0', metrics);
  if (prefix === 'CVSS:4.0') return cvss4(metrics);
  return undefined;
}
