// A project read the way its own build reads it: the Dockerfiles it has and the ones its compose files, bake
// files, workflows and scripts name, and for each Dockerfile the builds that declare its context, target and args.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { bakeBuilds } from './bake.js';
import { composeBuilds } from './compose.js';
import { discoverProject, unreadableReason, type DiscoverOptions, type ProjectFiles } from './discover.js';
import { isInside } from './paths.js';
import { emptyFindings, makefileBuilds, packageJsonBuilds, shellScriptBuilds } from './scripts.js';
import { describeSource, type Build, type ProjectNote } from './types.js';
import { workflowBuilds } from './workflows.js';

export interface Project {
  files: ProjectFiles;
  /** Every Dockerfile to check: those found by name and those a declared build names, in path order. */
  dockerfiles: string[];
  /** Declared builds, in the order read: compose, bake, workflows, scripts. */
  builds: Build[];
  notes: ProjectNote[];
}

function dedupeBuilds(builds: readonly Build[]): Build[] {
  const seen = new Set<string>();
  return builds.filter((build) => {
    const key = JSON.stringify([resolve(build.dockerfile), build.context, build.target, build.source.file, build.source.name, build.source.line]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unique(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((path) => {
    const key = resolve(path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function readProject(root: string, options: DiscoverOptions = {}): Project {
  const files = discoverProject(root, options);
  const found = emptyFindings();
  for (const file of files.workflows) workflowBuilds(file, root, found);
  for (const file of files.packageJsons) packageJsonBuilds(file, found);
  for (const file of files.makefiles) makefileBuilds(file, found);
  for (const file of files.scripts) shellScriptBuilds(file, root, found);
  const notes = [...files.notes, ...found.notes];
  const builds: Build[] = [];
  // `docker buildx bake -f compose.yaml` reads a compose file as compose: a YAML file named to bake is one.
  const isYaml = (file: string) => /\.ya?ml$/i.test(file);
  const bakeFiles = found.bakeFiles.filter((file) => !isYaml(file));
  const composeFiles = [...files.compose, ...found.composeFiles, ...found.bakeFiles.filter(isYaml)];
  for (const file of unique(composeFiles)) {
    const compose = composeBuilds(file);
    builds.push(...compose.builds);
    notes.push(...compose.notes);
  }
  const bake = bakeBuilds(unique([...files.bake, ...bakeFiles]));
  builds.push(...bake.builds, ...found.builds);
  notes.push(...bake.notes);

  const known = new Set(files.dockerfiles.map((file) => resolve(file)));
  const looked = new Set<string>();
  const dockerfiles = [...files.dockerfiles];
  for (const build of builds) {
    if (build.inline !== undefined) continue;
    const key = resolve(build.dockerfile);
    if (known.has(key) || looked.has(key)) continue;
    looked.add(key);
    const where = describeSource(build.source, root);
    if (!isInside(build.dockerfile, root)) {
      notes.push({ file: build.dockerfile, message: `named ${where}: outside ${root}, not read` });
      continue;
    }
    if (!existsSync(build.dockerfile)) {
      notes.push({ file: build.dockerfile, message: `named ${where} but not found` });
      continue;
    }
    const reason = unreadableReason(build.dockerfile);
    if (reason) notes.push({ file: build.dockerfile, message: `named ${where}: ${reason}` });
    else {
      dockerfiles.push(build.dockerfile);
      known.add(key);
    }
  }
  dockerfiles.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, dockerfiles, builds: dedupeBuilds(builds).filter((build) => build.inline !== undefined || known.has(resolve(build.dockerfile))), notes };
}

/** The declared builds of one Dockerfile. */
export function buildsOf(project: Project, dockerfile: string): Build[] {
  const key = resolve(dockerfile);
  return project.builds.filter((build) => build.inline === undefined && resolve(build.dockerfile) === key);
}
