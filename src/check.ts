// The main job: each Dockerfile of a project linted, its build context analysed against the same parse,
// and — given the image built from it — its layers mapped and its findings priced; one set of findings.
import { dirname } from 'node:path';
import { joinImage } from './check-image.js';
import { analyzeContext } from './context/analyze.js';
import { copySpecsFromDockerfile } from './context/copy/spec.js';
import type { ContextReport } from './context/types.js';
import type { Finding } from './core/finding.js';
import type { RuleSetting } from './core/rule-meta.js';
import { lint, shippedStage } from './dockerfile/lint.js';
import type { Dockerfile } from './dockerfile/parse/index.js';
import type { ImageReport } from './image/report-types.js';
import { linksOf } from './rules.js';
import type { DiscoverOptions } from './project/discover.js';
import { readProject } from './project/index.js';

export { isDockerfileName } from './project/discover.js';

/**
 * The Dockerfiles under a directory, in path order: found by name (templates, documents and binary files left out,
 * `.gitignore`, dependency trees and build output honoured) and named by the project's compose files, bake files,
 * workflows and scripts.
 */
export function findDockerfiles(root: string, options: DiscoverOptions = {}): string[] {
  return readProject(root, options).dockerfiles;
}

export interface CheckedDockerfile {
  file: string;
  dockerfile: Dockerfile;
  context: ContextReport;
  /**
   * With `options.image`: the image report with each layer's Dockerfile line, the mapping, and the image findings
   * that priced no Dockerfile finding.
   */
  image?: ImageReport;
  /** Dockerfile, context and (with an image) image findings, each problem once. */
  findings: Finding[];
}

export interface CheckOptions {
  /** The build context directory (default: the Dockerfile's directory). */
  context?: string;
  /** The analysed image built from this Dockerfile (`analyzeImage`): its layers are mapped and its costs attached. */
  image?: ImageReport;
  /**
   * The stage the build targets (`docker build --target`, compose/bake `target`): the image that ships, which the
   * Dockerfile rules judge and whose COPYs read the context; the last stage by default. With an image, the stage
   * its layers are matched to (by default the one whose instructions match them).
   */
  target?: string;
}

const lineKey = (finding: Finding): string | undefined =>
  'line' in finding.location && finding.location.line !== undefined ? `${finding.location.file}:${finding.location.line}` : undefined;

/**
 * Drops the Dockerfile findings a context rule declares it duplicates (`links: [{ duplicates }]`) where both stand
 * on one line: a COPY that takes a secret file is seen by the Dockerfile rule from the file's name and by the
 * context rule from the real file, its content and its bytes, and the context's finding is kept.
 */
function withoutDuplicates(lintFindings: readonly Finding[], contextFindings: readonly Finding[]): Finding[] {
  const duplicatedLines = new Map<string, Set<string>>();
  for (const finding of contextFindings) {
    const key = lineKey(finding);
    if (key === undefined) continue;
    for (const link of linksOf(finding.ruleId)) {
      if (!('duplicates' in link)) continue;
      const lines = duplicatedLines.get(link.duplicates) ?? new Set<string>();
      duplicatedLines.set(link.duplicates, lines.add(key));
    }
  }
  const kept = lintFindings.filter((f) => !duplicatedLines.get(f.ruleId)?.has(lineKey(f) ?? ''));
  return [...kept, ...contextFindings];
}

/**
 * Lints a Dockerfile and analyses its build context — `options.context`, else the Dockerfile's directory, as
 * `docker build -f DIR/Dockerfile DIR` — resolving the COPYs from the one parse; with the image built from it,
 * maps the image's layers to the instructions and prices the findings with what the image measured.
 */
export function checkDockerfile(
  file: string,
  text: string,
  settings: Readonly<Record<string, RuleSetting>>,
  options: CheckOptions = {},
): CheckedDockerfile {
  const { dockerfile, findings } = lint(text, { file, settings, ...(options.target !== undefined && { target: options.target }) });
  const context = analyzeContext(options.context ?? dirname(file), {
    dockerfile: file,
    copies: copySpecsFromDockerfile(dockerfile, shippedStage(dockerfile, options.target)),
    rules: { ...settings },
  });
  const own = withoutDuplicates(findings, context.findings);
  if (!options.image) return { file, dockerfile, context, findings: own };
  const joined = joinImage(dockerfile, own, options.image, options.target);
  return { file, dockerfile, context, image: joined.image, findings: [...joined.findings, ...joined.image.findings] };
}
