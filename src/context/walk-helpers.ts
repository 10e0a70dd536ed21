// Helper threads for a large context walk (walk.ts). The directories waiting on the walk's stack become numbered
// tasks; the walking thread claims them from the first, the helpers from the last, each with an atomic
// compare-and-swap on a shared array, so every task is walked exactly once. A helper sends each task's part back
// whole, and the walking thread puts it in its place when it gets there, waiting for it if need be.
//
// Helpers start on the first walk that needs them and stay for later walks, unreferenced, so that a process that
// walks again (the fix re-walks after each change) pays for starting them and compiling the walk once; a helper
// idle for 30 seconds leaves.
// The helper module is compiled JavaScript beside this one: run from TypeScript sources there is none, and the
// walk stays on one thread unless told where one is.

import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ParentMatches, PatternLine } from './dockerignore/matcher.js';
import type { ContextEntry, DirectoryTotals, WalkProblem } from './types.js';
import type { DirectoryEntry, WalkSettings } from './walk.js';

/** A directory waiting on the walk's stack: its name and the frame it sits in. */
export interface HelperTask {
  parentRel: string;
  parentAbs: string;
  parentMatches: ParentMatches | undefined;
  name: string;
  /** Its entries (names and `typeNumber`s) and .dockerignore results, when the walking thread read it already. */
  read?: { names: string[]; types: Uint8Array; matches: ParentMatches | undefined };
}

/** One walk's work, as a helper is given it. */
export interface HelperJob {
  job: number;
  tasks: HelperTask[];
  patterns: readonly PatternLine[];
  ignoreFile: string;
  findOrder: boolean;
  /** Task states (FREE, MAIN, HELPER, DONE) followed by one counter the helpers bump as they go. */
  states: SharedArrayBuffer;
}

/** A task's part of the walk, in walk order: what the walk on one thread would have collected there. */
export interface HelperPart {
  entries: ContextEntry[];
  directories: [string, DirectoryTotals][];
  problems: WalkProblem[];
  bytes: number;
  files: number;
}

/**
 * A part as it crosses between threads: the paths joined with NUL (no file name holds one), kinds and sizes in
 * typed arrays, so that a task of thousands of files is a few objects to copy. `failure` says the helper could
 * not walk the task.
 */
export interface PackedPart {
  job: number;
  task: number;
  failure?: string;
  paths: string;
  kinds: Uint8Array;
  sizes: Float64Array;
  targets: string[];
  directories: [string, number, number][];
  problems: WalkProblem[];
  bytes: number;
  files: number;
}

/** The tests of an entry's type, in the order of the numbers `typeNumber` gives (0: unknown). */
export const TYPE_TESTS = ['isFile', 'isDirectory', 'isSymbolicLink', 'isFIFO', 'isSocket', 'isBlockDevice', 'isCharacterDevice'] as const;

/** The type of an entry as a number, to send it to another thread. */
export function typeNumber(entry: Pick<DirectoryEntry, (typeof TYPE_TESTS)[number]>): number {
  return TYPE_TESTS.findIndex((test) => entry[test]()) + 1;
}

/** The type tests of an entry sent from another thread, answered from its `typeNumber`, shared by all such entries. */
const sentEntryTests = Object.fromEntries(
  TYPE_TESTS.map((test, index) => [test, function (this: { type: number }) { return this.type === index + 1; }]),
);

/** An entry read by another thread, from its name and `typeNumber`. */
export function sentEntry(name: string, type: number): DirectoryEntry {
  return Object.assign(Object.create(sentEntryTests) as DirectoryEntry, { name, type });
}

/** A task's state in the shared array: not taken yet, taken by the walking thread, by a helper, walked by a helper. */
export const FREE = 0;
export const MAIN = 1;
export const HELPER = 2;
export const DONE = 3;

const KINDS: readonly ContextEntry['kind'][] = ['file', 'symlink', 'other'];
const SYMLINK = KINDS.indexOf('symlink');

/** How long a helper may go without visiting an entry before its task is walked by the walking thread instead. */
const STALL_MS = 10_000;
/** Young-generation limit of a helper: a part is sent as it is done, so little stays alive. */
const HELPER_YOUNG_GENERATION_MB = 2;

export function packPart(job: number, task: number, part: HelperPart): PackedPart {
  const count = part.entries.length;
  const kinds = new Uint8Array(count);
  const sizes = new Float64Array(count);
  const targets: string[] = [];
  const paths: string[] = new Array(count);
  part.entries.forEach((entry, i) => {
    paths[i] = entry.path;
    kinds[i] = KINDS.indexOf(entry.kind);
    sizes[i] = entry.size;
    if (entry.kind === 'symlink') targets.push(entry.target ?? '');
  });
  return {
    job,
    task,
    paths: paths.join('\0'),
    kinds,
    sizes,
    targets,
    directories: part.directories.map(([rel, totals]) => [rel, totals.bytes, totals.files]),
    problems: part.problems,
    bytes: part.bytes,
    files: part.files,
  };
}

/** The answer for a task a helper could not walk: the walking thread walks it instead. */
export function failedPart(job: number, task: number, error: unknown): PackedPart {
  return { ...packPart(job, task, { entries: [], directories: [], problems: [], bytes: 0, files: 0 }), failure: String(error) };
}

function unpackPart(packed: PackedPart): HelperPart {
  const paths = packed.sizes.length === 0 ? [] : packed.paths.split('\0');
  let target = 0;
  const entries = paths.map((path, i): ContextEntry => {
    const kind = packed.kinds[i];
    const size = packed.sizes[i];
    return kind === SYMLINK ? { path, kind: 'symlink', size, target: packed.targets[target++] } : { path, kind: KINDS[kind], size };
  });
  return {
    entries,
    directories: packed.directories.map(([rel, bytes, files]) => [rel, { bytes, files }]),
    problems: packed.problems,
    bytes: packed.bytes,
    files: packed.files,
  };
}

interface Helper {
  worker: Worker;
  port: MessagePort;
}

/** Helpers started so far, by module, shared by every walk of this process. */
const started = new Map<string, Helper[]>();
let lastJob = 0;

/** The compiled helper module beside this one, when there is one (not when running from sources). */
export function defaultHelperModule(): URL | undefined {
  const module = new URL('./walk-worker.js', import.meta.url);
  return existsSync(module) ? module : undefined;
}

/** Up to `count` helpers running `module`, started when first asked for. */
function helpersFor(module: URL, count: number): Helper[] {
  let helpers = started.get(module.href);
  if (!helpers) started.set(module.href, (helpers = []));
  while (helpers.length < count) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(module, {
      workerData: { port: port2 },
      transferList: [port2],
      // Not this process's flags: `-e SCRIPT` or `--input-type` would make the helper run something else.
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: HELPER_YOUNG_GENERATION_MB },
    });
    // A helper that fails to start claims nothing, and one that dies in a task stops counting, so that the task
    // is walked here (see take): the walk's result is complete either way, and the error is not news.
    worker.on('error', () => {});
    const helper = { worker, port: port1 };
    const pool = helpers;
    // It leaves when idle for a while (walk-worker.ts); a walk started before this runs finds it gone and walks alone.
    worker.on('exit', () => {
      const at = pool.indexOf(helper);
      if (at >= 0) pool.splice(at, 1);
    });
    worker.unref();
    helpers.push(helper);
  }
  return helpers.slice(0, count);
}

/** One walk's helpers and tasks. */
export class WalkHelpers {
  private readonly arrived = new Map<number, PackedPart>();

  private constructor(
    private readonly job: number,
    private readonly states: Int32Array,
    private readonly helpers: Helper[],
  ) {}

  /** Offers the tasks `offer` makes to `threads` helpers running `module` (`offer` is not called without one). */
  static start(threads: number, module: URL | undefined, settings: WalkSettings, offer: () => HelperTask[]): WalkHelpers {
    const available = module ? helpersFor(module, threads) : [];
    const tasks = available.length > 0 ? offer() : [];
    const states = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (tasks.length + 1));
    const job: HelperJob = {
      job: ++lastJob,
      tasks,
      patterns: settings.matcher?.lines ?? [],
      ignoreFile: settings.matcher?.file ?? '.dockerignore',
      findOrder: settings.findOrder,
      states,
    };
    const working = tasks.length > 0 ? available : [];
    for (const helper of working) helper.port.postMessage(job);
    return new WalkHelpers(job.job, new Int32Array(states), working);
  }

  /** Claims `task` for the walking thread; false when a helper has it. */
  claim(task: number): boolean {
    return this.helpers.length === 0 || Atomics.compareExchange(this.states, task, FREE, MAIN) === FREE;
  }

  /** The part a helper walked for `task`, once it is done; undefined when the helper failed or stalled. */
  take(task: number): HelperPart | undefined {
    const progress = this.states.length - 1;
    let seen = Atomics.load(this.states, progress);
    let since = Date.now();
    while (Atomics.load(this.states, task) !== DONE) {
      Atomics.wait(this.states, task, HELPER, 500);
      const now = Atomics.load(this.states, progress);
      if (now !== seen) {
        seen = now;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        return undefined;
      }
    }
    // A helper posts a part before it marks the task done, so the part is already in its port's queue.
    for (const { port } of this.helpers) {
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        const packed = message.message as PackedPart;
        if (packed.job === this.job) this.arrived.set(packed.task, packed);
      }
    }
    const packed = this.arrived.get(task);
    this.arrived.delete(task);
    return packed && packed.failure === undefined ? unpackPart(packed) : undefined;
  }

  /** Ends the walk's share of work: tasks nobody took are claimed, so that no helper starts one. */
  close(): void {
    for (let task = 0; task < this.states.length - 1; task++) Atomics.compareExchange(this.states, task, FREE, MAIN);
  }
}
