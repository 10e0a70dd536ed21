import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { imageProgress } from './image-progress.js';

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; written: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  Object.assign(stream, { isTTY, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, written: () => text };
}

test('on a TTY, a bar shows the layer and its bytes; on anything else, nothing is printed', () => {
  const tty = fakeStream(true);
  const bar = imageProgress(tty.stream);
  bar.onProgress({ layer: 0, layers: 2, bytes: 5_000_000, storedBytes: 2_000_000, done: false, cached: false });
  bar.onProgress({ layer: 0, layers: 2, bytes: 9_000_000, storedBytes: 2_000_000, done: true, cached: false });
  bar.onProgress({ layer: 1, layers: 2, bytes: 1_000, storedBytes: 500, done: true, cached: true });
  bar.stop();
  // cli-progress redraws at most 10 times a second: the first and the last state are drawn.
  assert.match(tty.written(), /reading layers -+ 0\/2 +layer 1: 5\.00 MB of 2\.00 MB stored/);
  assert.match(tty.written(), /reading layers =+ 2\/2 +layer 2: 1\.00 kB of 500 B stored \(cached\)/);

  const pipe = fakeStream(false);
  const silent = imageProgress(pipe.stream);
  silent.onProgress({ layer: 0, layers: 1, bytes: 1, storedBytes: 1, done: true, cached: false });
  silent.stop();
  assert.equal(pipe.written(), '');
});
