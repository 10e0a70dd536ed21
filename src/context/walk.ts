// The build-context walk: every entry the builder would receive, with sizes, depth first: each directory's entries
// in byte order of their names, or, for `--list`, in the order the file system returns them, as `find` lists them.
// Excluded directories are not read unless an exception could re-include something inside them;
// symbolic links are reported as links and never followed; entries that cannot be read are
// reported as problems, not errors.

import { lstatSync, opendirSync, readdirSync, readlinkSync, type Dirent } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { DockerignoreMatcher, ParentMatches } from './dockerignore/matcher.js';
import type { ContextEntry, DirectoryTotals, WalkProblem } from './types.js';

export interface WalkOptions {
  /** The .dockerignore in force; without one every entry is included. */
  matcher?: DockerignoreMatcher;
  /** Called for each included non-directory entry, in walk order (lets callers stream `--list`). */
  onEntry?: (entry: ContextEntry) => void;
  /** Keep every included entry in the result (default true; the bench turns it off to measure the walk). */
  keepEntries?: boolean;
  /**
   * Read each directory's entries in the order the file system returns them, as `find` does. Without it they come
   * in byte order of their names: the same on every file system, and one call per directory instead of one per
   * entry (Node sorts what it reads in one call), which makes the walk about 15% faster.
   */
  findOrder?: boolean;
}

export interface WalkResult {
  /** Absolute path of the context directory. */
  root: string;
  /** Included files, symbolic links and special files, in walk order (empty when keepEntries is false). */
  entries: ContextEntry[];
  /** Included bytes and files under each directory that holds any, keyed by relative path ('' is the root). */
  directories: Map<string, DirectoryTotals>;
  problems: WalkProblem[];
}

interface Frame {
  rel: string;
  abs: string;
  parentMatches: ParentMatches | undefined;
  names: Dirent[];
  next: number;
  bytes: number;
  files: number;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

function readDirectory(abs: string, findOrder: boolean): Dirent[] {
  if (!findOrder) return readdirSync(abs, { withFileTypes: true });
  const dir = opendirSync(abs, { bufferSize: 256 });
  const out: Dirent[] = [];
  try {
    for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) out.push(entry);
  } finally {
    dir.closeSync();
  }
  return out;
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

/** Walks the context directory `root` (throws InputError when it cannot be read at all). */
export function walkContext(root: string, options: WalkOptions = {}): WalkResult {
  const { matcher, onEntry } = options;
  const findOrder = options.findOrder ?? false;
  const keepEntries = options.keepEntries ?? true;
  const activeMatcher = matcher && matcher.patterns.length > 0 ? matcher : undefined;
  const readable = makeReadableCheck();
  const entries: ContextEntry[] = [];
  const directories = new Map<string, DirectoryTotals>();
  const problems: WalkProblem[] = [];

  let rootNames: Dirent[];
  const rootAbs = resolve(root);
  try {
    if (!lstatSync(rootAbs).isDirectory()) throw new InputError(`${root}: not a directory`);
    rootNames = readDirectory(rootAbs, findOrder);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${root}: cannot read the build context (${errorCode(error)})`);
  }

  const stack: Frame[] = [
    { rel: '', abs: rootAbs === '/' ? '' : rootAbs, parentMatches: undefined, names: rootNames, next: 0, bytes: 0, files: 0 },
  ];

  const emit = (entry: ContextEntry, frame: Frame) => {
    frame.bytes += entry.size;
    frame.files++;
    if (keepEntries) entries.push(entry);
    onEntry?.(entry);
  };

  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.names.length) {
      stack.pop();
      if (frame.files > 0) {
        directories.set(frame.rel, { bytes: frame.bytes, files: frame.files });
        const parent = stack[stack.length - 1];
        if (parent) {
          parent.bytes += frame.bytes;
          parent.files += frame.files;
        }
      }
      continue;
    }
    const dirent = frame.names[frame.next++];
    const rel = frame.rel === '' ? dirent.name : `${frame.rel}/${dirent.name}`;
    const abs = frame.abs + '/' + dirent.name;
    let isDirectory = dirent.isDirectory();
    let isFile = !isDirectory && dirent.isFile();
    let isSymlink = !isDirectory && !isFile && dirent.isSymbolicLink();
    const known = isDirectory || isFile || isSymlink || dirent.isFIFO() || dirent.isSocket() || dirent.isBlockDevice() || dirent.isCharacterDevice();
    if (!known) {
      // The file system did not report the type: ask for it.
      const stat = lstatSync(abs, { throwIfNoEntry: false });
      if (!stat) continue;
      isDirectory = stat.isDirectory();
      isSymlink = stat.isSymbolicLink();
      isFile = stat.isFile();
    }

    if (isDirectory) {
      let matches: ParentMatches | undefined;
      let excluded = false;
      if (activeMatcher) {
        const result = activeMatcher.match(rel, frame.parentMatches);
        matches = result.matches;
        excluded = result.excluded;
        if (excluded && !activeMatcher.exceptionCouldMatchInside(rel)) continue;
      }
      let names: Dirent[];
      try {
        names = readDirectory(abs, findOrder);
      } catch (error) {
        // BuildKit skips an unreadable directory it excludes anyway; an included one fails the build.
        if (!excluded) {
          problems.push({ path: rel, kind: 'unreadable-directory', message: `cannot list directory (${errorCode(error)})` });
        }
        continue;
      }
      stack.push({ rel, abs, parentMatches: matches, names, next: 0, bytes: 0, files: 0 });
      continue;
    }

    if (activeMatcher && activeMatcher.excludes(rel, frame.parentMatches)) continue;
    const stat = lstatSync(abs, { throwIfNoEntry: false });
    if (!stat) continue; // removed while we walked
    if (isSymlink) {
      let target = '';
      try {
        target = readlinkSync(abs);
      } catch (error) {
        problems.push({ path: rel, kind: 'unreadable-file', message: `cannot read symbolic link (${errorCode(error)})` });
      }
      emit({ path: rel, kind: 'symlink', size: stat.size, target }, frame);
      continue;
    }
    if (isFile && !readable(stat.mode, stat.uid, stat.gid)) {
      problems.push({ path: rel, kind: 'unreadable-file', message: 'permission denied: the builder cannot read it' });
    }
    emit({ path: rel, kind: isFile ? 'file' : 'other', size: isFile ? stat.size : 0 }, frame);
  }

  return { root: rootAbs, entries, directories, problems };
}
