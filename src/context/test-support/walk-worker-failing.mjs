// A helper that fails every task it takes (for tests, as `helperModule`): it claims tasks from the last one down,
// as the real helper does, and reports each as failed, so that the walking thread must walk them itself.
import { workerData } from 'node:worker_threads';

const FREE = 0;
const MAIN = 1;
const HELPER = 2;
const DONE = 3;

const { port } = workerData;
port.on('message', (job) => {
  const states = new Int32Array(job.states);
  for (let task = job.tasks.length - 1; task >= 0; task--) {
    const was = Atomics.compareExchange(states, task, FREE, HELPER);
    if (was === MAIN) break;
    if (was !== FREE) continue;
    port.postMessage({ job: job.job, task, failure: 'Error: injected', paths: '', kinds: new Uint8Array(0), sizes: new Float64Array(0), targets: [], directories: [], problems: [], bytes: 0, files: 0 });
    Atomics.store(states, task, DONE);
    Atomics.notify(states, task);
  }
});
