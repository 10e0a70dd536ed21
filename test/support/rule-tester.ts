// The rule tester, one for every domain, as strict as ESLint's RuleTester and oxc's: a rule's metadata examples
// and its test file's extra cases run as a user meets them (test/support/rule-examples.ts). A valid case yields no
// finding of the rule. An invalid case states every finding exactly — message id, line and column with the end
// of the range (a Dockerfile), the context file, or the layer and path — and fails on an extra, missing or moved
// one. A case whose findings carry a fix states the `output`, which must parse and which a second fix leaves as
// it is; a case of a fixable rule without a fix states why in `noFix`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContextDomain, ContextRule } from '../../src/context/rule-domain.js';
import type { Example, InvalidExample } from '../../src/core/rule.js';
import { isBuildkitCheckName } from '../../src/dockerfile/knowledge/buildkit-checks.js';
import type { DockerfileDomain, DockerfileRule } from '../../src/dockerfile/rule-domain.js';
import type { ImageDomain, ImageRule } from '../../src/image/rule-domain.js';
import { describeExample, domainOf, fixExample, runExample, type AnyExample, type AnyRule, type ExampleRun } from './rule-examples.js';

type Options = Record<string, unknown>;

export interface RuleCases<D extends ContextDomain | DockerfileDomain | ImageDomain> {
  /** Dockerfile cases may be given as the bare text. */
  valid?: (Example<D, Options> | (D extends DockerfileDomain ? string : never))[];
  invalid?: InvalidExample<D, Options>[];
  /** Why the rule's metadata can show no invalid example (what it finds cannot be written as an example). */
  withoutInvalidExample?: string;
}

/** What an alias may be, by domain: a Dockerfile rule's is a hadolint code or a BuildKit check's name. */
const ALIAS_FORMS: Record<string, (alias: string) => boolean> = {
  dockerfile: (alias) => /^DL\d{4}$/.test(alias) || isBuildkitCheckName(alias),
  context: (alias) => /^\S+$/.test(alias),
  image: (alias) => /^\S+$/.test(alias),
};

/** An object as the TypeScript literal an example writes, so that a failure shows what to paste. */
export function literal(value: Record<string, unknown>): string {
  const parts = Object.entries(value).map(([key, field]) => `${/^[A-Za-z_]\w*$/.test(key) ? key : `'${key}'`}: ${typeof field === 'string' ? `'${field.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'` : String(field)}`);
  return `{ ${parts.join(', ')} }`;
}

/** The run's findings in the shape of the expected ones: the message text only where the case states it. */
function actualFindings(run: ExampleRun, expected: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return run.findings.map((finding, index) => ({
    messageId: finding.messageId,
    ...(expected[index]?.message !== undefined ? { message: finding.message } : {}),
    ...run.at[index],
  }));
}

function checkInvalid(rule: AnyRule, example: InvalidExample<DockerfileDomain | ContextDomain | ImageDomain, Options>, run: ExampleRun): void {
  const { meta } = rule;
  const expected = (example.findings ?? []) as unknown as Record<string, unknown>[];
  assert.ok(expected.length > 0, 'an invalid case states at least one finding');
  for (const finding of expected) assert.ok(String(finding.messageId) in meta.messages, `no message id ${String(finding.messageId)} in the rule`);
  const actual = actualFindings(run, expected);
  assert.deepEqual(
    actual,
    expected.map((finding) => ({ ...finding })),
    `the rule's findings differ from the case's; it found:\n${actual.map((finding) => `  ${literal(finding)},`).join('\n')}\nfor:\n${describeExample(example as AnyExample)}`,
  );
  for (const finding of run.findings) {
    assert.deepEqual(finding.aliases, meta.aliases?.length ? meta.aliases : undefined, 'every finding carries the rule aliases');
  }

  const output = (example as { output?: unknown }).output;
  const fixed = run.findings.some((finding) => finding.fix);
  if (!fixed) {
    assert.equal(output, undefined, 'no finding carries a fix: the case states no output');
    if (meta.fixable) assert.ok(example.noFix, 'a case of a fixable rule whose findings carry no fix says why in `noFix`');
    return;
  }
  assert.equal(example.noFix, undefined, 'the findings carry a fix: `noFix` does not apply');
  assert.notEqual(output, undefined, 'the findings carry a fix: the case states its output');
  if ('code' in example) assert.notEqual(output, example.code, 'the output is the input: the fix changes nothing (state `noFix` instead)');
  const result = fixExample(rule, example as AnyExample);
  assert.deepEqual(result.output, output, 'the fixed text');
  assert.deepEqual(result.problems, [], 'the fixed text parses');
  assert.deepEqual(result.again, result.output, 'fixing again changes nothing');
}

export function testRule(rule: DockerfileRule, cases?: RuleCases<DockerfileDomain>): void;
export function testRule(rule: ContextRule, cases?: RuleCases<ContextDomain>): void;
export function testRule(rule: ImageRule, cases?: RuleCases<ImageDomain>): void;
export function testRule(rule: AnyRule, cases: { valid?: unknown[]; invalid?: unknown[]; withoutInvalidExample?: string } = {}): void {
  const { meta } = rule;
  const domain = domainOf(rule);
  const valid = [...meta.examples.valid, ...(cases.valid ?? []).map((c) => (typeof c === 'string' ? { code: c } : c))] as AnyExample[];
  const invalid = [...meta.examples.invalid, ...(cases.invalid ?? [])] as InvalidExample<DockerfileDomain | ContextDomain | ImageDomain, Options>[];

  describe(meta.id, () => {
    test('metadata is complete', () => {
      assert.match(meta.id, new RegExp(`^${domain}/[a-z0-9-]+$`));
      assert.ok(meta.description.length > 0 && !meta.description.endsWith('.'), 'one-line description without period');
      assert.ok(meta.rationale.length > 0, 'rationale');
      assert.ok(meta.examples.valid.length > 0, 'at least one valid example in meta');
      if (cases.withoutInvalidExample) assert.equal(meta.examples.invalid.length, 0, 'an invalid example exists: drop `withoutInvalidExample`');
      else assert.ok(meta.examples.invalid.length > 0, 'at least one invalid example in meta');
      if (meta.fixable) {
        assert.ok(
          meta.examples.invalid.some((example) => (example as { output?: unknown }).output !== undefined),
          'a fixable rule shows its fix in an invalid example',
        );
      }
      for (const alias of meta.aliases ?? []) assert.ok(ALIAS_FORMS[domain]!(alias), `${alias}: no alias form of the ${domain} domain`);
    });

    valid.forEach((example, index) => {
      test(`valid #${index + 1}${example.description ? `: ${example.description}` : ''}`, async () => {
        const run = await runExample(rule, example);
        assert.deepEqual(
          run.findings.map((finding) => finding.message),
          [],
          `expected no finding for:\n${describeExample(example)}`,
        );
      });
    });

    invalid.forEach((example, index) => {
      test(`invalid #${index + 1}${example.description ? `: ${example.description}` : ''}`, async () => {
        checkInvalid(rule, example, await runExample(rule, example as AnyExample));
      });
    });
  });
}
