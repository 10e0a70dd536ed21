// Finds the files of a project that a container build is made of: its Dockerfiles (by the names Docker and real
// projects use, templates, documents and binary files left out) and the files that declare builds (compose,
// bake, workflows, package.json, Makefiles, shell scripts). `.gitignore` files are honoured, dependency trees
// and build output skipped; what cannot be read is a note, never the end of the run.

import { closeSync, openSync, readdirSync, readFileSync, readSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { GitignoreStack } from './gitignore.js';
import type { ProjectNote } from './types.js';

/** Directories that hold dependencies, version control or build output, never a project's own build files. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.git', '.hg', '.svn', 'node_modules', 'bower_components', 'jspm_packages', 'vendor', 'third_party', 'third-party',
  '__pycache__', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', '.cache', '.next', '.nuxt', '.svelte-kit',
  '.turbo', '.yarn', '.pnpm-store', '.gradle', '.terraform', 'target', 'dist', 'coverage', '_build',
]);

/**
 * Test data: the inputs a project's tests read (a parser's sample Dockerfiles in `testdata`, `fixtures`,
 * `testfiles-negative`), not images it builds; one a build file names is still checked.
 */
export function isTestDataDirectory(name: string): boolean {
  return /^(test-?data|test-?files?([-_].*)?|fixtures|__fixtures__)$/i.test(name);
}

/** Extensions of files named like Dockerfiles that are templates, documents, pictures or source code. */
const NOT_DOCKERFILE_EXTENSIONS: ReadonlySet<string> = new Set([
  // templates: rendered into a Dockerfile by another tool
  'j2', 'jinja', 'jinja2', 'tpl', 'tmpl', 'template', 'in', 'erb', 'mustache', 'hbs', 'ejs', 'gotmpl', 'liquid',
  // documents and pictures
  'md', 'markdown', 'rst', 'adoc', 'txt', 'html', 'htm', 'pdf', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'ico', 'webp',
  // source code, data and editor leftovers named after Dockerfiles
  'go', 'ex', 'exs', 'js', 'mjs', 'cjs', 'ts', 'tsx', 'jsx', 'py', 'rb', 'rs', 'java', 'kt', 'cs', 'c', 'h', 'cc', 'cpp',
  'php', 'sh', 'json', 'yml', 'yaml', 'toml', 'xml', 'snap', 'lock', 'orig', 'rej', 'bak', 'swp', 'patch', 'diff',
  'dockerignore', 'zip', 'gz', 'tgz', 'tar',
]);

/** Whether a file name is a Dockerfile's, by the conventions Docker and real projects use (case-insensitive). */
export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  const extension = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
  if (lower === 'dockerfile' || lower === 'containerfile') return true;
  if (lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return true;
  if (/^(dockerfile|containerfile)[.-]./.test(lower)) {
    return !NOT_DOCKERFILE_EXTENSIONS.has(extension) && !lower.endsWith('.dockerignore');
  }
  return false;
}

export function isComposeName(name: string): boolean {
  return /^(docker-)?compose([.-][^/]*)?\.ya?ml$/i.test(name);
}

export function isBakeName(name: string): boolean {
  return /^docker-bake([.-][^/]*)?\.(hcl|json)$/i.test(name) || /^docker-bake\.override\./i.test(name);
}

function isMakefileName(name: string): boolean {
  return /^(gnu)?makefile$/i.test(name) || name.endsWith('.mk');
}

export interface ProjectFiles {
  /** The directory searched, as given. */
  root: string;
  dockerfiles: string[];
  compose: string[];
  bake: string[];
  workflows: string[];
  packageJsons: string[];
  makefiles: string[];
  scripts: string[];
  notes: ProjectNote[];
}

export interface DiscoverOptions {
  /** Gitignore-style patterns relative to the root (`--exclude`, `exclude:` in the config). */
  exclude?: readonly string[];
  /** Also walk dependency and build-output directories (default false). */
  includeSkipped?: boolean;
}

const SNIFF_BYTES = 8000;

/** Why a file cannot be a Dockerfile (binary content, unreadable), or undefined when it can. */
export function unreadableReason(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(SNIFF_BYTES);
    const read = readSync(fd, head, 0, SNIFF_BYTES, 0);
    if (head.subarray(0, read).includes(0)) return 'binary content, not a Dockerfile: skipped';
    return undefined;
  } catch (error) {
    return `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'}): skipped`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readIgnoreFile(path: string, notes: ProjectNote[]): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') notes.push({ file: path, message: `cannot read (${code ?? 'error'}): not honoured` });
    return undefined;
  }
}

/** The project's build files under `root`, each list in path order. */
export function discoverProject(root: string, options: DiscoverOptions = {}): ProjectFiles {
  const files: ProjectFiles = { root, dockerfiles: [], compose: [], bake: [], workflows: [], packageJsons: [], makefiles: [], scripts: [], notes: [] };
  const excluded = GitignoreStack.empty().enter('', options.exclude?.join('\n'));
  const walk = (rel: string, ignores: GitignoreStack): void => {
    const abs = rel === '' ? root : join(root, rel);
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      files.notes.push({ file: abs, message: `cannot read directory (${(error as NodeJS.ErrnoException).code ?? 'error'}): skipped` });
      return;
    }
    const here = entries.some((entry) => entry.name === '.gitignore') ? ignores.enter(rel, readIgnoreFile(join(abs, '.gitignore'), files.notes)) : ignores;
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      const isDirectory = entry.isDirectory();
      if (here.ignores(path, isDirectory) || excluded.ignores(path, isDirectory)) continue;
      if (isDirectory) {
        if (options.includeSkipped || !(SKIPPED_DIRECTORIES.has(entry.name) || isTestDataDirectory(entry.name))) walk(path, here);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      classify(files, join(root, path), path, entry.name);
    }
  };
  walk('', GitignoreStack.empty());
  return files;
}

function classify(files: ProjectFiles, abs: string, rel: string, name: string): void {
  if (isDockerfileName(name)) {
    const reason = unreadableReason(abs);
    if (reason) files.notes.push({ file: abs, message: reason });
    else files.dockerfiles.push(abs);
  } else if (isComposeName(name)) files.compose.push(abs);
  else if (isBakeName(name)) files.bake.push(abs);
  else if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel)) files.workflows.push(abs);
  else if (name === 'package.json') files.packageJsons.push(abs);
  else if (isMakefileName(name)) files.makefiles.push(abs);
  else if (name.endsWith('.sh')) files.scripts.push(abs);
}
