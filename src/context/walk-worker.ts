// A helper thread of the context walk (walk-helpers.ts). For each job it takes tasks from the last one down,
// walks each directory as the walking thread would, and sends the part back. It stops at the first task the
// walking thread has claimed: that thread claims them in order, so every task before it is taken.

import { workerData, type MessagePort } from 'node:worker_threads';
import { DockerignoreMatcher } from './dockerignore/matcher.js';
import { childPath, ContextWalk, type WalkFrame, type WalkSettings } from './walk.js';
import { DONE, failedPart, FREE, HELPER, MAIN, packPart, sentEntry, type HelperJob, type HelperPart, type PackedPart } from './walk-helpers.js';

const port = (workerData as { port: MessagePort }).port;
/** A helper idle this long leaves (its thread ends once the port is closed), so an idle process does not keep it. */
const IDLE_MS = 30_000;
let idle: NodeJS.Timeout | undefined;
const rest = () => {
  idle = setTimeout(() => port.close(), IDLE_MS);
};

function walkTask(job: HelperJob, task: number, settings: WalkSettings, beat: () => boolean): HelperPart {
  const { parentRel, parentAbs, parentMatches, name, read } = job.tasks[task];
  const walk = new ContextWalk(settings);
  const base: WalkFrame = { rel: parentRel, abs: parentAbs, parentMatches, names: [], next: 0, bytes: 0, files: 0 };
  const stack = [base];
  if (read) {
    const names = read.names.map((entry, i) => sentEntry(entry, read.types[i]));
    stack.push({ rel: childPath(base, name), abs: `${parentAbs}/${name}`, parentMatches: read.matches, names, next: 0, bytes: 0, files: 0 });
  } else {
    walk.visitDirectory(base, name, stack);
  }
  walk.run(stack, 1, beat);
  return { entries: walk.entries, directories: [...walk.directories], problems: walk.problems, bytes: base.bytes, files: base.files };
}

port.on('message', (job: HelperJob) => {
  clearTimeout(idle);
  const states = new Int32Array(job.states);
  const progress = states.length - 1;
  const settings: WalkSettings = {
    matcher: job.patterns.length > 0 ? new DockerignoreMatcher(job.patterns, job.ignoreFile) : undefined,
    findOrder: job.findOrder,
    keepEntries: true,
    onEntry: undefined,
  };
  const beat = (): boolean => {
    Atomics.add(states, progress, 1);
    return false;
  };
  for (let task = job.tasks.length - 1; task >= 0; task--) {
    const was = Atomics.compareExchange(states, task, FREE, HELPER);
    if (was === MAIN) break;
    if (was !== FREE) continue; // another helper has it
    let part: PackedPart;
    try {
      part = packPart(job.job, task, walkTask(job, task, settings, beat));
    } catch (error) {
      part = failedPart(job.job, task, error);
    }
    port.postMessage(part);
    Atomics.store(states, task, DONE);
    Atomics.notify(states, task);
  }
  rest();
});
rest();
