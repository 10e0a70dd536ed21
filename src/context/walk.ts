// The build-context walk: every entry the builder would receive, with sizes, depth first: each directory's entries
// in byte order of their names, or, for `--list`, in the order the file system returns them, as `find` lists them.
// Excluded directories are not read unless an exception could re-include something inside them;
// symbolic links are reported as links and never followed; entries that cannot be read are
// reported as problems, not errors.
//
// A large context is walked by more than one thread. The walk is bound by system calls (a `readdir` per directory,
// an `lstat` per included file) that one thread issues one after another; once this thread has read
// `parallelAfter` entries, the directories still waiting on its stack are offered to helper threads (walk-helpers.ts),
// which take them from the end while this thread goes on from the front. A helper's part comes back whole and
// is put where it belongs, so the result, and the order of `onEntry` calls, are those of a walk on one thread.

import { lstatSync, opendirSync, readdirSync, readlinkSync, type Dirent, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { decodeFileName, fsPath } from '../core/file-names.js';
import type { DockerignoreMatcher, ParentMatches } from './dockerignore/matcher.js';
import type { ContextEntry, DirectoryTotals, WalkProblem } from './types.js';
import { defaultHelperModule, sentEntry, typeNumber, WalkHelpers, type HelperPart, type HelperTask, type TYPE_TESTS } from './walk-helpers.js';

export interface WalkOptions {
  /** The .dockerignore in force; without one every entry is included. */
  matcher?: DockerignoreMatcher;
  /** Called for each included non-directory entry, in walk order (lets callers stream `--list`). */
  onEntry?: (entry: ContextEntry) => void;
  /** Keep every included entry in the result (default true; `--list` streams them through `onEntry` instead). */
  keepEntries?: boolean;
  /**
   * Read each directory's entries in the order the file system returns them, as `find` does. Without it they come
   * in byte order of their names: the same on every file system, and one call per directory instead of one per
   * entry (Node sorts what it reads in one call), which makes the walk about 15% faster.
   */
  findOrder?: boolean;
  /** Helper threads for a large context (default: one less than the cores, at most 3; 0 walks on this thread only). */
  threads?: number;
  /** Entries this thread reads before it shares the rest with helper threads (default 2,000). */
  parallelAfter?: number;
  /**
   * The helper threads' module (default: `walk-worker.js` beside this module, in the package as built). A program
   * that bundles this library points it at the bundled `walk-worker.js`.
   */
  helperModule?: URL;
}

export interface WalkResult {
  /** Absolute path of the context directory. */
  root: string;
  /** Included files, symbolic links and special files, in walk order (empty when keepEntries is false). */
  entries: ContextEntry[];
  /** Included bytes and files under each directory that holds any, keyed by relative path ('' is the root). */
  directories: Map<string, DirectoryTotals>;
  problems: WalkProblem[];
  /** Directories whose part of the walk helper threads did (0 when it stayed on one thread). */
  helperParts: number;
}

/** A directory being read: its entries, the next one to visit, and the totals of what it included so far. */
export interface WalkFrame {
  rel: string;
  abs: string;
  parentMatches: ParentMatches | undefined;
  names: DirectoryEntry[];
  next: number;
  bytes: number;
  files: number;
  /** Which of `names` are directories offered to helper threads: index in `names` to task number. */
  tasks?: Map<number, number>;
  /** Directories among `names` already read (to make smaller tasks of what is inside): index in `names` to frame. */
  prepared?: Map<number, WalkFrame>;
}

/** What the walk is told, as a helper thread is told it too. */
export interface WalkSettings {
  matcher: DockerignoreMatcher | undefined;
  findOrder: boolean;
  keepEntries: boolean;
  onEntry: ((entry: ContextEntry) => void) | undefined;
}

const PARALLEL_AFTER = 2_000;
const EXPAND_TASKS = 64;
const EXPAND_READS = 256;
const MAX_HELPERS = 3;
const NO_THROW = { throwIfNoEntry: false } as const;

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

/** What the walk needs of an entry of a directory: a Dirent, or one sent from another thread. */
export type DirectoryEntry = Pick<Dirent, 'name' | (typeof TYPE_TESTS)[number]>;

/** The path of `name` inside the directory of `frame`, relative to the context. */
export function childPath(frame: WalkFrame, name: string): string {
  return frame.rel === '' ? name : `${frame.rel}/${name}`;
}

function readEntries<Name extends string | Buffer>(path: string | Buffer, findOrder: boolean, encoding: 'utf8' | 'buffer'): Dirent<Name>[] {
  if (!findOrder) return readdirSync(path, { withFileTypes: true, encoding: encoding as 'utf8' }) as unknown as Dirent<Name>[];
  const dir = opendirSync(path, { bufferSize: 256, encoding: encoding as 'utf8' });
  const out: Dirent<Name>[] = [];
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) out.push(entry as unknown as Dirent<Name>);
  } finally {
    dir.closeSync();
  }
  return out;
}

/**
 * The entries of the directory at `abs`. Names are read as strings; a directory where one did not decode (U+FFFD)
 * is read again as bytes, so that a name that is not UTF-8 still names its file (file-names.ts), at no cost to
 * the directories where every name is UTF-8.
 */
function readDirectory(abs: string, findOrder: boolean): DirectoryEntry[] {
  const path = fsPath(abs);
  const entries = readEntries<string>(path, findOrder, 'utf8');
  for (const entry of entries) {
    if (entry.name.includes('\ufffd')) {
      return readEntries<Buffer>(path, findOrder, 'buffer').map((raw) => sentEntry(decodeFileName(raw.name), typeNumber(raw)));
    }
  }
  return entries;
}

/** Read permission from the mode bits, the way the kernel checks it for this process (root reads all). */
function makeReadableCheck(): (mode: number, uid: number, gid: number) => boolean {
  const uid = process.getuid?.() ?? 0;
  if (uid === 0) return () => true;
  const groups = new Set([process.getgid?.() ?? -1, ...(process.getgroups?.() ?? [])]);
  return (mode, fileUid, fileGid) => {
    if (fileUid === uid) return (mode & 0o400) !== 0;
    if (groups.has(fileGid)) return (mode & 0o040) !== 0;
    return (mode & 0o004) !== 0;
  };
}

/**
 * The walk of a tree, or of a part of one on a helper thread: it visits entries frame by frame and collects what
 * is included. `run` drives the frames above a given depth of the stack to their end.
 */
export class ContextWalk {
  readonly entries: ContextEntry[] = [];
  readonly directories = new Map<string, DirectoryTotals>();
  readonly problems: WalkProblem[] = [];
  /** Entries visited so far, included or not. */
  visited = 0;
  private readonly matcher: DockerignoreMatcher | undefined;
  private readonly readable = makeReadableCheck();

  constructor(readonly settings: WalkSettings) {
    this.matcher = settings.matcher && settings.matcher.patterns.length > 0 ? settings.matcher : undefined;
  }

  /**
   * Walks until the stack is `depth` frames deep. Before each entry, `divert` may take it over (a part a helper
   * thread walked) and return true.
   */
  run(stack: WalkFrame[], depth: number, divert?: (frame: WalkFrame, index: number) => boolean): void {
    while (stack.length > depth) {
      const frame = stack[stack.length - 1];
      if (frame.next >= frame.names.length) {
        this.finish(stack);
        continue;
      }
      const index = frame.next++;
      if (divert?.(frame, index)) continue;
      this.visit(frame, frame.names[index], stack);
    }
  }

  /** Visits the directory `name` inside `frame`: pushes a frame to read it unless .dockerignore leaves it out. */
  visitDirectory(frame: WalkFrame, name: string, stack: WalkFrame[]): void {
    this.visited++;
    const opened = this.openDirectory(frame, name, true);
    if (opened) stack.push(opened);
  }

  /**
   * Reads the directory `name` inside `parent` into a frame of its own; undefined when .dockerignore leaves it out
   * or it cannot be read (a problem, when `report`: BuildKit skips an unreadable directory it excludes anyway, and
   * an included one fails the build).
   */
  openDirectory(parent: WalkFrame, name: string, report: boolean): WalkFrame | undefined {
    const rel = childPath(parent, name);
    const abs = parent.abs + '/' + name;
    let matches: ParentMatches | undefined;
    let excluded = false;
    if (this.matcher) {
      const result = this.matcher.match(rel, parent.parentMatches);
      matches = result.matches;
      excluded = result.excluded;
      if (excluded && !this.matcher.exceptionCouldMatchInside(rel)) return undefined;
    }
    try {
      return { rel, abs, parentMatches: matches, names: readDirectory(abs, this.settings.findOrder), next: 0, bytes: 0, files: 0 };
    } catch (error) {
      if (report && !excluded) {
        this.problems.push({ path: rel, kind: 'unreadable-directory', message: `cannot list directory (${errorCode(error)})` });
      }
      return undefined;
    }
  }

  /** Adds a part of the tree a helper thread walked, at the place it has in the walk. */
  merge(part: HelperPart, frame: WalkFrame): void {
    const { keepEntries, onEntry } = this.settings;
    for (const entry of part.entries) {
      if (keepEntries) this.entries.push(entry);
      onEntry?.(entry);
    }
    for (const [rel, totals] of part.directories) this.directories.set(rel, totals);
    for (const problem of part.problems) this.problems.push(problem);
    frame.bytes += part.bytes;
    frame.files += part.files;
  }

  private visit(frame: WalkFrame, dirent: DirectoryEntry, stack: WalkFrame[]): void {
    let isDirectory = dirent.isDirectory();
    let isFile = !isDirectory && dirent.isFile();
    let isSymlink = !isDirectory && !isFile && dirent.isSymbolicLink();
    const known = isDirectory || isFile || isSymlink || dirent.isFIFO() || dirent.isSocket() || dirent.isBlockDevice() || dirent.isCharacterDevice();
    const abs = frame.abs + '/' + dirent.name;
    if (!known) {
      // The file system did not report the type: ask for it.
      const stat = this.stat(abs, frame, dirent.name);
      if (!stat) return;
      isDirectory = stat.isDirectory();
      isSymlink = stat.isSymbolicLink();
      isFile = stat.isFile();
    }
    if (isDirectory) {
      this.visitDirectory(frame, dirent.name, stack);
      return;
    }

    this.visited++;
    const rel = childPath(frame, dirent.name);
    if (this.matcher && this.matcher.excludes(rel, frame.parentMatches)) return;
    const stat = this.stat(abs, frame, dirent.name);
    if (!stat) return;
    if (isSymlink) {
      let target = '';
      try {
        target = decodeFileName(readlinkSync(fsPath(abs), { encoding: 'buffer' }));
      } catch (error) {
        this.problems.push({ path: rel, kind: 'unreadable-file', message: `cannot read symbolic link (${errorCode(error)})` });
      }
      this.emit({ path: rel, kind: 'symlink', size: stat.size, target }, frame);
      return;
    }
    if (isFile && !this.readable(stat.mode, stat.uid, stat.gid)) {
      this.problems.push({ path: rel, kind: 'unreadable-file', message: 'permission denied: the builder cannot read it' });
    }
    this.emit({ path: rel, kind: isFile ? 'file' : 'other', size: isFile ? stat.size : 0 }, frame);
  }

  /**
   * The entry's status; undefined when it was removed while we walked, or cannot be looked at (a path too long
   * for the system, say), which is a problem: the builder could not send it either.
   */
  private stat(abs: string, frame: WalkFrame, name: string): Stats | undefined {
    try {
      return lstatSync(fsPath(abs), NO_THROW);
    } catch (error) {
      this.problems.push({ path: childPath(frame, name), kind: 'unreadable-file', message: `cannot look at it (${errorCode(error)})` });
      return undefined;
    }
  }

  private emit(entry: ContextEntry, frame: WalkFrame): void {
    frame.bytes += entry.size;
    frame.files++;
    if (this.settings.keepEntries) this.entries.push(entry);
    this.settings.onEntry?.(entry);
  }

  /** Pops the finished top frame: records its totals and adds them to the frame below. */
  private finish(stack: WalkFrame[]): void {
    const frame = stack.pop()!;
    if (frame.files === 0) return;
    this.directories.set(frame.rel, { bytes: frame.bytes, files: frame.files });
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.bytes += frame.bytes;
      parent.files += frame.files;
    }
  }
}

/** A directory waiting on the stack: `frame.names[index]`, and its frame once read ahead. */
interface Pending {
  frame: WalkFrame;
  index: number;
  opened?: WalkFrame;
  /** Stays a task as it is: left out, unreadable (walking it reports that in its place), or holding no directory. */
  settled?: boolean;
}

/**
 * The directories still waiting on the stack, numbered in the order this thread would reach them (the top frame's
 * first), as tasks for helper threads. So that one large directory does not end up as one task that a thread
 * walks alone while the other waits, while there are fewer than `EXPAND_TASKS` tasks the waiting directories are
 * read ahead, level by level, up to `EXPAND_READS` of them: a directory read ahead that holds directories is no
 * task itself but a frame this thread will walk, and the directories inside are the tasks. One that holds none
 * stays a task, and what was read goes with it, so that no directory is read twice.
 */
function offerPendingDirectories(stack: WalkFrame[], walk: ContextWalk): HelperTask[] {
  let pending: Pending[] = [];
  for (let depth = stack.length - 1; depth >= 0; depth--) {
    const frame = stack[depth];
    for (let index = frame.next; index < frame.names.length; index++) {
      if (frame.names[index].isDirectory()) pending.push({ frame, index });
    }
  }
  let reads = 0;
  while (pending.length < EXPAND_TASKS && reads < EXPAND_READS && pending.some((item) => !item.settled)) {
    const next: Pending[] = [];
    for (const item of pending) {
      const opened = item.settled || reads >= EXPAND_READS ? undefined : walk.openDirectory(item.frame, item.frame.names[item.index].name, false);
      if (opened) reads++;
      const inside = opened ? opened.names.flatMap((dirent, index) => (dirent.isDirectory() ? [{ frame: opened, index }] : [])) : [];
      if (inside.length === 0) {
        next.push({ ...item, ...(opened ? { opened } : {}), settled: true });
        continue;
      }
      (item.frame.prepared ??= new Map()).set(item.index, opened!);
      next.push(...inside);
    }
    pending = next;
  }
  return pending.map(({ frame, index, opened }, task) => {
    (frame.tasks ??= new Map()).set(index, task);
    const offered: HelperTask = { parentRel: frame.rel, parentAbs: frame.abs, parentMatches: frame.parentMatches, name: frame.names[index].name };
    if (opened) {
      (frame.prepared ??= new Map()).set(index, opened);
      offered.read = { names: opened.names.map((dirent) => dirent.name), types: Uint8Array.from(opened.names, typeNumber), matches: opened.parentMatches };
    }
    return offered;
  });
}

/** Walks the context directory `root` (throws InputError when it cannot be read at all). */
export function walkContext(root: string, options: WalkOptions = {}): WalkResult {
  const settings: WalkSettings = {
    matcher: options.matcher,
    findOrder: options.findOrder ?? false,
    keepEntries: options.keepEntries ?? true,
    onEntry: options.onEntry,
  };
  const threads = options.threads ?? Math.min(availableParallelism() - 1, MAX_HELPERS);
  const parallelAfter = options.parallelAfter ?? PARALLEL_AFTER;

  let rootNames: DirectoryEntry[];
  const rootAbs = resolve(root);
  try {
    if (!lstatSync(rootAbs).isDirectory()) throw new InputError(`${root}: not a directory`);
    rootNames = readDirectory(rootAbs, settings.findOrder);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${root}: cannot read the build context (${errorCode(error)})`);
  }

  const walk = new ContextWalk(settings);
  const stack: WalkFrame[] = [
    { rel: '', abs: rootAbs === '/' ? '' : rootAbs, parentMatches: undefined, names: rootNames, next: 0, bytes: 0, files: 0 },
  ];
  let helpers: WalkHelpers | undefined;
  let helperParts = 0;
  const divert = (frame: WalkFrame, index: number): boolean => {
    if (helpers === undefined) {
      if (threads > 0 && walk.visited >= parallelAfter) {
        const module = options.helperModule ?? defaultHelperModule();
        helpers = WalkHelpers.start(threads, module, settings, () => offerPendingDirectories(stack, walk));
      }
      return false;
    }
    const task = frame.tasks?.get(index);
    if (task !== undefined && !helpers.claim(task)) {
      const part = helpers.take(task);
      if (part) {
        walk.merge(part, frame);
        helperParts++;
        return true;
      }
      // The helper failed: walk it here.
    }
    const prepared = frame.prepared?.get(index);
    if (!prepared) return false;
    walk.visited++;
    stack.push(prepared);
    return true;
  };
  try {
    walk.run(stack, 0, threads > 0 ? divert : undefined);
  } finally {
    helpers?.close();
  }
  return { root: rootAbs, entries: walk.entries, directories: walk.directories, problems: walk.problems, helperParts };
}
