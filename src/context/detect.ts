// What in a build context should not be there: secrets (the credential file kinds of src/secrets), version-control
// metadata, and heavy directories (dependencies, build output, caches) that the image rebuilds or never needs.

import { closeSync, openSync, readSync } from 'node:fs';
import { fsPath } from '../core/file-names.js';
import { secretFileCandidate, secretInContent, type SecretFileKind } from '../secrets/files.js';
import type { ContextEntry } from './types.js';

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The first bytes of a regular file, as text (secrets are recognised by content, not only by name). */
function readHead(root: string, path: string, bytes = 64 * 1024): string {
  const fd = openSync(fsPath(`${root}/${path}`), 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Files larger than this are not read for secret content (keys and credential files are small). */
const MAX_SECRET_FILE = 1024 * 1024;

export interface SecretFile {
  entry: ContextEntry;
  kind: SecretFileKind;
}

/**
 * Directories whose files are other people's code or the inputs of tests: a key or credentials file there is a
 * library's or a test's fixture (minio-go's sample `credentials.json`, a TLS test's `key.pem`), not the project's.
 */
const FIXTURE_DIRECTORIES: ReadonlySet<string> = new Set(['vendor', 'node_modules', 'bower_components', 'jspm_packages', 'third_party', 'third-party', 'testdata', 'fixtures', '__fixtures__']);

/** Secret files among the entries: by name, confirmed by content where the kind has a content check. */
export function findSecrets(root: string, entries: readonly ContextEntry[]): SecretFile[] {
  const out: SecretFile[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'file') continue;
    if (entry.path.split('/').slice(0, -1).some((part) => FIXTURE_DIRECTORIES.has(part))) continue;
    const kind = secretFileCandidate(entry.path);
    if (!kind) continue;
    if (kind.content) {
      if (entry.size > MAX_SECRET_FILE) continue;
      let head: string;
      try {
        head = readHead(root, entry.path);
      } catch {
        continue;
      }
      if (!secretInContent(kind, head)) continue;
    }
    out.push({ entry, kind });
  }
  return out;
}

export interface HeavyKind {
  id: string;
  /** What the directory holds, for messages. */
  label: string;
  /** Dependencies or build output that a `COPY . .` build might rely on (so excluding it is an unsafe fix). */
  mayBeNeeded: boolean;
  /** Whether the directory is this kind, given its name and what sits next to it. */
  matches: (name: string, siblings: ReadonlySet<string>) => boolean;
}

const any = () => true;
const besideAny =
  (...markers: string[]) =>
  (_: string, siblings: ReadonlySet<string>) =>
    markers.some((marker) => (marker.startsWith('*') ? [...siblings].some((s) => s.endsWith(marker.slice(1))) : siblings.has(marker)));

export const HEAVY_KINDS: (HeavyKind & { names: string[] })[] = [
  { id: 'node_modules', label: 'Node.js dependencies', mayBeNeeded: true, names: ['node_modules', 'bower_components', 'jspm_packages'], matches: any },
  { id: 'python-env', label: 'Python virtual environment', mayBeNeeded: true, names: ['.venv', 'venv', 'env', '.virtualenv'], matches: (_, s) => s.has('pyvenv.cfg') },
  { id: 'python-cache', label: 'Python caches', mayBeNeeded: false, names: ['__pycache__', '.pytest_cache', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.hypothesis'], matches: any },
  { id: 'coverage', label: 'test coverage output', mayBeNeeded: false, names: ['coverage', '.nyc_output', 'htmlcov'], matches: any },
  { id: 'frontend-build', label: 'front-end build output and caches', mayBeNeeded: true, names: ['.next', '.nuxt', '.svelte-kit', '.parcel-cache', '.turbo', '.angular', '.vite', '.docusaurus'], matches: any },
  { id: 'js-build', label: 'JavaScript build output', mayBeNeeded: true, names: ['dist', 'build', 'out'], matches: besideAny('package.json') },
  { id: 'rust-target', label: 'Rust build output', mayBeNeeded: true, names: ['target'], matches: besideAny('Cargo.toml') },
  { id: 'java-build', label: 'Java build output', mayBeNeeded: true, names: ['target', 'build', '.gradle'], matches: besideAny('pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts') },
  { id: 'dotnet-build', label: '.NET build output', mayBeNeeded: true, names: ['bin', 'obj'], matches: besideAny('*.csproj', '*.fsproj', '*.vbproj', '*.sln') },
  { id: 'ruby', label: 'Ruby bundle, logs and temp files', mayBeNeeded: true, names: ['.bundle', 'log', 'tmp'], matches: besideAny('Gemfile') },
  { id: 'go-build', label: 'Go build output', mayBeNeeded: true, names: ['bin'], matches: besideAny('go.mod') },
  { id: 'editor', label: 'editor and OS clutter', mayBeNeeded: false, names: ['.idea', '.vscode', '.cache'], matches: any },
];

export const VCS_NAMES = new Set(['.git', '.hg', '.svn', '.bzr']);

export interface DirectoryHit<K> {
  path: string;
  kind: K;
}

/**
 * Top-most directories in the context whose name (and neighbours) mark them as heavy or as version
 * control; `directories` are the included directories that hold files.
 */
export function findDirectories(
  directories: Iterable<string>,
  entries: readonly ContextEntry[],
): { heavy: DirectoryHit<HeavyKind>[]; vcs: string[] } {
  // What sits next to each directory, for marker checks (Cargo.toml beside target/, …).
  const children = new Map<string, Set<string>>();
  const note = (path: string) => {
    const parent = parentOf(path);
    let set = children.get(parent);
    if (!set) children.set(parent, (set = new Set()));
    set.add(basename(path));
  };
  const dirs = [...directories].filter((d) => d !== '');
  for (const dir of dirs) note(dir);
  for (const entry of entries) note(entry.path);

  const heavy: DirectoryHit<HeavyKind>[] = [];
  const vcs: string[] = [];
  const sorted = dirs.sort();
  const taken: string[] = [];
  const inside = (path: string) => taken.some((t) => path.startsWith(t + '/'));
  for (const dir of sorted) {
    if (inside(dir)) continue;
    const name = basename(dir);
    if (VCS_NAMES.has(name)) {
      vcs.push(dir);
      taken.push(dir);
      continue;
    }
    const siblings = children.get(parentOf(dir)) ?? new Set<string>();
    const own = children.get(dir) ?? new Set<string>();
    const kind = HEAVY_KINDS.find((k) => k.names.includes(name) && k.matches(name, k.id === 'python-env' ? own : siblings));
    if (kind) {
      heavy.push({ path: dir, kind });
      taken.push(dir);
    }
  }
  // A `.git` file (worktrees, submodules) is metadata too.
  for (const entry of entries) if (VCS_NAMES.has(basename(entry.path)) && !inside(entry.path)) vcs.push(entry.path);
  return { heavy, vcs };
}
