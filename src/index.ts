// The library: the public API, deliberately small (docs/api.md says what each part is for). Everything exported
// here, with its type signature, is in api/shipshape.api.md; `npm run api:check` fails when the two differ, so a
// change to the surface is a reviewed change to that file (`npm run api` writes it). Internals are imported from
// their modules, never from here.

// Dockerfiles: lint and fix one file's text.
export { lint, fix as fixDockerfileText, type LintOptions, type LintResult, type FixOptions, type FixResult } from './dockerfile/lint.js';
// What `shipshape fix` does: Dockerfiles and the .dockerignore of their build contexts, written or as diffs.
export { fix, projectFixTargets, type FixTarget, type FixFilesOptions, type FixOutcome, type FixedDockerfile, type FileChange, type IgnoreChange } from './fix.js';

// A directory: its Dockerfiles, each checked with its build context (and the image built from it).
export { checkDockerfile, findDockerfiles, type CheckedDockerfile, type CheckOptions } from './check.js';
export { analyzeContext, type AnalyzeContextOptions } from './context/analyze.js';
export type { ContextReport } from './context/types.js';
// The JSON reports of `shipshape check` and `shipshape context`, section by section.
export type { CheckReport, BuildSection } from './project/report.js';
export type { ContextCommandReport, ContextSection } from './report/context.js';

// Images: open one from any source, analyse it (no cache is written unless `cache` is given).
export { openImage, type OpenImageOptions } from './image/open.js';
export type { Image } from './image/types.js';
export { analyzeImage, type AnalyzeImageOptions, type LayerProgress } from './image/analyze.js';
export type { ImageReport, ImageSummary, ImageLayerRow, ImagePackage, LayerMapping, DockerfileLine } from './image/report-types.js';

// Vulnerabilities and SBOMs.
export { scanImage, scanSbom, type ScanOptions, type ScanReport, type ScanVulnerability } from './vuln/scan.js';
export { updateDb, type UpdateOptions, type UpdateResult } from './vuln/update.js';
export { defaultDbDir } from './vuln/db.js';
export { compareVersions, type Comparison } from './vuln/versioning/index.js';
export { renderCycloneDx } from './report/cyclonedx.js';
export { renderSpdx } from './report/spdx.js';
export type { SbomOptions } from './report/sbom-common.js';

// Configuration, as the CLI finds it for a file.
export { loadConfig } from './config-files.js';
export type { Config } from './core/config-parse.js';

// Reports and their parts; the rule catalogue.
export { InputError } from './core/errors.js';
export type { Report } from './core/report.js';
export type { Finding, Fix, Edit, FixKind, Cost, Location, FileLocation, ImageLocation, RelatedLocation } from './core/finding.js';
export type { Severity } from './core/severity.js';
export type { RuleMeta, RuleSetting } from './core/rule-meta.js';
export { allRuleMetas } from './rules.js';
export { renderJson } from './report/json.js';
export { renderSarif } from './report/sarif.js';
