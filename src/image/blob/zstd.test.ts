import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { zstdZerosFrame } from '../../../test/support/zstd-frame.js';
import { ZstdBlockEnds, ZstdDecompressor } from './zstd.js';

const zstdSkip = spawnSync('zstd', ['--version']).status === 0 || process.env.CI === 'true' ? false : 'the zstd CLI is not installed (apt-get install zstd)';
const zstd = (input: Buffer, ...flags: string[]): Buffer => execFileSync('zstd', ['-q', '-c', ...flags], { input, maxBuffer: 64 * 1024 * 1024 });

function blockEnds(stream: Buffer, chunk: number): [number, number][] {
  const walker = new ZstdBlockEnds();
  const ends: [number, number][] = [];
  for (let at = 0; at < stream.length; at += chunk) walker.scan(stream.subarray(at, at + chunk), (end, output) => ends.push([at + end, output]));
  return ends;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test('block ends are found the same in any chunking: frames with checksums, skippable frames, RLE and raw blocks', { skip: zstdSkip }, () => {
  const payload = Buffer.concat([randomBytes(200_000), Buffer.alloc(300_000, 'layer ')]);
  const skippable = Buffer.concat([Buffer.from([0x5a, 0x2a, 0x4d, 0x18, 5, 0, 0, 0]), Buffer.from('notes')]);
  const stream = Buffer.concat([zstd(payload, '-3'), skippable, zstd(payload, '-1', '--no-check'), zstdZerosFrame(Buffer.from('head'), 300_000)]);
  const whole = blockEnds(stream, stream.length);
  for (const chunk of [1, 2, 3, 7, 4096]) assert.deepEqual(blockEnds(stream, chunk), whole, `chunks of ${chunk}`);
  // the hand-made frame's blocks: the raw head, then RLE blocks of 128 KiB, 128 KiB and the rest, the last at the end
  assert.deepEqual(whole.slice(-4).map(([, output]) => output), [4, 131072, 131072, 300_000 - 262144]);
  assert.equal(whole.at(-1)![0], stream.length);
  // each compressed frame's blocks decode to at least its payload, and the walk reached every frame
  assert.ok(whole.slice(0, -4).reduce((sum, [, output]) => sum + output, 0) >= 2 * payload.length);
});

test('zstd decodes to the same bytes in any chunking', { skip: zstdSkip }, async () => {
  const payload = Buffer.concat([randomBytes(150_000), Buffer.alloc(400_000, 'shipshape ')]);
  const stream = Buffer.concat([zstd(payload, '-3'), zstd(payload, '-19', '--no-check')]);
  for (const chunk of [1, 13, 65536, stream.length]) {
    const pieces: Buffer[] = [];
    for (let at = 0; at < stream.length; at += chunk) pieces.push(stream.subarray(at, at + chunk));
    const out = await collect(Readable.from(pieces).pipe(new ZstdDecompressor()));
    assert.ok(out.equals(Buffer.concat([payload, payload])), `chunks of ${chunk}`);
  }
});

test('a reader that stops stops the decoding: 64 MiB from one 2 KB read is decoded about 1 MiB at a time', async () => {
  const bomb = zstdZerosFrame(Buffer.from('head'), 64 * 1024 * 1024);
  assert.ok(bomb.length < 4096, `${bomb.length} bytes`);
  const stream = Readable.from([bomb]).pipe(new ZstdDecompressor());
  // nobody reads: what is decoded waits in the stream's buffer, and the decoding stops there
  await new Promise((resolve) => stream.once('readable', resolve));
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(stream.readableLength <= 3 * 1024 * 1024, `${stream.readableLength} bytes waiting`);
  let total = 0;
  for await (const chunk of stream) total += (chunk as Buffer).length;
  assert.equal(total, 4 + 64 * 1024 * 1024);
});

test('bytes that are not zstd are an error from the decoder, and the walk stops reading them', async () => {
  const walker = new ZstdBlockEnds();
  const ends: number[] = [];
  walker.scan(Buffer.from('not zstd at all, just text'), (end) => ends.push(end));
  assert.deepEqual(ends, []);
  await assert.rejects(collect(Readable.from([Buffer.from('not zstd at all, just text')]).pipe(new ZstdDecompressor())), {
    name: 'InputError',
    message: /^invalid zstd data: /,
  });
});
