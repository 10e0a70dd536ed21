// The COPY/ADD instructions that read the build context, taken from a parsed Dockerfile. Only the
// stages the build's target (the last stage by default) needs are built, so only their instructions read the context.

import type { Dockerfile, Stage } from '../../dockerfile/parse/index.js';

/** A COPY or ADD whose sources come from the build context (not `--from`, URLs, git or heredocs). */
export interface CopySpec {
  instruction: 'COPY' | 'ADD';
  /** Dockerfile path and 1-based line, for findings. */
  file: string;
  line: number;
  /** Sources after ARG/ENV substitution. */
  sources: string[];
  dest: string;
  /** `--exclude` patterns. */
  exclude: string[];
  /** `--parents`. */
  parents: boolean;
  /** Whether the COPY writes into the image that ships (the target or a stage it is built FROM), not a builder-only stage. */
  ships: boolean;
}

function isRemote(source: string): boolean {
  return /^(https?|git|ssh):\/\//.test(source) || /^git@/.test(source) || /\.git(#|$)/.test(source);
}

/** Stages the target stage depends on through `FROM <stage>` and `COPY --from=<stage>`. */
function reachableStages(dockerfile: Dockerfile, target: Stage | undefined): Set<Stage> {
  const byName = new Map<string, Stage>();
  for (const stage of dockerfile.stages) if (stage.name) byName.set(stage.name, stage);
  const reached = new Set<Stage>();
  const visit = (stage: Stage | undefined) => {
    if (!stage || reached.has(stage)) return;
    reached.add(stage);
    visit(stage.baseStage);
    for (const instruction of stage.instructions) {
      const from = instruction.keyword === 'COPY' ? instruction.from?.value : undefined;
      if (!from) continue;
      const expanded = dockerfile.expand(from, instruction).value.toLowerCase();
      visit(byName.get(expanded) ?? (/^\d+$/.test(expanded) ? dockerfile.stages[Number(expanded)] : undefined));
    }
  };
  visit(target);
  return reached;
}

/**
 * The context-reading COPY/ADD instructions of the stages a build of `target` runs: a stage's own, those of
 * the stages it is built FROM, and those of the stages it copies from. The last stage by default.
 */
export function copySpecsFromDockerfile(dockerfile: Dockerfile, target: Stage | undefined = dockerfile.stages.at(-1)): CopySpec[] {
  const specs: CopySpec[] = [];
  const shipped = new Set<Stage>();
  for (let stage = target; stage && !shipped.has(stage); stage = stage.baseStage) shipped.add(stage);
  for (const stage of reachableStages(dockerfile, target)) {
    for (const instruction of stage.instructions) {
      const keyword = instruction.keyword;
      if (keyword !== 'COPY' && keyword !== 'ADD') continue;
      if (keyword === 'COPY' && instruction.from?.value) continue;
      // Heredoc sources (`COPY <<EOF /dest`) are written by the Dockerfile, not read from the context: they are no `sources`.
      if (!instruction.destination || instruction.sources.length === 0) continue;
      const dest = dockerfile.expand(instruction.destination.value, instruction).value;
      const sources = instruction.sources
        .map((word) => dockerfile.expand(word.value, instruction).value)
        .filter((source) => !(keyword === 'ADD' && isRemote(source)));
      if (sources.length === 0) continue;
      specs.push({
        instruction: keyword,
        file: dockerfile.file,
        line: instruction.line,
        sources,
        dest,
        exclude: instruction.exclude.filter((flag) => flag.value).map((flag) => dockerfile.expand(flag.value!, instruction).value),
        parents: keyword === 'COPY' && instruction.parents,
        ships: shipped.has(stage),
      });
    }
  }
  return specs.sort((a, b) => a.line - b.line);
}
