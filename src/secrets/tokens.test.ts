import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findToken, findTokens, mayHoldToken, TOKEN_FORMATS } from './tokens.js';

test('every token format finds its example and not its near miss', () => {
  const ids = new Set<string>();
  for (const format of TOKEN_FORMATS) {
    assert.ok(!ids.has(format.id), `duplicate ${format.id}`);
    ids.add(format.id);
    assert.ok(format.title && format.description && format.keywords.length > 0, format.id);
    assert.ok(!format.regex.global && !format.regex.sticky, `${format.id}: a flag-free pattern, made global once by the scan`);
    const { secret, notSecret } = format.example;
    assert.equal(findToken(`before ${secret} after`)?.format.id, format.id, `${format.id} missed its example`);
    assert.ok(format.keywords.some((keyword) => secret.includes(keyword)), `${format.id}: the example holds no keyword`);
    assert.notEqual(findToken(notSecret)?.format.id, format.id, `${format.id} took its near miss`);
  }
});

test('the keyword prefilter settles texts without any keyword, and only those', () => {
  assert.equal(mayHoldToken('apt-get install -y curl && rm -rf /var/lib/apt/lists/*'), false);
  for (const format of TOKEN_FORMATS) assert.ok(mayHoldToken(format.example.secret), format.id);
});

test('matches give the secret and where it is; overlapping formats name it once, the more specific first', () => {
  const github = TOKEN_FORMATS.find((format) => format.id === 'github-token')!.example.secret;
  const text = `one\n${github}\n`;
  const [match, ...rest] = findTokens(text);
  assert.deepEqual(rest, [], 'the token is also the URL password: reported once');
  assert.equal(match?.format.id, 'github-token');
  assert.ok(text.slice(match.start, match.end).includes(match.secret));
  assert.ok(match.secret.startsWith('ghp_'));
  const serviceAccount = TOKEN_FORMATS.find((format) => format.id === 'gcp-service-account-key')!.example.secret;
  assert.deepEqual(findTokens(serviceAccount).map((m) => m.format.id), ['gcp-service-account-key']);
});

test('placeholders and references are not secrets, and a format is counted up to its limit', () => {
  assert.equal(findToken('connect with postgres://user:password@localhost/db'), undefined);
  assert.equal(findToken('git clone "https://oauth2:${GITLAB_TOKEN}@gitlab.example.com/team/app.git"'), undefined);
  assert.equal(findToken('-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----'), undefined);
  const urls = Array.from({ length: 4 }, (_, i) => `https://u:Sup3rS3cret${i}@host${i}.example`).join('\n');
  assert.equal(findTokens(urls).length, 4);
  assert.equal(findTokens(urls, 2).length, 2);
});

test('keys are found with escaped line breaks too (JSON strings, ENV values)', () => {
  const key = TOKEN_FORMATS.find((format) => format.id === 'private-key')!.example.secret;
  assert.equal(findToken(JSON.stringify({ key }))?.format.id, 'private-key');
});
