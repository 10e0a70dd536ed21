// What each COPY/ADD from the build context takes, with BuildKit's rules: the source is joined to `/`
// and cleaned (so `..` cannot leave the context); a directory copies its contents; a wildcard source is
// split at its first wildcard component and matched with filepath.Match against the paths below, each
// match taken whole (an empty match is allowed); `--exclude` patterns (.dockerignore syntax) apply
// relative to what is copied; `--parents` keeps the path and takes files matching the pattern
// (relative to the part before an optional `/./`).

import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { GoBadPatternError, goClean, goMatch, hasWildcards } from '../dockerignore/go-path.js';
import { DockerignoreMatcher } from '../dockerignore/matcher.js';
import type { ContextEntry, CopyResolution, CopySourceResolution } from '../types.js';
import type { WalkResult } from '../walk.js';
import type { CopySpec } from './spec.js';

/** One thing a source takes: everything at or under `root` (a context path, '' for the whole context). */
interface Selection {
  root: string;
  /** `--exclude` patterns, matched against paths relative to `base`. */
  exclude?: DockerignoreMatcher;
  base: string;
  /** `--parents` pattern, matched against paths relative to `base`. */
  include?: DockerignoreMatcher;
}

export interface ResolvedCopy extends CopyResolution {
  spec: CopySpec;
  /** Whether the instruction copies this context file into the image. */
  takes(path: string): boolean;
  /** Whether a source names this path or something inside it (not merely an ancestor, like `.`). */
  names(path: string): boolean;
  /** Whether the path is at or under something a source names (so the instruction needs it). */
  needs(path: string): boolean;
}

function isUnder(path: string, root: string): boolean {
  return root === '' || path === root || path.startsWith(root + '/');
}

function relativeTo(path: string, base: string): string {
  return base === '' ? path : path.slice(base.length + 1);
}

/** BuildKit's NormalizePath("/", src): joined to `/`, cleaned, made relative ('' is the context root). */
export function contextPath(source: string): string {
  return goClean('/' + source).slice(1);
}

export class CopyResolver {
  private readonly files = new Map<string, ContextEntry>();

  constructor(
    private readonly walk: WalkResult,
    private readonly ignore: DockerignoreMatcher | undefined,
  ) {
    for (const entry of walk.entries) this.files.set(entry.path, entry);
  }

  private excludedByIgnore(path: string): boolean {
    return this.ignore !== undefined && this.ignore.patterns.length > 0 && this.ignore.matches(path);
  }

  private selects(selection: Selection, path: string): boolean {
    if (!isUnder(path, selection.root)) return false;
    const relative = relativeTo(path, selection.base);
    if (selection.include && !selection.include.matches(relative)) return false;
    return !(selection.exclude && selection.exclude.matches(relative));
  }

  /** Directory entries on disk below `dir` (a context path), unfiltered, `depth` levels down. */
  private pathsOnDisk(dir: string, depth: number): string[] {
    const out: string[] = [];
    const visit = (rel: string, level: number) => {
      let names: string[];
      try {
        names = readdirSync(this.walk.root + (rel === '' ? '' : '/' + rel)).sort();
      } catch {
        return;
      }
      for (const name of names) {
        const child = rel === '' ? name : `${rel}/${name}`;
        if (level === depth) out.push(child);
        else visit(child, level + 1);
      }
    };
    visit(dir, 1);
    return out;
  }

  /** Follows a symbolic link source inside the context, as BuildKit does (absolute targets are context-rooted). */
  private followLinks(path: string): string {
    let current = path;
    for (let hops = 0; hops < 16 && this.files.get(current)?.kind === 'symlink'; hops++) {
      const target = readlinkSync(this.walk.root + '/' + current);
      const parent = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
      current = contextPath(target.startsWith('/') ? target : `${parent}/${target}`);
    }
    return current;
  }

  private exists(path: string): boolean {
    return lstatSync(this.walk.root + '/' + path, { throwIfNoEntry: false }) !== undefined;
  }

  private isIncludedDirectory(path: string): boolean {
    if (path === '' || this.walk.directories.has(path)) return true;
    const stat = lstatSync(this.walk.root + '/' + path, { throwIfNoEntry: false });
    return stat?.isDirectory() === true && !this.excludedByIgnore(path);
  }

  private resolveSource(source: string, spec: CopySpec, exclude: DockerignoreMatcher | undefined): [CopySourceResolution, Selection[]] {
    const result: CopySourceResolution = { source, status: 'ok', matches: [], ignoredMatches: [], files: 0, bytes: 0 };
    const selections: Selection[] = [];

    if (spec.parents) {
      const pivot = source.indexOf('/./');
      const base = pivot < 0 ? '' : contextPath(source.slice(0, pivot));
      const pattern = contextPath(pivot < 0 ? source : source.slice(pivot + 3));
      const include = pattern === '' ? undefined : new DockerignoreMatcher([{ pattern, line: 0 }], `--parents ${source}`);
      selections.push({ root: base, base, include, exclude });
      result.matches.push(pattern === '' ? base : base === '' ? pattern : `${base}/${pattern}`);
      if (!hasWildcards(source) && !this.exists(result.matches[0])) {
        result.status = this.excludedByIgnore(result.matches[0]) ? 'ignored' : 'missing';
      }
    } else {
      const path = contextPath(source);
      const components = path === '' ? [] : path.split('/');
      const wildcardAt = components.findIndex(hasWildcards);
      if (wildcardAt < 0) {
        const target = this.followLinks(path);
        if (this.files.has(target) || this.isIncludedDirectory(target)) {
          result.matches.push(target);
          selections.push({ root: target, base: target, exclude });
        } else if (this.exists(path)) {
          result.status = 'ignored';
          result.ignoredMatches.push(path);
        } else {
          result.status = 'missing';
        }
      } else {
        const dir = components.slice(0, wildcardAt).join('/');
        const glob = components.slice(wildcardAt).join('/');
        for (const candidate of this.pathsOnDisk(dir, components.length - wildcardAt)) {
          let hit: boolean;
          try {
            hit = goMatch(glob, relativeTo(candidate, dir));
          } catch (error) {
            if (error instanceof GoBadPatternError) break;
            throw error;
          }
          if (!hit) continue;
          if (exclude?.matches(relativeTo(candidate, dir))) continue;
          if (this.excludedByIgnore(candidate)) result.ignoredMatches.push(candidate);
          else {
            result.matches.push(candidate);
            selections.push({ root: candidate, base: candidate, exclude });
          }
        }
        if (result.matches.length === 0) result.status = result.ignoredMatches.length > 0 ? 'ignored' : 'empty';
      }
    }

    for (const entry of this.walk.entries) {
      if (selections.some((selection) => this.selects(selection, entry.path))) {
        result.files++;
        result.bytes += entry.size;
      }
    }
    return [result, selections];
  }

  resolve(spec: CopySpec): ResolvedCopy {
    const exclude =
      spec.exclude.length > 0 ? new DockerignoreMatcher(spec.exclude.map((pattern) => ({ pattern, line: 0 })), `${spec.file}:${spec.line} --exclude`) : undefined;
    const sources: CopySourceResolution[] = [];
    const selections: Selection[] = [];
    for (const source of spec.sources) {
      const [resolution, taken] = this.resolveSource(source, spec, exclude);
      sources.push(resolution);
      selections.push(...taken);
    }
    const takes = (path: string) => this.files.has(path) && selections.some((selection) => this.selects(selection, path));
    let files = 0;
    let bytes = 0;
    for (const entry of this.walk.entries) {
      if (takes(entry.path)) {
        files++;
        bytes += entry.size;
      }
    }
    const named = sources.flatMap((s) => [...s.matches, ...s.ignoredMatches]).filter((m) => m !== '');
    return {
      spec,
      instruction: spec.instruction,
      file: spec.file,
      line: spec.line,
      dest: spec.dest,
      sources,
      files,
      bytes,
      takes,
      names: (path: string) => named.some((m) => isUnder(m, path)),
      needs: (path: string) => named.some((m) => isUnder(path, m)),
    };
  }
}
