// A helper that fails every task it takes (for tests, as `helperModule`): it claims tasks from the last one down,
// as the real helper does, and reports each as failed, so that the walking thread must walk them itself. It speaks
// the helpers' protocol from its TypeScript source, with the loader registered as walk-worker-from-source.mjs does,
// and announces the jobs it has been through as that module does.
import { BroadcastChannel, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { DONE, failedPart, FREE, HELPER, MAIN } = await import('../walk-helpers.ts');
const { HELPER_JOBS } = await import('./helper-jobs.ts');
const jobs = new BroadcastChannel(HELPER_JOBS);
jobs.unref();

const { port } = workerData;
port.on('message', (job) => {
  const states = new Int32Array(job.states);
  for (let task = job.tasks.length - 1; task >= 0; task--) {
    const was = Atomics.compareExchange(states, task, FREE, HELPER);
    if (was === MAIN) break;
    if (was !== FREE) continue;
    port.postMessage(failedPart(job.job, task, new Error('injected')));
    Atomics.store(states, task, DONE);
    Atomics.notify(states, task);
  }
  jobs.postMessage(job.job);
});
