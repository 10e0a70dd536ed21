// The walk's helper module, run from its TypeScript source (for tests, as `helperModule`): a worker thread does not
// inherit the TypeScript loader of the thread that starts it, so this registers the loader, then loads the helper.
// Once the helper has gone through a job, it says so on the HELPER_JOBS channel (see helper-jobs.ts), so that a
// test waits for the helpers rather than for a time a busy machine may not keep.
import { BroadcastChannel, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { HELPER_JOBS } = await import('./helper-jobs.ts');
const jobs = new BroadcastChannel(HELPER_JOBS);
jobs.unref();
// The helper's own listener, wrapped before the helper adds it (which starts the port, so no job comes earlier):
// the announcement follows its return, when the helper has claimed and walked every part it could.
const { port } = workerData;
const on = port.on.bind(port);
port.on = (event, listener) =>
  on(event, event !== 'message' ? listener : (job) => {
    listener(job);
    jobs.postMessage(job.job);
  });
await import('../walk-worker.ts');
