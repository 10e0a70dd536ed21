import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { DigestVerifier, parseDigest } from './digest.js';

const data = Buffer.from('hello layer');
const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const verify = (bytes: Buffer, size?: number, expected = digest) =>
  pipeline(Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]), new DigestVerifier({ label: 'img', what: 'blob', digest: expected, ...(size !== undefined && { size }) }), sink());

test('a stream that matches its digest and size ends cleanly', async () => {
  await verify(data, data.length);
  await verify(data);
});

test('a stream that differs, grows or ends short errors instead of ending', async () => {
  await assert.rejects(verify(Buffer.from('hello LAYER'), data.length), { name: 'InputError', message: /^img: blob sha256:[a-f0-9]{12} does not match its digest \(got sha256:[a-f0-9]{64}\)$/ });
  await assert.rejects(verify(Buffer.concat([data, Buffer.from('!')]), data.length), { message: /^img: blob sha256:[a-f0-9]{12} is larger than its declared 11 bytes$/ });
  await assert.rejects(verify(data.subarray(0, 5), data.length), { message: /ended after 5 of its declared 11 bytes$/ });
});

test('sha512 digests verify; malformed ones are rejected before any byte flows', async () => {
  const sha512 = `sha512:${createHash('sha512').update(data).digest('hex')}`;
  await verify(data, data.length, sha512);
  assert.equal(parseDigest('sha256:../../etc/passwd'), undefined);
  assert.equal(parseDigest(`sha256:${'A'.repeat(64)}`), undefined);
  assert.equal(parseDigest(`md5:${'a'.repeat(32)}`), undefined);
  assert.throws(() => new DigestVerifier({ label: 'img', what: 'blob', digest: 'sha256:xyz' }), { message: 'img: invalid digest "sha256:xyz"' });
});
