import { expandWord, type VariableScope } from './expand.js';
import type { Dockerfile, Instruction, Stage } from './types.js';

/** ARGs BuildKit defines in the global scope; their values depend on the build's platforms. */
const PLATFORM_ARGS = [
  'TARGETPLATFORM',
  'TARGETOS',
  'TARGETARCH',
  'TARGETVARIANT',
  'BUILDPLATFORM',
  'BUILDOS',
  'BUILDARCH',
  'BUILDVARIANT',
];

/** `NAME=default` or `NAME` of an ARG word. */
export function splitArg(word: string): { name: string; defaultValue?: string } {
  const eq = word.indexOf('=');
  return eq === -1 ? { name: word } : { name: word.slice(0, eq), defaultValue: word.slice(eq + 1) };
}

function declareGlobalArgs(instruction: Instruction, scope: Map<string, string | undefined>, escapeChar: string): void {
  for (const word of instruction.args) {
    const { name, defaultValue } = splitArg(word.value);
    if (defaultValue !== undefined) scope.set(name, expandWord(defaultValue, scope, escapeChar).value);
    else if (!scope.has(name)) scope.set(name, undefined);
  }
}

function globalScope(globalArgs: readonly Instruction[], escapeChar: string, until?: Instruction): Map<string, string | undefined> {
  const scope = new Map<string, string | undefined>(PLATFORM_ARGS.map((name) => [name, undefined]));
  for (const arg of globalArgs) {
    if (arg === until) break;
    declareGlobalArgs(arg, scope, escapeChar);
  }
  return scope;
}

export function buildStages(instructions: Instruction[], escapeChar: string): { stages: Stage[]; globalArgs: Instruction[] } {
  const stages: Stage[] = [];
  const globalArgs: Instruction[] = [];
  let scope: Map<string, string | undefined> | undefined;
  let current: Stage | undefined;
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      scope ??= globalScope(globalArgs, escapeChar);
      const [image, as, name] = instruction.args;
      const baseText = image?.value ?? '';
      const base = expandWord(baseText, scope, escapeChar);
      const stage: Stage = { index: stages.length, from: instruction, baseText, base, instructions: [] };
      if (as && as.value.toLowerCase() === 'as' && name) {
        stage.nameText = name.value;
        stage.name = name.value.toLowerCase();
      }
      const platform = instruction.flags.find((flag) => flag.name === 'platform');
      if (platform?.value != null) stage.platform = platform.value;
      const baseName = base.value.toLowerCase();
      const baseStage = stages.find((earlier) => earlier.name === baseName);
      if (baseStage) stage.baseStage = baseStage;
      instruction.stageIndex = stage.index;
      if (instruction.trigger) instruction.trigger.stageIndex = stage.index;
      stages.push(stage);
      current = stage;
      continue;
    }
    if (!current) {
      if (instruction.keyword === 'ARG') globalArgs.push(instruction);
      continue;
    }
    instruction.stageIndex = current.index;
    if (instruction.trigger) instruction.trigger.stageIndex = current.index;
    current.instructions.push(instruction);
  }
  return { stages, globalArgs };
}

/**
 * Walks a stage up to `until`: the variables in scope, and the ENV part of them (what a stage built on
 * this one inherits; ARGs are not inherited, and an ENV always wins over an ARG of the same name).
 */
function stageScope(
  dockerfile: Dockerfile,
  stage: Stage,
  until: Instruction | undefined,
  seen: Set<Stage>,
): { scope: Map<string, string | undefined>; env: Map<string, string | undefined> } {
  const base = stage.baseStage;
  const inherited = base && !seen.has(base) ? stageScope(dockerfile, base, undefined, seen.add(base)).env : new Map();
  const scope = new Map<string, string | undefined>(inherited);
  const env = new Map<string, string | undefined>(inherited);
  const globals = globalScope(dockerfile.globalArgs, dockerfile.escapeChar);
  for (const instruction of stage.instructions) {
    if (instruction === until) break;
    if (instruction.keyword === 'ARG') {
      for (const word of instruction.args) {
        const { name, defaultValue } = splitArg(word.value);
        if (env.has(name)) continue;
        if (defaultValue !== undefined) scope.set(name, expandWord(defaultValue, scope, dockerfile.escapeChar).value);
        else scope.set(name, globals.get(name));
      }
    } else if (instruction.keyword === 'ENV') {
      const before = new Map(scope);
      for (const pair of instruction.pairs) {
        const value = expandWord(pair.value, before, dockerfile.escapeChar).value;
        scope.set(pair.key, value);
        env.set(pair.key, value);
      }
    }
  }
  return { scope, env };
}

/** The variables in scope at an instruction, as the builder expands its arguments. */
export function variablesAt(dockerfile: Dockerfile, at: Instruction): VariableScope {
  const stage = dockerfile.stages[at.stageIndex];
  if (!stage || at.keyword === 'FROM') {
    return globalScope(dockerfile.globalArgs, dockerfile.escapeChar, at.stageIndex === -1 ? at : undefined);
  }
  return stageScope(dockerfile, stage, at, new Set([stage])).scope;
}
