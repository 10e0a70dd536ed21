import { expandWord, type VariableScope } from './expand.js';
import type { ArgInstruction, Dockerfile, Instruction, Stage } from './types.js';

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

function declareGlobalArgs(instruction: ArgInstruction, scope: Map<string, string | undefined>, escapeChar: string): void {
  for (const { name, defaultValue } of instruction.declarations) {
    if (defaultValue !== undefined) scope.set(name, expandWord(defaultValue, scope, escapeChar).value);
    else if (!scope.has(name)) scope.set(name, undefined);
  }
}

function globalScope(globalArgs: readonly ArgInstruction[], escapeChar: string): Map<string, string | undefined> {
  const scope = new Map<string, string | undefined>(PLATFORM_ARGS.map((name) => [name, undefined]));
  for (const arg of globalArgs) declareGlobalArgs(arg, scope, escapeChar);
  return scope;
}

export function buildStages(instructions: Instruction[], escapeChar: string): { stages: Stage[]; globalArgs: ArgInstruction[] } {
  const stages: Stage[] = [];
  const stagesByName = new Map<string, Stage>();
  const globalArgs: ArgInstruction[] = [];
  let scope: Map<string, string | undefined> | undefined;
  let current: Stage | undefined;
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      scope ??= globalScope(globalArgs, escapeChar);
      const baseText = instruction.image?.value ?? '';
      const base = expandWord(baseText, scope, escapeChar);
      const stage: Stage = { index: stages.length, from: instruction, baseText, base, instructions: [] };
      if (instruction.stageName) {
        stage.nameText = instruction.stageName.value;
        stage.name = instruction.stageName.value.toLowerCase();
      }
      if (instruction.platform?.value != null) stage.platform = instruction.platform.value;
      const baseStage = stagesByName.get(base.value.toLowerCase());
      if (baseStage) stage.baseStage = baseStage;
      if (stage.name !== undefined && !stagesByName.has(stage.name)) stagesByName.set(stage.name, stage);
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

/** An ENV name a stage never set (or unset on leaving the stage that set it). */
const UNSET = Symbol('unset');

/** Each name's values over time: the value recorded at time t holds until the next record. */
class History<V> {
  private readonly byName = new Map<string, { times: number[]; values: V[] }>();

  record(name: string, time: number, value: V): void {
    const entry = this.byName.get(name);
    if (!entry) {
      this.byName.set(name, { times: [time], values: [value] });
    } else if (entry.times.at(-1) === time) {
      entry.values[entry.values.length - 1] = value;
    } else {
      entry.times.push(time);
      entry.values.push(value);
    }
  }

  names(): IterableIterator<string> {
    return this.byName.keys();
  }

  /** The last record at or before `time`, or undefined when there is none. */
  at(name: string, time: number): { value: V } | undefined {
    const entry = this.byName.get(name);
    if (!entry || entry.times[0]! > time) return undefined;
    let low = 0;
    let high = entry.times.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (entry.times[middle]! <= time) low = middle;
      else high = middle - 1;
    }
    return { value: entry.values[low]! };
  }
}

/**
 * The variables of every instruction, from one walk: global ARGs in order, then the stages depth-first
 * along `FROM earlier-stage` (a stage inherits the ENV of the one it builds on, not its ARGs). Each scope is
 * a lookup in the histories at the instruction's time, so no scope is copied: a file of n ARG/ENV
 * instructions costs O(n log n), where walking the stage again for each instruction cost n².
 */
interface Scopes {
  globals: Map<string, string | undefined>;
  globalHistory: History<string | undefined>;
  env: History<string | typeof UNSET>;
  stageArgs: History<string | undefined>[];
  time: Map<Instruction, number>;
  stageEnd: number[];
}

const scopesOf = new WeakMap<Dockerfile, Scopes>();

function buildScopes(dockerfile: Dockerfile): Scopes {
  const { escapeChar, globalArgs, stages } = dockerfile;
  const time = new Map<Instruction, number>();
  const globalHistory = new History<string | undefined>();
  const globals = globalScope([], escapeChar);
  for (const [name, value] of globals) globalHistory.record(name, 0, value);
  globalArgs.forEach((arg, index) => {
    time.set(arg, index);
    declareGlobalArgs(arg, globals, escapeChar);
    for (const { name } of arg.declarations) {
      globalHistory.record(name, index + 1, globals.get(name));
    }
  });

  const env = new History<string | typeof UNSET>();
  const liveEnv = new Map<string, string>();
  const stageArgs = stages.map(() => new History<string | undefined>());
  const stageEnd: number[] = [];
  const children = stages.map((): Stage[] => []);
  for (const stage of stages) if (stage.baseStage) children[stage.baseStage.index]!.push(stage);
  let tick = 0;
  const walkStage = (stage: Stage): (() => void) => {
    const args = new Map<string, string | undefined>();
    const live: VariableScope = { get: (name) => (liveEnv.has(name) ? liveEnv.get(name) : args.get(name)) };
    const undo: { name: string; previous: string | typeof UNSET }[] = [];
    for (const instruction of stage.instructions) {
      time.set(instruction, tick);
      if (instruction.keyword === 'ARG') {
        for (const { name, defaultValue } of instruction.declarations) {
          if (liveEnv.has(name)) continue;
          const value = defaultValue !== undefined ? expandWord(defaultValue, live, escapeChar).value : globals.get(name);
          args.set(name, value);
          stageArgs[stage.index]!.record(name, tick + 1, value);
        }
      } else if (instruction.keyword === 'ENV') {
        // Every pair reads the variables as they were before the instruction.
        const values = instruction.pairs.map((pair) => expandWord(pair.value, live, escapeChar).value);
        instruction.pairs.forEach((pair, index) => {
          undo.push({ name: pair.key, previous: liveEnv.has(pair.key) ? liveEnv.get(pair.key)! : UNSET });
          liveEnv.set(pair.key, values[index]!);
          env.record(pair.key, tick + 1, values[index]!);
        });
      }
      tick++;
    }
    stageEnd[stage.index] = tick;
    return () => {
      for (const { name, previous } of undo.reverse()) {
        if (previous === UNSET) liveEnv.delete(name);
        else liveEnv.set(name, previous);
        env.record(name, tick, previous);
      }
    };
  };
  // Depth-first without recursion: a chain of thousands of stages must not exhaust the stack.
  const stack: { leave: () => void; next: Stage[] }[] = [];
  for (const root of stages.filter((stage) => !stage.baseStage)) {
    stack.push({ leave: walkStage(root), next: [...children[root.index]!].reverse() });
    while (stack.length > 0) {
      const top = stack.at(-1)!;
      const child = top.next.pop();
      if (child) {
        stack.push({ leave: walkStage(child), next: [...children[child.index]!].reverse() });
      } else {
        top.leave();
        stack.pop();
      }
    }
  }
  return { globals, globalHistory, env, stageArgs, time, stageEnd };
}

function scopesFor(dockerfile: Dockerfile): Scopes {
  let scopes = scopesOf.get(dockerfile);
  if (!scopes) {
    scopes = buildScopes(dockerfile);
    scopesOf.set(dockerfile, scopes);
  }
  return scopes;
}

/**
 * The names of the ARG and ENV variables declared at an instruction of a stage (an ARG without a value
 * included). It looks at every name the file ever declares, so it is for once-per-RUN uses such as ShellCheck's
 * list of set variables, not for the per-word expansion `variablesAt` serves.
 */
export function variableNamesAt(dockerfile: Dockerfile, at: Instruction): string[] {
  const { env, stageArgs, time, stageEnd } = scopesFor(dockerfile);
  const stage = dockerfile.stages[at.stageIndex];
  if (!stage) return [];
  const when = time.get(at) ?? stageEnd[stage.index]!;
  const names = new Set<string>();
  for (const name of env.names()) {
    const value = env.at(name, when)?.value;
    if (value !== undefined && value !== UNSET) names.add(name);
  }
  const args = stageArgs[stage.index]!;
  for (const name of args.names()) if (args.at(name, when)) names.add(name);
  return [...names];
}

/** The variables in scope at an instruction, as the builder expands its arguments. */
export function variablesAt(dockerfile: Dockerfile, at: Instruction): VariableScope {
  const { globals, globalHistory, env, stageArgs, time, stageEnd } = scopesFor(dockerfile);
  const stage = dockerfile.stages[at.stageIndex];
  if (!stage || at.keyword === 'FROM') {
    const before = at.stageIndex === -1 ? time.get(at) : undefined;
    if (before === undefined) return globals;
    return { get: (name) => globalHistory.at(name, before)?.value };
  }
  // An instruction outside the stage's list (an ONBUILD trigger) sees the stage's end.
  const when = time.get(at) ?? stageEnd[stage.index]!;
  const args = stageArgs[stage.index]!;
  return {
    get(name) {
      const fromEnv = env.at(name, when)?.value;
      return fromEnv !== undefined && fromEnv !== UNSET ? fromEnv : args.at(name, when)?.value;
    },
  };
}
