import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from './errors.js';
import { catalogOf, parseConfig, parseHadolintConfig } from './config.js';
import type { RuleMeta } from './rule-meta.js';

import { largeContext } from '../context/rules/large-context.js';
import { wastedSpace } from '../image/rules/wasted-space.js';
const meta = (id: string, aliases: string[] = [], options?: RuleMeta['options']): RuleMeta => ({
  id,
  description: id,
  severity: 'warning',
  aliases,
  rationale: 'r',
  ...(options ? { options } : {}),
});
const catalog = catalogOf([
  meta('dockerfile/pin-package-versions', ['DL3008', 'DL3018']),
  meta('dockerfile/use-trusted-registry', ['DL3026'], { registries: { description: 'allowed registries', default: [] } }),
  meta('dockerfile/use-slim-base'),
  wastedSpace.meta,
  largeContext.meta,
]);

describe('.shipshape.yaml', () => {
  test('severities, off, aliases, options and failOn', () => {
    const config = parseConfig(
      [
        'failOn: warning',
        'rules:',
        '  DL3008: off',
        '  dockerfile/use-slim-base: error',
        '  dockerfile/use-trusted-registry:',
        '    severity: info',
        '    options:',
        '      registries: [docker.io, "*.gcr.io"]',
      ].join('\n'),
      '.shipshape.yaml',
      catalog,
    );
    assert.equal(config.failOn, 'warning');
    assert.deepEqual(config.rules, {
      'dockerfile/pin-package-versions': { severity: 'off' },
      'dockerfile/use-slim-base': { severity: 'error' },
      'dockerfile/use-trusted-registry': { severity: 'info', options: { registries: ['docker.io', '*.gcr.io'] } },
    });
  });

  test('an empty file is the default config', () => {
    assert.deepEqual(parseConfig('', '.shipshape.yaml', catalog).rules, {});
  });

  const refused: [string, RegExp][] = [
    ['rules:\n  dockerfile/nope: off\n', /^\.shipshape\.yaml:2: unknown rule "dockerfile\/nope"/],
    ['rules:\n  DL3008: loud\n', /^\.shipshape\.yaml:2: dockerfile\/pin-package-versions: expected off, error/],
    ['rules:\n  DL3026:\n    options: {allowed: []}\n', /^\.shipshape\.yaml:3: .*unknown option "allowed" \(known options: registries\)/],
    ['rules:\n  DL3008:\n    severity: fatal\n', /^\.shipshape\.yaml:3: .*severity must be/],
    ['rules:\n  DL3026:\n    options:\n      registries: docker.io\n', /^\.shipshape\.yaml:4: dockerfile\/use-trusted-registry: option "registries" must be a list$/],
    ['rules:\n  image/wasted-space:\n    options: {minBytes: "1 MB"}\n', /^\.shipshape\.yaml:3: image\/wasted-space: option "minBytes" must be a number$/],
    ['rules:\n  context/large-context:\n    options: {budgetBytes: [1]}\n', /^\.shipshape\.yaml:3: context\/large-context: option "budgetBytes" must be a number$/],
    ['failOn: always\n', /^\.shipshape\.yaml:1: failOn must be/],
    ['ruels: {}\n', /^\.shipshape\.yaml:1: unknown key "ruels"/],
    ['rules: [\n', /^\.shipshape\.yaml:\d+: invalid YAML/],
  ];
  for (const [text, message] of refused) {
    test(`refuses ${JSON.stringify(text)} with one line naming the place`, () => {
      assert.throws(() => parseConfig(text, '.shipshape.yaml', catalog), (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.match(error.message, message);
        assert.ok(!error.message.includes('\n'));
        return true;
      });
    });
  }
});

describe('.hadolint.yaml', () => {
  test('ignored, override (style is info), trustedRegistries and failure-threshold; unknown codes skipped', () => {
    const config = parseHadolintConfig(
      [
        'ignored: [DL3008, SC2086, DL3001]',
        'override:',
        '  error: [DL3026]',
        '  style: [dockerfile/use-slim-base]',
        'trustedRegistries: [my-company.com:5000]',
        'failure-threshold: style',
      ].join('\n'),
      '.hadolint.yaml',
      catalog,
    );
    assert.deepEqual(config.rules, {
      'dockerfile/pin-package-versions': { severity: 'off' },
      'dockerfile/use-trusted-registry': { severity: 'error', options: { registries: ['my-company.com:5000'] } },
      'dockerfile/use-slim-base': { severity: 'info' },
    });
    assert.equal(config.failOn, 'info');
  });
});
