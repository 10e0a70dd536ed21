import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayBeSecretValue, redact, secretValueKind, unquote, valueClass, type ValueClass } from './values.js';

test('values are classed as inert, stand-ins, defaults or literal', () => {
  const cases: Record<ValueClass, string[]> = {
    inert: ['', '12', '1.5', '30s', 'true', 'OFF', '/run/secrets/db', './key', '~/x', 'C:\\keys', '$TOKEN', '${TOKEN}', '${TOKEN:-none}', '$(cat /run/secrets/t)', '<your token>', '{{ .Values.token }}'],
    placeholder: ['dummy', 'changeme', 'change-me', 'replace_me', 'xxxx', '****', 'your-token-here', 'example-key', 'build-time-dummy', 'sample.value', 'placeholder123'],
    weak: ['password', 'admin', 'root', 'changeit', 'secret', 'Test'],
    literal: ['hunter2', 'abc123', 'sk_live_x', 'django-insecure-8f3k2', 'Xk9-fixture-pw', 'examplar'],
  };
  for (const [kind, values] of Object.entries(cases)) {
    for (const value of values) {
      assert.equal(valueClass(value), kind, value);
      assert.equal(mayBeSecretValue(value), kind === 'weak' || kind === 'literal', value);
    }
  }
});

test('quotes and redaction', () => {
  assert.equal(unquote('"a b"'), 'a b');
  assert.equal(unquote("'x'"), 'x');
  assert.equal(unquote('"x\''), '"x\'');
  assert.equal(redact('ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'), 'ghp_****************');
  assert.equal(redact('hunter22'), 'hu******');
  assert.equal(redact('abc'), '***');
});

test('values written only to get a build step through are stand-ins, real-looking ones are credentials', () => {
  for (const value of ['secret', 'build-key', 'CAFEBABE', 'deadbeef', 'admin', 'insecure_dev_secret', 'not-a-real-token', 'Test']) {
    assert.equal(secretValueKind(value), 'stand-in', value);
  }
  for (const value of ['hunter2', 'abc123longvalue', 'rk_test_x', 'build-key-8f3k2Q', 'django-insecure-8f3k2', 'wJalrXUtnFEMIK7MDENGbPxRfiCY', 'cafebabe1']) {
    assert.equal(secretValueKind(value), 'credential', value);
  }
  for (const value of ['', 'changeme', 'your-token-here', '${TOKEN:-}', 'build-time-dummy']) assert.equal(secretValueKind(value), 'none', value);
});
