import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InputError } from './errors.js';
import { applyHadolintSettings, catalogOf, mergeHadolintSettings, parseConfig, parseHadolintConfig, readHadolintEnvironment } from './config-parse.js';
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

describe('.hadolint.yaml, every key of its schema', () => {
  const read = (text: string, env = {}) => parseHadolintConfig(text, '.hadolint.yaml', catalog, readHadolintEnvironment(env));

  test('failure-threshold: style is info, ignore and none never fail', () => {
    assert.equal(read('failure-threshold: error').failOn, 'error');
    assert.equal(read('failure-threshold: warning').failOn, 'warning');
    assert.equal(read('failure-threshold: info').failOn, 'info');
    assert.equal(read('failure-threshold: style').failOn, 'info');
    assert.equal(read('failure-threshold: ignore').failOn, 'none');
    assert.equal(read('failure-threshold: none').failOn, 'none');
    assert.equal(read('ignored: []').failOn, undefined);
  });

  test('ignored: rules off by code or id; ignoring wins over an override', () => {
    assert.deepEqual(read('ignored: [DL3018]\noverride: {error: [DL3018]}').rules, { 'dockerfile/pin-package-versions': { severity: 'off' } });
  });

  test('override: a rule listed at several levels takes the highest, as in hadolint', () => {
    const config = read('override:\n  style: [DL3008]\n  warning: [DL3008]\n  info: [dockerfile/use-slim-base]\n');
    assert.deepEqual(config.rules, { 'dockerfile/pin-package-versions': { severity: 'warning' }, 'dockerfile/use-slim-base': { severity: 'info' } });
    assert.deepEqual(read('override:\n  style: [DL3008]\n').rules, { 'dockerfile/pin-package-versions': { severity: 'info' } });
  });

  test('trustedRegistries: a list or one string, as the options of dockerfile/use-trusted-registry', () => {
    assert.deepEqual(read('trustedRegistries: [docker.io, "*.gcr.io"]').rules['dockerfile/use-trusted-registry'], { options: { registries: ['docker.io', '*.gcr.io'] } });
    assert.deepEqual(read('trustedRegistries: my.registry:5000').rules['dockerfile/use-trusted-registry'], { options: { registries: ['my.registry:5000'] } });
  });

  test('label-schema and strict-labels: a typed schema for the label rules', () => {
    const config = read('label-schema:\n  author: text\n  version: semver\n  created: rfc3339\n  url: url\n  license: spdx\n  rev: hash\n  contact: email\n  other: ""\nstrict-labels: true\n');
    assert.deepEqual(config.labels, {
      schema: { author: 'text', version: 'semver', created: 'rfc3339', url: 'url', license: 'spdx', rev: 'hash', contact: 'email', other: 'text' },
      strict: true,
    });
    assert.deepEqual(read('strict-labels: false').labels, { schema: {}, strict: false });
    assert.equal(read('ignored: []').labels, undefined);
  });

  test('disable-ignore-pragma, no-fail, no-color, verbose and format', () => {
    const config = read('disable-ignore-pragma: true\nno-fail: true\nno-color: true\nverbose: true\nformat: gitlab_codeclimate\n');
    assert.equal(config.disableIgnorePragma, true);
    assert.equal(config.noFail, true);
    assert.equal(config.color, false);
    assert.equal(config.verbose, true);
    assert.equal(config.format, 'gitlab');
    assert.equal(read('format: tty').format, 'terminal');
    assert.equal(read('formats: [json, checkstyle]').format, 'checkstyle');
    assert.equal(read('no-color: false').color, true);
  });

  test('keys hadolint does not know are left alone', () => {
    assert.deepEqual(read('some-future-key: 1\n').rules, {});
  });

  const refused: [string, RegExp][] = [
    ['failure-threshold: sometimes\n', /^\.hadolint\.yaml:1: failure-threshold must be error, warning, info, style, ignore or none$/],
    ['ignored: DL3008\n', /^\.hadolint\.yaml:1: ignored must be a list of strings$/],
    ['override:\n  fatal: [DL3008]\n', /^\.hadolint\.yaml:2: override: unknown level "fatal"/],
    ['label-schema:\n  version: semverish\n', /^\.hadolint\.yaml:2: label type "semverish" is not one of email, hash/],
    ['no-fail: yes please\n', /^\.hadolint\.yaml:1: no-fail must be true or false$/],
    ['format: sonarqube\n', /^\.hadolint\.yaml:1: format "sonarqube" is none shipshape writes/],
    ['- DL3008\n', /^\.hadolint\.yaml:1: expected a mapping/],
  ];
  for (const [text, message] of refused) {
    test(`refuses ${JSON.stringify(text)} with one line naming the place`, () => {
      assert.throws(() => read(text), (error: unknown) => error instanceof InputError && message.test(error.message) && !error.message.includes('\n'));
    });
  }
});

describe('HADOLINT_* environment variables', () => {
  const fromEnv = (env: Record<string, string>) => applyHadolintSettings({ rules: {} }, readHadolintEnvironment(env), catalog);

  test('each variable', () => {
    assert.equal(fromEnv({ HADOLINT_NOFAIL: '1' }).noFail, true);
    assert.equal(fromEnv({ HADOLINT_NOFAIL: 'no' }).noFail, false);
    for (const yes of ['1', 'y', 'YES', 'on', 'True']) assert.equal(fromEnv({ HADOLINT_VERBOSE: yes }).verbose, true, yes);
    assert.equal(fromEnv({ NO_COLOR: '' }).color, false);
    assert.equal(fromEnv({ HADOLINT_FORMAT: 'junit' }).format, 'junit');
    assert.equal(fromEnv({ HADOLINT_FAILURE_THRESHOLD: 'warning' }).failOn, 'warning');
    assert.equal(fromEnv({ HADOLINT_FAILURE_THRESHOLD: 'style' }).failOn, 'info');
    assert.deepEqual(fromEnv({ HADOLINT_OVERRIDE_ERROR: 'DL3008' }).rules, { 'dockerfile/pin-package-versions': { severity: 'error' } });
    assert.deepEqual(fromEnv({ HADOLINT_OVERRIDE_WARNING: 'dockerfile/use-slim-base' }).rules, { 'dockerfile/use-slim-base': { severity: 'warning' } });
    assert.deepEqual(fromEnv({ HADOLINT_OVERRIDE_INFO: 'DL3008' }).rules, { 'dockerfile/pin-package-versions': { severity: 'info' } });
    assert.deepEqual(fromEnv({ HADOLINT_OVERRIDE_STYLE: 'DL3008' }).rules, { 'dockerfile/pin-package-versions': { severity: 'info' } });
    assert.deepEqual(fromEnv({ HADOLINT_IGNORE: 'DL3008, dockerfile/use-slim-base,DL9999' }).rules, {
      'dockerfile/pin-package-versions': { severity: 'off' },
      'dockerfile/use-slim-base': { severity: 'off' },
    });
    assert.deepEqual(fromEnv({ HADOLINT_TRUSTED_REGISTRIES: 'docker.io,ghcr.io' }).rules, { 'dockerfile/use-trusted-registry': { options: { registries: ['docker.io', 'ghcr.io'] } } });
    assert.deepEqual(fromEnv({ HADOLINT_REQUIRE_LABELS: 'maintainer:text,version:semver,plain' }).labels, { schema: { maintainer: 'text', version: 'semver', plain: 'text' }, strict: false });
    assert.deepEqual(fromEnv({ HADOLINT_STRICT_LABELS: 'true' }).labels, { schema: {}, strict: true });
    assert.equal(fromEnv({ HADOLINT_DISABLE_IGNORE_PRAGMA: '1' }).disableIgnorePragma, true);
    assert.deepEqual(fromEnv({}), { rules: {} });
  });

  test('bad values are refused with the variable named', () => {
    assert.throws(() => fromEnv({ HADOLINT_FAILURE_THRESHOLD: 'loud' }), /^InputError: HADOLINT_FAILURE_THRESHOLD: "loud" is not/);
    assert.throws(() => fromEnv({ HADOLINT_FORMAT: 'codacy' }), /HADOLINT_FORMAT: format "codacy" is none shipshape writes/);
    assert.throws(() => fromEnv({ HADOLINT_REQUIRE_LABELS: 'version:number' }), /HADOLINT_REQUIRE_LABELS \(version\): label type "number"/);
  });

  test("the file's yes/no and threshold win over the environment's; lists add up", () => {
    const config = parseHadolintConfig(
      'failure-threshold: error\nno-fail: false\nignored: [DL3008]\ntrustedRegistries: [a.io]\n',
      '.hadolint.yaml',
      catalog,
      readHadolintEnvironment({ HADOLINT_FAILURE_THRESHOLD: 'info', HADOLINT_NOFAIL: '1', HADOLINT_IGNORE: 'dockerfile/use-slim-base', HADOLINT_TRUSTED_REGISTRIES: 'b.io', HADOLINT_VERBOSE: '1' }),
    );
    assert.equal(config.failOn, 'error');
    assert.equal(config.noFail, false);
    assert.equal(config.verbose, true);
    assert.deepEqual(config.rules, {
      'dockerfile/use-slim-base': { severity: 'off' },
      'dockerfile/pin-package-versions': { severity: 'off' },
      'dockerfile/use-trusted-registry': { options: { registries: ['b.io', 'a.io'] } },
    });
  });

  test('under a .shipshape.yaml, what it says wins and the environment fills in the rest', () => {
    const own = parseConfig('failOn: warning\nrules:\n  DL3008: error\n  DL3026:\n    severity: info\n', '.shipshape.yaml', catalog);
    const config = applyHadolintSettings(own, readHadolintEnvironment({ HADOLINT_FAILURE_THRESHOLD: 'none', HADOLINT_IGNORE: 'DL3008,dockerfile/use-slim-base', HADOLINT_TRUSTED_REGISTRIES: 'c.io' }), catalog);
    assert.equal(config.failOn, 'warning');
    assert.deepEqual(config.rules, {
      'dockerfile/pin-package-versions': { severity: 'error' },
      'dockerfile/use-slim-base': { severity: 'off' },
      'dockerfile/use-trusted-registry': { severity: 'info', options: { registries: ['c.io'] } },
    });
  });

  test('merging: later yes/no wins, lists keep both', () => {
    const merged = mergeHadolintSettings(readHadolintEnvironment({ HADOLINT_NOFAIL: '1', HADOLINT_IGNORE: 'A' }), readHadolintEnvironment({ HADOLINT_NOFAIL: '0', HADOLINT_IGNORE: 'B' }));
    assert.equal(merged.noFail, false);
    assert.deepEqual(merged.ignored, ['A', 'B']);
  });
});
