// Runs a Dockerfile rule against its own metadata examples and extra cases: valid code yields no finding,
// invalid code yields the expected findings, and every fix produces the expected text, still parses, and
// changes nothing when applied a second time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fix, lint } from '../../src/dockerfile/lint.js';
import { isBuildkitCheckName } from '../../src/dockerfile/knowledge/buildkit-checks.js';
import { parseDockerfile } from '../../src/dockerfile/parse/index.js';
import type { DockerfileRule, DockerfileRuleExample } from '../../src/dockerfile/rule-domain.js';

export interface InvalidCase extends DockerfileRuleExample {
  /** Expected message ids, in order; or just how many findings. */
  messages?: string[] | number;
  /** Expected 1-based lines of the findings, in order. */
  lines?: number[];
  /** Expected messages (exact strings), in order. */
  messageTexts?: string[];
}

export interface RuleCases {
  valid?: (string | DockerfileRuleExample)[];
  invalid?: InvalidCase[];
}

function findingsOf(rule: DockerfileRule, example: DockerfileRuleExample) {
  const settings = example.options ? { [rule.meta.id]: { options: example.options } } : undefined;
  return lint(example.code, { rules: [rule], settings }).findings.filter((f) => f.ruleId === rule.meta.id);
}

function fixWith(rule: DockerfileRule, text: string, options: Record<string, unknown> | undefined) {
  const settings = options ? { [rule.meta.id]: { options } } : undefined;
  return fix(text, { rules: [rule], settings, unsafe: rule.meta.fixable === 'unsafe' });
}

export function testRule(rule: DockerfileRule, cases: RuleCases = {}): void {
  const { meta } = rule;
  const valid = [...meta.examples.valid, ...(cases.valid ?? []).map((c) => (typeof c === 'string' ? { code: c } : c))];
  const invalid: InvalidCase[] = [...meta.examples.invalid, ...(cases.invalid ?? [])];

  describe(meta.id, () => {
    test('metadata is complete', () => {
      assert.match(meta.id, /^dockerfile\/[a-z0-9-]+$/);
      assert.ok(meta.description.length > 0 && !meta.description.endsWith('.'), 'one-line description without period');
      assert.ok(meta.rationale.length > 0, 'rationale');
      assert.ok(meta.examples.valid.length > 0, 'at least one valid example in meta');
      assert.ok(meta.examples.invalid.length > 0, 'at least one invalid example in meta');
      if (meta.fixable) {
        assert.ok(
          meta.examples.invalid.some((example) => example.output !== undefined),
          'a fixable rule shows its fix in an invalid example',
        );
      }
      for (const alias of meta.aliases ?? []) assert.ok(/^DL\d{4}$/.test(alias) || isBuildkitCheckName(alias), `${alias}: neither a DL code nor a BuildKit check`);
    });

    valid.forEach((example, index) => {
      test(`valid #${index + 1}${example.description ? `: ${example.description}` : ''}`, () => {
        const findings = findingsOf(rule, example);
        assert.deepEqual(
          findings.map((f) => f.message),
          [],
          `expected no finding for:\n${example.code}`,
        );
      });
    });

    invalid.forEach((example, index) => {
      test(`invalid #${index + 1}${example.description ? `: ${example.description}` : ''}`, () => {
        const findings = findingsOf(rule, example);
        assert.ok(findings.length > 0, `expected a finding for:\n${example.code}`);
        if (typeof example.messages === 'number') assert.equal(findings.length, example.messages);
        else if (example.messages) {
          const ids = findings.map((f) => Object.keys(meta.messages).find((id) => f.message === templateOf(meta.messages[id]!, f.message)));
          assert.deepEqual(ids, example.messages);
        }
        if (example.messageTexts) assert.deepEqual(findings.map((f) => f.message), example.messageTexts);
        if (example.lines) assert.deepEqual(findings.map((f) => ('line' in f.location ? f.location.line : undefined)), example.lines);
        for (const finding of findings) {
          assert.equal(finding.ruleId, meta.id);
          assert.deepEqual(finding.aliases, meta.aliases?.length ? meta.aliases : undefined);
          if (finding.fix) assert.equal(finding.fix.kind, meta.fixable, 'fix kind matches meta.fixable');
        }
        if (example.output !== undefined) {
          const fixed = fixWith(rule, example.code, example.options);
          assert.equal(fixed.text, example.output);
          const reparsed = parseDockerfile(fixed.text);
          assert.deepEqual(reparsed.problems.filter((p) => p.level === 'error'), [], 'the fixed file parses');
          const again = fixWith(rule, fixed.text, example.options);
          assert.equal(again.text, fixed.text, 'fixing twice changes nothing the second time');
          assert.equal(again.applied.length, 0);
        }
      });
    });
  });
}

/** Whether a message was produced from a template (placeholders match anything). */
function templateOf(template: string, message: string): string {
  const pattern = template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.*?');
  return new RegExp(`^${pattern}$`, 's').test(message) ? message : '';
}
