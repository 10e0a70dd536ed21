// Stage-level facts rules share: the image a stage finally builds on (following `FROM <stage>`), stage
// references by name or index, ONBUILD triggers, and the keyword casing a file uses.
import type { Dockerfile, Expanded, Instruction, Stage } from '../../parse/index.js';
import { isScratch, parseImageRef, type ImageRef } from './image-ref.js';
import { memo, memoSlot } from './memo.js';

export interface StageBase {
  /** The first stage of the chain `stage → FROM <stage> → …` whose FROM names an image. */
  root: Stage;
  /** The image the chain starts from; undefined for `scratch`, a base with unknown variables, or no valid reference. */
  image?: ImageRef;
  scratch: boolean;
  /** The base uses a variable whose value is only known at build time. */
  unresolved: boolean;
}

/** The stages from `stage` back to the one built on an image: `[stage, its base stage, …, root]`. */
export function stageChain(stage: Stage): Stage[] {
  const chain = [stage];
  let current = stage;
  while (current.baseStage) {
    current = current.baseStage;
    chain.push(current);
  }
  return chain;
}

export function stageBase(stage: Stage): StageBase {
  const chain = stageChain(stage);
  const root = chain[chain.length - 1]!;
  const unresolved = root.base.unresolved.length > 0;
  const scratch = !unresolved && isScratch(root.base.value);
  const base: StageBase = { root, scratch, unresolved };
  if (!unresolved && !scratch) {
    const image = parseImageRef(root.base.value);
    if (image) base.image = image;
  }
  return base;
}

/** A stage defined before stage index `before`, by `AS` name (case-insensitive) or by index. */
export function earlierStage(dockerfile: Dockerfile, reference: string, before: number): Stage | undefined {
  if (/^\d+$/.test(reference)) {
    const index = Number(reference);
    return index < before ? dockerfile.stages[index] : undefined;
  }
  const first = stageNamed(dockerfile, reference.toLowerCase());
  return first && first.index < before ? first : undefined;
}

const stageNameCache = new WeakMap<Dockerfile, Map<string, Stage>>();

/** The first stage with an `AS` name (lower-case), from a map built once per file. */
export function stageNamed(dockerfile: Dockerfile, name: string): Stage | undefined {
  let byName = stageNameCache.get(dockerfile);
  if (!byName) {
    byName = new Map();
    for (const stage of dockerfile.stages) if (stage.name !== undefined && !byName.has(stage.name)) byName.set(stage.name, stage);
    stageNameCache.set(dockerfile, byName);
  }
  return byName.get(name);
}

const triggerCache = new WeakMap<Dockerfile, Set<Instruction>>();

/** Whether an instruction is the trigger of an ONBUILD (it runs in a later build, not in this file's stages). */
export function isTrigger(dockerfile: Dockerfile, instruction: Instruction): boolean {
  let triggers = triggerCache.get(dockerfile);
  if (!triggers) {
    triggers = new Set();
    for (const candidate of dockerfile.instructions) if (candidate.trigger) triggers.add(candidate.trigger);
    triggerCache.set(dockerfile, triggers);
  }
  return triggers.has(instruction);
}

/** A keyword written in the case the file uses next to `like` (`copy` beside a lower-case `add`). */
export function keywordInCaseOf(like: Instruction, keyword: string): string {
  return like.keywordText === like.keywordText.toLowerCase() ? keyword.toLowerCase() : keyword.toUpperCase();
}

/** The `key=value` options of a `--mount` flag (BuildKit reads them as one CSV record). */
export function mountOptions(value: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const field of value.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq === -1 ? field : field.slice(0, eq)).trim().toLowerCase();
    if (key) options.set(key, eq === -1 ? '' : field.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return options;
}

/** The image or stage a `COPY --from` / `RUN --mount=…,from=…` reads, with the instruction it belongs to. */
export interface FromReference {
  value: string;
  instruction: Instruction;
  /** The flag that names it, for the finding's location. */
  span: { start: number; end: number };
}

/** Every `--from` of a COPY and `from=` of a RUN mount in an instruction. */
export function fromReferences(instruction: Instruction): FromReference[] {
  const references: FromReference[] = [];
  for (const flag of instruction.flags) {
    if (flag.value === null) continue;
    if (flag.name === 'from' && (instruction.keyword === 'COPY' || instruction.keyword === 'ADD')) {
      references.push({ value: flag.value, instruction, span: flag.span });
    } else if (flag.name === 'mount' && instruction.keyword === 'RUN') {
      const from = mountOptions(flag.value).get('from');
      if (from) references.push({ value: from, instruction, span: flag.span });
    }
  }
  return references;
}

/**
 * A word as the builder expands it at an instruction; words without `$`, quotes or escapes are returned as
 * they are, without building the variable scope.
 */
export function expandAt(dockerfile: Dockerfile, word: string, at: Instruction): Expanded {
  if (!word.includes('$') && !word.includes("'") && !word.includes('"') && !word.includes(dockerfile.escapeChar)) {
    return { value: word, unresolved: [] };
  }
  return dockerfile.expand(word, at);
}

const POSITIONS = memoSlot<Map<Instruction, number>>('positions in the stage');

/**
 * Where an instruction stands in its stage's instructions (-1 when it is not one of them), from a map built once
 * per stage: a rule asking this once per finding would otherwise rescan the stage each time.
 */
export function positionInStage(stage: Stage, instruction: Instruction): number {
  const positions = memo(stage, POSITIONS, ({ instructions }) => new Map(instructions.map((candidate, index) => [candidate, index])));
  return positions.get(instruction) ?? -1;
}
