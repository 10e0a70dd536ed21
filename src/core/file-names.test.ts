import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeFileName, fileNameBytes, fsPath, hasRawBytes } from './file-names.js';

const bytes = (...values: number[]): Buffer => Buffer.from(values);

test('valid UTF-8 decodes as UTF-8; each byte that is not keeps its value as U+DC80–U+DCFF', () => {
  assert.equal(decodeFileName(Buffer.from('café 日本 😀')), 'café 日本 😀');
  assert.equal(decodeFileName(bytes(0x6b, 0xff, 0x2f, 0x80)), 'k\udcff/\udc80');
  // overlong `/`, an encoded surrogate, past U+10FFFF, a truncated sequence: every byte kept on its own
  assert.equal(decodeFileName(bytes(0xc0, 0xaf)), '\udcc0\udcaf');
  assert.equal(decodeFileName(bytes(0xed, 0xa0, 0x80)), '\udced\udca0\udc80');
  assert.equal(decodeFileName(bytes(0xf4, 0x90, 0x80, 0x80)), '\udcf4\udc90\udc80\udc80');
  assert.equal(decodeFileName(bytes(0xe6, 0x97, 0x41)), '\udce6\udc97A');
  assert.equal(decodeFileName(bytes(0xe6, 0x97, 0xa5, 0xff)), '日\udcff');
  assert.equal(hasRawBytes('日\udcff'), true);
  assert.equal(hasRawBytes('😀'), false);
});

test('fileNameBytes gives back the bytes of any name (property, seeded)', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), (raw) => {
      const name = decodeFileName(raw);
      assert.deepEqual(fileNameBytes(name), Buffer.from(raw));
    }),
    { seed: 15, numRuns: 2000 },
  );
});

test('fsPath: a path with raw bytes goes to the file system as bytes, any other as it is', () => {
  assert.equal(fsPath('/tmp/x'), '/tmp/x');
  assert.deepEqual(fsPath('/tmp/\udcff'), Buffer.from([...Buffer.from('/tmp/'), 0xff]));
});
