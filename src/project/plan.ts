// What `check` runs for each Dockerfile: the build it checks (the first declared build whose context is known,
// else the context inferred from the COPY sources, or the one `--context` gives), and every build the project
// declares for it, for the report.

import { resolve } from 'node:path';
import { copySpecsFromDockerfile } from '../context/copy/spec.js';
import { parseDockerfile } from '../dockerfile/parse/index.js';
import { inferContext } from './infer.js';
import { isInside } from './paths.js';
import { buildsOf, type Project } from './index.js';
import { describeSource, isUnresolved, type Build } from './types.js';

export interface PlannedCheck {
  /** The Dockerfile's path, or for `dockerfile_inline` its label. */
  dockerfile: string;
  /** The Dockerfile's text when the project writes it inline. */
  inline?: string;
  /** The build checked: its context is a directory. */
  build: Build & { context: string };
  /** The builds the project declares with this context and target (the checked one first), and those whose context is not known. */
  declared: Build[];
  /** Where the checked context comes from (`from compose.yaml service web`, `inferred from COPY sources`). */
  contextFrom: string;
  /** Why the checked context is not the declared one, or how it was inferred. */
  note?: string;
}

export interface PlanOptions {
  /** `--context DIR` for `dockerfile` (resolved paths compared). */
  override?: { dockerfile: string; context: string };
}

function inferredBuild(dockerfile: string, text: string, root: string): { build: Build & { context: string }; note?: string } {
  const specs = copySpecsFromDockerfile(parseDockerfile(text, dockerfile));
  const inferred = inferContext(dockerfile, specs, root);
  return {
    build: { dockerfile, context: inferred.context, args: {}, additionalContexts: {}, source: { kind: inferred.source } },
    ...(inferred.note !== undefined && { note: inferred.note }),
  };
}

/** One check per Dockerfile and distinct declared context and target, `texts` giving each Dockerfile's text (read by the caller). */
export function planChecks(project: Project, texts: ReadonlyMap<string, string>, root: string, options: PlanOptions = {}): PlannedCheck[] {
  const plans: PlannedCheck[] = [];
  for (const dockerfile of project.dockerfiles) {
    const declared = buildsOf(project, dockerfile);
    const text = texts.get(dockerfile) ?? '';
    if (options.override && resolve(options.override.dockerfile) === resolve(dockerfile)) {
      const build = { dockerfile, context: options.override.context, args: {}, additionalContexts: {}, source: { kind: 'option' as const } };
      plans.push({ dockerfile, build, declared, contextFrom: describeSource(build.source) });
      continue;
    }
    const usable = declared.filter((build): build is Build & { context: string } => !isUnresolved(build.context) && isInside(build.context, root));
    if (usable.length > 0) {
      // One check per distinct context and target; the builds that agree on both are listed together.
      const byBuild = new Map<string, PlannedCheck>();
      for (const build of usable) {
        const key = JSON.stringify([resolve(build.context), build.target]);
        const plan = byBuild.get(key);
        if (plan) plan.declared.push(build);
        else byBuild.set(key, { dockerfile, build, declared: [build], contextFrom: describeSource(build.source, root) });
      }
      const first = [...byBuild.values()][0]!;
      // Builds whose context is an expression or outside the project ride with the first: their context is not known.
      first.declared.push(...declared.filter((build) => !usable.includes(build as Build & { context: string })));
      plans.push(...byBuild.values());
      continue;
    }
    const inferred = inferredBuild(dockerfile, text, root);
    const unresolved = declared[0];
    const why = unresolved && (isUnresolved(unresolved.context) ? `${unresolved.context.unresolved}, not resolved here` : `${unresolved.context}, outside ${root}`);
    const note = unresolved
      ? `the context ${describeSource(unresolved.source, root)} is ${why}: checked with ${inferred.build.context} (${describeSource(inferred.build.source)})`
      : inferred.note;
    const build = unresolved ? { ...unresolved, context: inferred.build.context } : inferred.build;
    plans.push({ dockerfile, build, declared, contextFrom: describeSource(inferred.build.source), ...(note !== undefined && { note }) });
  }
  for (const build of project.builds) {
    if (build.inline === undefined) continue;
    if (isUnresolved(build.context) || !isInside(build.context, root)) continue;
    const checked = build as Build & { context: string };
    plans.push({ dockerfile: build.dockerfile, inline: build.inline, build: checked, declared: [build], contextFrom: describeSource(build.source, root) });
  }
  return plans;
}
