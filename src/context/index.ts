// The build-context capability: Docker's .dockerignore semantics, the context walk, COPY/ADD
// resolution, the context rules and the .dockerignore fix.

export { dockerignore, DockerignoreMatcher, BadIgnorePatternError, type MatchResult, type ParentMatches } from './dockerignore/index.js';
export { analyzeContext, listContext, type AnalyzeContextOptions } from './analyze.js';
export { walkContext, type WalkOptions, type WalkResult } from './walk.js';
export { loadIgnoreFile, type LoadedIgnoreFile } from './ignore-file-choice.js';
export { CopyResolver, contextPath, type ResolvedCopy } from './copy/resolve.js';
export { copySpecsFromDockerfile, type CopySpec } from './copy/spec.js';
export { contextRules } from './rules/index.js';
export type { ContextExample, ContextFacts, ContextRule, ContextRuleMeta } from './rule-domain.js';
export type * from './types.js';
