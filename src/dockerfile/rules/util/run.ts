// Facts about instructions that several rules share: whether what a RUN leaves behind reaches the image
// that is shipped, which directories its BuildKit mounts keep out of the layer, variables and the working
// directory in scope.
import { posix } from 'node:path';
import type { Dockerfile, Instruction, RunInstruction, Stage } from '../../parse/index.js';
import { memo, memoSlot } from './memo.js';
import { expandAt, isTrigger } from './stages.js';

/** Indexes of the stages whose filesystem the shipped image is built on: the shipped stage and its bases. */
const shippedCache = new WeakMap<Stage, Set<number>>();

function shippedStageIndexes(shipped: Stage): Set<number> {
  let indexes = shippedCache.get(shipped);
  if (indexes) return indexes;
  indexes = new Set<number>();
  for (let stage: Stage | undefined = shipped; stage && !indexes.has(stage.index); stage = stage.baseStage) indexes.add(stage.index);
  shippedCache.set(shipped, indexes);
  return indexes;
}

/**
 * Whether the files an instruction writes end up in the shipped image: it belongs to the shipped stage (the
 * build's target, the last stage by default) or to a stage that one is built `FROM` (a builder stage whose files
 * are only picked with `COPY --from` ships none of its layers). An ONBUILD trigger writes into the images built on
 * this one, so it always counts.
 */
export function reachesFinalImage(dockerfile: Dockerfile, instruction: Instruction, shipped = dockerfile.stages.at(-1)): boolean {
  if (instruction.stageIndex < 0 || !shipped) return true;
  return shippedStageIndexes(shipped).has(instruction.stageIndex) || isTrigger(dockerfile, instruction);
}

/** Whether the Dockerfile has a single build stage. */
export function isSingleStage(dockerfile: Dockerfile): boolean {
  return dockerfile.stages.length === 1;
}

/** Whether `path` lies in a cache or tmpfs mount of the RUN: what is written there never reaches the layer. */
export function mountKeepsOut(instruction: RunInstruction, path: string): boolean {
  for (const mount of instruction.mounts) {
    if (mount.type !== 'cache' && mount.type !== 'tmpfs') continue;
    const target = mount.target;
    if (target === undefined) continue;
    if (path === target || path.startsWith(target === '/' ? '/' : `${target}/`)) return true;
  }
  return false;
}

/**
 * A fact that holds from the instruction where it is marked to the end of its stage and in every stage built
 * `FROM` that stage (an apt setting written to /etc/apt, a removed hook). Rules mark and ask in file order,
 * as the lint pass visits instructions.
 */
export class StageMarks {
  private readonly marked = new Set<number>();

  constructor(private readonly dockerfile: Dockerfile) {}

  mark(instruction: Instruction): void {
    this.marked.add(instruction.stageIndex);
  }

  has(instruction: Instruction): boolean {
    if (this.marked.size === 0) return false;
    if (this.marked.has(instruction.stageIndex)) return true;
    for (let stage = this.dockerfile.stages[instruction.stageIndex]?.baseStage; stage; stage = stage.baseStage) {
      if (this.marked.has(stage.index)) return true;
    }
    return false;
  }
}

/**
 * The value of an ARG/ENV variable at an instruction, as the builder would expand it; undefined when unset.
 * Before the first FROM (a file BuildKit refuses, but linters still read) the ENVs above count.
 */
export function variableAt(dockerfile: Dockerfile, name: string, at: Instruction): string | undefined {
  if (at.stageIndex >= 0) {
    const expanded = dockerfile.expand(`\${${name}}`, at);
    return expanded.unresolved.length > 0 ? undefined : expanded.value;
  }
  let value: string | undefined;
  for (const instruction of dockerfile.instructions) {
    if (instruction === at) break;
    if (instruction.keyword !== 'ENV') continue;
    for (const pair of instruction.pairs) if (pair.key === name) value = pair.value.replace(/^(["'])(.*)\1$/, '$2');
  }
  return value;
}

/** Resolves a path against a directory the way WORKDIR and relative COPY destinations do. */
export function resolvePath(directory: string, path: string): string {
  const joined = path.startsWith('/') ? path : `${directory}/${path}`;
  // most paths are already clean: normalising is only needed for `.`, `..` and doubled slashes
  const clean = !joined.includes('/.') && !joined.includes('//') ? joined : posix.normalize(joined);
  return clean.length > 1 && clean.endsWith('/') ? clean.replace(/\/+$/, '') || '/' : clean;
}

const WORKDIRS = memoSlot<Map<Instruction, string>>('working directories');

/** The working directory of every instruction, in one pass over the stages (a stage starts where its base ends). */
function workdirs(dockerfile: Dockerfile): Map<Instruction, string> {
  const found = new Map<Instruction, string>();
  const endOf = new Map<number, string>();
  for (const stage of dockerfile.stages) {
    let directory = (stage.baseStage && endOf.get(stage.baseStage.index)) ?? '/';
    for (const instruction of stage.instructions) {
      found.set(instruction, directory);
      if (instruction.trigger) found.set(instruction.trigger, directory);
      if (instruction.keyword === 'WORKDIR' && instruction.path) {
        directory = resolvePath(directory, expandAt(dockerfile, instruction.path.value, instruction).value);
      }
    }
    endOf.set(stage.index, directory);
  }
  return found;
}

/** The working directory at an instruction: the WORKDIRs of its stage and the stages it is built on. */
export function workdirAt(dockerfile: Dockerfile, at: Instruction): string {
  return memo(dockerfile, WORKDIRS, workdirs).get(at) ?? '/';
}
