// One table of engine cases — severity override, `off`, options (valid and wrongly typed), aliases in config, fix
// kinds, a finding's own severity — each run identically through the three domains' real entries (`lint`, the
// context analysis of a real directory, the image analysis of a real OCI layout), with a probe rule written on the
// one contract in each domain. The same case must give the same findings everywhere.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defineContextRule } from '../src/context/rule-domain.js';
import { catalogOf, parseConfig } from '../src/core/config-parse.js';
import { InputError } from '../src/core/errors.js';
import type { FixKind } from '../src/core/finding.js';
import type { RuleSetting } from '../src/core/rule-meta.js';
import type { Severity } from '../src/core/severity.js';
import { defineDockerfileRule } from '../src/dockerfile/rule-domain.js';
import { defineImageRule } from '../src/image/rule-domain.js';
import { runExample, type AnyExample, type AnyRule } from './support/rule-examples.js';

type DomainName = 'dockerfile' | 'context' | 'image';

/** How a probe behaves: its findings' own severity and fix kind, and whether its meta allows a finding's severity. */
interface Variant {
  ownSeverity?: Severity;
  fixKind?: FixKind;
  severityPerFinding?: boolean;
  messageId?: string;
}

const probeMeta = (domain: DomainName, variant: Variant) => ({
  id: `${domain}/probe`,
  description: 'Reports one finding per `limit`',
  severity: 'warning' as const,
  aliases: ['PROBE1'],
  fixable: 'safe' as const,
  rationale: 'Exercises the engine.',
  messages: { found: 'finding {n} of {limit}' } as const,
  options: { limit: { description: 'How many findings' } },
  ...(variant.severityPerFinding ? { severityPerFinding: 'the probe says so' } : {}),
});

/** What every probe reports, whatever its domain: `limit` findings, each with a fix and maybe its own severity. */
function problems(options: { limit: number }, variant: Variant) {
  return Array.from({ length: options.limit }, (_, index) => ({
    messageId: (variant.messageId ?? 'found') as 'found',
    data: { n: index + 1, limit: options.limit },
    fix: { description: 'nothing to change', edits: [], ...(variant.fixKind ? { kind: variant.fixKind } : {}) },
    ...(variant.ownSeverity ? { severity: variant.ownSeverity } : {}),
  }));
}

const probes: Record<DomainName, { rule(variant: Variant): AnyRule; example: AnyExample }> = {
  dockerfile: {
    rule: (variant) =>
      defineDockerfileRule({
        meta: probeMeta('dockerfile', variant),
        defaultOptions: { limit: 1 },
        create: ({ facts, options, report }) => ({
          end: () => problems(options, variant).forEach((problem) => report({ ...problem, span: facts.dockerfile.instructions[0]!.span })),
        }),
      }),
    example: { code: 'FROM scratch\n' } as AnyExample,
  },
  context: {
    rule: (variant) =>
      defineContextRule({
        meta: probeMeta('context', variant),
        defaultOptions: { limit: 1 },
        create: ({ facts, options, report }) => ({
          end: () => problems(options, variant).forEach((problem) => report({ ...problem, location: { file: facts.root } })),
        }),
      }),
    example: { files: { Dockerfile: 'FROM scratch\n' } } as AnyExample,
  },
  image: {
    rule: (variant) =>
      defineImageRule({
        meta: probeMeta('image', variant),
        defaultOptions: { limit: 1 },
        create: ({ options, report }) => ({
          end: () => problems(options, variant).forEach((problem) => report({ ...problem, layer: 0 })),
        }),
      }),
    example: { image: { layers: [{ createdBy: 'COPY app /app', files: { '/app/run': 'x' } }] } } as AnyExample,
  },
};

/** Rule settings as a `.shipshape.yaml` gives them, read by the config parser with the probe in the catalog. */
function configured(rule: AnyRule, yaml: string): Record<string, RuleSetting> {
  return parseConfig(yaml, '.shipshape.yaml', catalogOf([rule.meta])).rules;
}

interface Outcome {
  findings: { severity: Severity; message: string; messageId?: string; aliases?: string[]; fix?: FixKind }[];
}

async function outcome(domain: DomainName, variant: Variant, yaml?: string): Promise<Outcome> {
  const rule = probes[domain].rule(variant);
  const settings = yaml ? configured(rule, yaml) : {};
  const run = await runExample(rule, probes[domain].example, { settings, rules: [rule] });
  return {
    findings: run.findings.map((finding) => ({
      severity: finding.severity,
      message: finding.message,
      ...(finding.messageId ? { messageId: finding.messageId } : {}),
      ...(finding.aliases ? { aliases: finding.aliases } : {}),
      ...(finding.fix ? { fix: finding.fix.kind } : {}),
    })),
  };
}

const one = (severity: Severity, fix: FixKind = 'safe') => ({ severity, message: 'finding 1 of 1', messageId: 'found', aliases: ['PROBE1'], fix });

interface Case {
  name: string;
  variant?: Variant;
  config?: string;
  expected: Outcome | { throws: RegExp; type?: new (...args: never[]) => Error };
}

const cases: Case[] = [
  { name: 'the rule severity, aliases, message and fix kind by default', expected: { findings: [one('warning')] } },
  { name: 'config gives another severity', config: 'rules:\n  {id}: error\n', expected: { findings: [one('error')] } },
  { name: 'config names the rule by an alias', config: 'rules:\n  PROBE1: info\n', expected: { findings: [one('info')] } },
  { name: '`off` runs nothing', config: 'rules:\n  {id}: off\n', expected: { findings: [] } },
  { name: 'an alias turns the rule off too', config: 'rules:\n  PROBE1: off\n', expected: { findings: [] } },
  {
    name: 'options from config reach the rule, over the defaults',
    config: 'rules:\n  {id}:\n    options:\n      limit: 2\n',
    expected: { findings: [one('warning'), one('warning')].map((f, i) => ({ ...f, message: `finding ${i + 1} of 2` })) },
  },
  { name: 'a wrongly typed option is an input error', config: 'rules:\n  {id}:\n    options:\n      limit: two\n', expected: { throws: /option "limit" must be a number/, type: InputError } },
  { name: 'an unknown option is an input error', config: 'rules:\n  {id}:\n    options:\n      limt: 2\n', expected: { throws: /unknown option "limt"/, type: InputError } },
  { name: 'a fix may be unsafe where the rule is safe', variant: { fixKind: 'unsafe' }, expected: { findings: [one('warning', 'unsafe')] } },
  { name: 'a finding keeps its own severity when the rule says why', variant: { severityPerFinding: true, ownSeverity: 'error' }, expected: { findings: [one('error')] } },
  {
    name: 'config still overrides a finding of its own severity',
    variant: { severityPerFinding: true, ownSeverity: 'error' },
    config: 'rules:\n  {id}: info\n',
    expected: { findings: [one('info')] },
  },
  { name: 'a finding of its own severity from a rule that does not say why is a bug', variant: { ownSeverity: 'error' }, expected: { throws: /meta\.severityPerFinding is not set/ } },
  { name: 'an unknown message id is a bug', variant: { messageId: 'fuond' }, expected: { throws: /unknown message id fuond/ } },
];

for (const entry of cases) {
  describe(entry.name, () => {
    for (const domain of ['dockerfile', 'context', 'image'] as const) {
      test(domain, async () => {
        const yaml = entry.config?.replace('{id}', `${domain}/probe`);
        const run = outcome(domain, entry.variant ?? {}, yaml);
        if ('throws' in entry.expected) {
          await assert.rejects(run, (error: Error) => {
            assert.match(error.message, entry.expected && 'throws' in entry.expected ? entry.expected.throws : /./);
            if ('type' in entry.expected && entry.expected.type) assert.ok(error instanceof entry.expected.type, `${error.name} is no ${entry.expected.type.name}`);
            return true;
          });
        } else {
          assert.deepEqual(await run, entry.expected);
        }
      });
    }
  });
}
