import { SingleBar } from 'cli-progress';
import type { LayerProgress } from '../image/analyze.js';
import { formatBytesSI } from '../core/format.js';

export interface ImageProgress {
  onProgress: (progress: LayerProgress) => void;
  stop: () => void;
}

/**
 * A progress bar on stderr while layers are read: one bar over the layers, with the bytes read of the current one.
 * On anything but a TTY it prints nothing (CI logs, pipes, files).
 */
export function imageProgress(stream: NodeJS.WriteStream = process.stderr): ImageProgress {
  if (!stream.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bar = new SingleBar(
    {
      stream,
      format: 'reading layers {bar} {value}/{total}  layer {layer}: {bytes} of {stored} stored{cached}',
      hideCursor: true,
      clearOnComplete: true,
      barsize: 24,
      fps: 10,
    },
  );
  let started = false;
  return {
    onProgress(progress) {
      const payload = {
        layer: progress.layer + 1,
        bytes: formatBytesSI(progress.bytes),
        stored: formatBytesSI(progress.storedBytes),
        cached: progress.cached ? ' (cached)' : '',
      };
      if (!started) {
        bar.start(progress.layers, 0, payload);
        started = true;
      }
      bar.update(progress.layer + (progress.done ? 1 : 0), payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
