// Inline suppressions: `# shipshape ignore=<id>[,<id>] -- reason` and hadolint's `# hadolint ignore=DLxxxx`
// on the lines before an instruction, their `global ignore=` forms for the whole file and `stage ignore=` forms
// for the rest of a stage. A suppression that
// suppresses nothing is itself reported, with a fix that removes it.
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { Comment, Dockerfile } from './parse/index.js';

export const unusedSuppressionMeta: RuleMeta = {
  id: 'suppressions/unused',
  description: 'An inline suppression that suppresses nothing',
  severity: 'info',
  fixable: 'safe',
  rationale:
    'A suppression outlives the problem it silenced: once the instruction is fixed, the comment only hides the ' +
    'next real problem on that line. Unused `# shipshape ignore=` suppressions are reported so that `shipshape fix` ' +
    'removes them. A `# hadolint ignore=` pragma is never reported: hadolint itself still reads it, and a check ' +
    'hadolint makes and shipshape judges differently may need it. A suppression of a rule turned off in config is ' +
    'not reported.',
  differences:
    "hadolint has no equivalent. Codes of other tools' checks that shipshape does not implement (ShellCheck's " +
    '`SCxxxx`, hadolint rules without a shipshape equivalent) are left alone, never reported.',
};

const PRAGMA = /^(shipshape|hadolint)\s+(?:(global|stage)\s+)?ignore\s*=\s*(\S+(?:\s*,\s*\S+)*)/;

interface SuppressedCode {
  /** As written: a rule id or a hadolint code. */
  code: string;
  /** The rule it names, or undefined when shipshape has no such rule. */
  ruleId: string | undefined;
  used: boolean;
}

export interface Suppression {
  comment: Comment;
  /** Whose pragma it is: a `hadolint` one may still be read by hadolint, so removing it is not safe. */
  tool: 'shipshape' | 'hadolint';
  global: boolean;
  /** A `stage ignore=`: from the comment to the end of its stage, as hadolint reads it. */
  stage: boolean;
  codes: SuppressedCode[];
  /** Lines a non-global suppression applies to: the next instruction's, or the rest of the stage. */
  lines?: { start: number; end: number };
}

export interface SuppressionOptions {
  /** hadolint's `disable-ignore-pragma`: no inline suppression is honoured (nor reported as unused). */
  disabled?: boolean;
}

/**
 * Finds the suppression comments of a Dockerfile; `ruleIdOf` maps a written code (id or alias) to a rule id.
 * With `disabled` (config's `disableIgnorePragma`) there are none.
 */
export function parseSuppressions(
  dockerfile: Dockerfile,
  ruleIdOf: (code: string) => string | undefined,
  options: SuppressionOptions = {},
): Suppression[] {
  const suppressions: Suppression[] = [];
  if (options.disabled) return suppressions;
  let next = 0;
  for (const comment of dockerfile.comments) {
    const match = PRAGMA.exec(comment.text);
    if (!match) continue;
    const codes = match[3]!
      .split(',')
      .map((code) => code.trim())
      .filter((code) => code.length > 0)
      .map((code) => ({ code, ruleId: ruleIdOf(code), used: false }));
    const suppression: Suppression = { comment, tool: match[1] as Suppression['tool'], global: match[2] === 'global', stage: match[2] === 'stage', codes };
    if (suppression.stage) {
      const nextFrom = dockerfile.stages.find((stage) => stage.from.line > comment.line);
      suppression.lines = { start: comment.line + 1, end: nextFrom ? nextFrom.from.line - 1 : Number.MAX_SAFE_INTEGER };
    } else if (!suppression.global) {
      while (next < dockerfile.instructions.length && dockerfile.instructions[next]!.line <= comment.line) next++;
      const target = dockerfile.instructions[next];
      // Only comments and blank lines may stand between a suppression and its instruction.
      if (target) suppression.lines = { start: target.line, end: target.endLine };
    }
    suppressions.push(suppression);
  }
  return suppressions;
}

function findingLine(finding: Finding): number | undefined {
  return 'line' in finding.location ? finding.location.line : undefined;
}

/** Drops suppressed findings, marking the suppressions that were used. */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[]): Finding[] {
  return findings.filter((finding) => {
    const line = findingLine(finding);
    let suppressed = false;
    for (const suppression of suppressions) {
      if (!suppression.global) {
        if (line === undefined || !suppression.lines) continue;
        if (line < suppression.lines.start || line > suppression.lines.end) continue;
      }
      for (const code of suppression.codes) {
        if (code.ruleId === finding.ruleId) {
          code.used = true;
          suppressed = true;
        }
      }
    }
    return !suppressed;
  });
}

/**
 * Findings for shipshape suppressions that suppressed nothing, each with a fix that removes the unused codes. Only
 * codes of rules that ran count: a suppression of a rule turned off in config is not unused, just idle. A
 * `# hadolint` pragma is never reported: hadolint itself still reads it.
 */
export function unusedSuppressionFindings(
  dockerfile: Dockerfile,
  suppressions: readonly Suppression[],
  ran: ReadonlySet<string>,
): Finding[] {
  const findings: Finding[] = [];
  for (const suppression of suppressions) {
    if (suppression.tool === 'hadolint') continue;
    const unused = suppression.codes.filter((code) => code.ruleId !== undefined && ran.has(code.ruleId) && !code.used);
    if (unused.length === 0) continue;
    const { comment } = suppression;
    const start = dockerfile.position(comment.span.start);
    const end = dockerfile.position(comment.span.end);
    const kept = suppression.codes.filter((code) => !unused.includes(code));
    const lineEnd = dockerfile.text[comment.span.end] === '\n' ? comment.span.end + 1 : comment.span.end;
    const codeList = /ignore\s*=\s*(\S+(?:\s*,\s*\S+)*)/.exec(dockerfile.text.slice(comment.span.start, comment.span.end))!;
    const listStart = comment.span.start + codeList.index + codeList[0].length - codeList[1]!.length;
    const edit =
      kept.length === 0
        ? { range: [comment.span.start, lineEnd] as const, text: '' }
        : { range: [listStart, listStart + codeList[1]!.length] as const, text: kept.map((code) => code.code).join(',') };
    findings.push({
      ruleId: unusedSuppressionMeta.id,
      severity: unusedSuppressionMeta.severity,
      message: `unused suppression: no ${unused.map((code) => code.ruleId).join(', ')} finding ${
        suppression.global ? 'in this file' : suppression.stage ? 'in the rest of this stage' : 'on the next instruction'
      } (${unused.map((code) => code.code).join(', ')})`,
      location: { file: dockerfile.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column },
      fix: {
        kind: 'safe',
        description: kept.length === 0 ? 'remove the suppression comment' : `remove ${unused.map((c) => c.code).join(', ')}`,
        edits: [edit],
      },
    });
  }
  return findings;
}
