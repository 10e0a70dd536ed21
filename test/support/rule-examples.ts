// Runs a rule's example the way a user meets it, in every domain: a Dockerfile's text is linted and fixed as
// `shipshape lint`/`fix` do; a context's files are written to a real directory and analysed as `shipshape context`
// does; an image's layers are written as real gzip tar layers into an OCI image layout and read through
// `openImage` + `analyzeImage`, as `shipshape image oci:DIR` does. What comes back is stated in the example's own
// terms (lines, context paths, layers), so the tester compares it with the example and the snapshots render it.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyzeContext } from '../../src/context/analyze.js';
import type { ContextRule } from '../../src/context/rule-domain.js';
import { addToTree, makeTree, removeTree } from '../../src/context/test-support/tree.js';
import { isImageLocation, type Finding, type Fix } from '../../src/core/finding.js';
import { applyFixes } from '../../src/core/fix.js';
import { makeReport } from '../../src/core/report.js';
import type { Example, DomainTypes } from '../../src/core/rule.js';
import type { RuleSetting } from '../../src/core/rule-meta.js';
import { fix, lint } from '../../src/dockerfile/lint.js';
import { parseDockerfile } from '../../src/dockerfile/parse/index.js';
import type { DockerfileRule } from '../../src/dockerfile/rule-domain.js';
import { analyzeImage } from '../../src/image/analyze.js';
import { openImage } from '../../src/image/open.js';
import type { ExampleImage, ImageRule } from '../../src/image/rule-domain.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { makeTestImage, writeOciLayout, type TestImageSpec } from './tar-image.js';

export type AnyRule = DockerfileRule | ContextRule | ImageRule;
export type AnyExample = Example<DomainTypes, Record<string, unknown>>;
export type ExampleDomainName = 'dockerfile' | 'context' | 'image';

/** How one example ran. */
export interface ExampleRun {
  /** Every finding of the run, any rule's (suppressions report under their own id). */
  all: Finding[];
  /** The rule's findings, in report order. */
  findings: Finding[];
  /** Where each of the rule's findings is, in the example's terms (the `at` fields of an expected finding). */
  at: Record<string, unknown>[];
  /** The terminal report of the rule's findings, without colour, as the CLI prints it. */
  rendered: string;
}

/** What fixing an example gives: the output in the example's terms, what breaks it, and what a second fix changes. */
export interface ExampleFixed {
  output: unknown;
  /** Parse errors of the output (a fix must never write a file that does not parse). */
  problems: string[];
  /** The output after fixing it once more: the same when the fix is idempotent. */
  again: unknown;
}

export interface RunOptions {
  /** Settings of the whole run, by rule id; the example's options go to its rule. */
  settings?: Record<string, RuleSetting>;
  /** The rules to run; the example's rule alone by default. */
  rules?: readonly AnyRule[];
}

export function domainOf(rule: AnyRule): ExampleDomainName {
  const domain = rule.meta.id.slice(0, rule.meta.id.indexOf('/'));
  if (domain !== 'dockerfile' && domain !== 'context' && domain !== 'image') throw new Error(`${rule.meta.id}: no example domain`);
  return domain;
}

function settingsFor(rule: AnyRule, example: AnyExample, options: RunOptions): Record<string, RuleSetting> {
  const settings = { ...options.settings };
  if (example.options) settings[rule.meta.id] = { ...settings[rule.meta.id], options: { ...settings[rule.meta.id]?.options, ...example.options } };
  return settings;
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

function ofRule(rule: AnyRule, findings: Finding[]): Finding[] {
  return findings.filter((finding) => finding.ruleId === rule.meta.id);
}

// --- Dockerfile: the text is the file.

export const EXAMPLE_DOCKERFILE = 'Dockerfile';

function runDockerfile(rule: DockerfileRule, example: { code: string }, settings: Record<string, RuleSetting>, rules: readonly DockerfileRule[]): ExampleRun {
  const all = lint(example.code, { file: EXAMPLE_DOCKERFILE, rules, settings }).findings;
  const findings = ofRule(rule, all);
  const at = findings.map((finding) => {
    if (isImageLocation(finding.location)) throw new Error(`${rule.meta.id}: an image location in a Dockerfile finding`);
    const { line, column, endLine, endColumn } = finding.location;
    return withoutUndefined({ line, column, endLine, endColumn });
  });
  const report = makeReport({ kind: 'dockerfile', ref: EXAMPLE_DOCKERFILE }, findings, new Map([[EXAMPLE_DOCKERFILE, example.code]]));
  return { all, findings, at, rendered: renderTerminal(report, { color: false }) };
}

function fixDockerfile(rule: DockerfileRule, code: string, settings: Record<string, RuleSetting>): ExampleFixed {
  const fixOnce = (text: string) => fix(text, { file: EXAMPLE_DOCKERFILE, rules: [rule], settings, unsafe: true }).text;
  const output = fixOnce(code);
  const problems = parseDockerfile(output, EXAMPLE_DOCKERFILE)
    .problems.filter((problem) => problem.level === 'error')
    .map((problem) => problem.message);
  return { output, problems, again: fixOnce(output) };
}

// --- Context: the files are written to a real directory, which the report calls `context`.

export const EXAMPLE_CONTEXT = 'context';

function contextPath(root: string, file: string): string {
  return relative(root, file) || '.';
}

function withContext<T>(files: Record<string, string>, use: (root: string) => T): T {
  const root = makeTree(files);
  try {
    return use(root);
  } finally {
    removeTree(root);
  }
}

function analyzeExampleContext(root: string, settings: Record<string, RuleSetting>, rules: readonly ContextRule[]) {
  return analyzeContext(root, { rules: settings, ruleSet: rules }).findings;
}

function runContext(rule: ContextRule, files: Record<string, string>, settings: Record<string, RuleSetting>, rules: readonly ContextRule[]): ExampleRun {
  return withContext(files, (root) => {
    const all = analyzeExampleContext(root, settings, rules);
    const findings = ofRule(rule, all);
    const at = findings.map((finding) => {
      if (isImageLocation(finding.location)) throw new Error(`${rule.meta.id}: an image location in a context finding`);
      return withoutUndefined({ file: contextPath(root, finding.location.file), line: finding.location.line, column: finding.location.column });
    });
    const sources = new Map<string, string>();
    for (const finding of findings) {
      const file = !isImageLocation(finding.location) && finding.location.line !== undefined ? finding.location.file : undefined;
      if (file && !sources.has(file)) sources.set(file, readFileSync(file, 'utf8'));
    }
    const report = makeReport({ kind: 'context', ref: root }, findings, sources);
    const rendered = renderTerminal(report, { color: false }).split(root).join(EXAMPLE_CONTEXT);
    return { all, findings, at, rendered };
  });
}

/** The files the rule's fixes write (by context path), with their text after the fixes. */
function contextFixOutput(root: string, findings: Finding[]): Record<string, string> {
  const byFile = new Map<string, Fix[]>();
  for (const finding of findings) {
    if (!finding.fix || isImageLocation(finding.location)) continue;
    const file = finding.fix.file ?? finding.location.file;
    byFile.set(file, [...(byFile.get(file) ?? []), finding.fix]);
  }
  const output: Record<string, string> = {};
  for (const [file, fixes] of [...byFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
    let before = '';
    try {
      before = readFileSync(file, 'utf8');
    } catch {
      // a fix may create the file (a .dockerignore)
    }
    output[contextPath(root, file)] = applyFixes(before, fixes).text;
  }
  return output;
}

function fixContext(rule: ContextRule, files: Record<string, string>, settings: Record<string, RuleSetting>): ExampleFixed {
  return withContext(files, (root) => {
    const output = contextFixOutput(root, ofRule(rule, analyzeExampleContext(root, settings, [rule])));
    addToTree(root, output);
    const problems: string[] = [];
    let findings: Finding[] = [];
    try {
      findings = ofRule(rule, analyzeExampleContext(root, settings, [rule]));
    } catch (error) {
      problems.push((error as Error).message);
    }
    const changed = contextFixOutput(root, findings);
    return { output, problems, again: { ...output, ...changed } };
  });
}

// --- Image: the layers become real gzip tars in an OCI image layout, read back by the image sources.

export const EXAMPLE_IMAGE = 'oci:example:latest';

/** The example's layers as the tar entries of a test image: parent directories first, as image builders write them. */
export function imageSpecOf(image: ExampleImage): TestImageSpec {
  const layers: TestImageSpec['layers'][number][] = [];
  const emptyHistory: { before: number; createdBy: string }[] = [];
  for (const layer of image.layers) {
    // What a classic builder writes in the history: the RUN's script, or `#(nop)` and the instruction.
    const createdBy = layer.createdBy.startsWith('RUN ') ? `/bin/sh -c ${layer.createdBy.slice(4)}` : `/bin/sh -c #(nop) ${layer.createdBy}`;
    if (!layer.files) {
      emptyHistory.push({ before: layers.length, createdBy });
      continue;
    }
    const entries: { path: string; type?: 'dir'; content?: string | Buffer; mode?: number }[] = [];
    const dirs = new Set<string>();
    for (const [path, file] of Object.entries(layer.files)) {
      const name = path.replace(/^\/+/, '');
      const parts = name.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!dirs.has(dir)) entries.push({ path: `${dir}/`, type: 'dir', mode: 0o755 });
        dirs.add(dir);
      }
      const spec = typeof file === 'string' ? { content: file } : file;
      const content = spec.content ?? Buffer.alloc(spec.size ?? 0, 'x');
      entries.push({ path: name, content, mode: spec.mode ?? 0o644 });
    }
    layers.push({ createdBy, tar: entries });
  }
  return { layers, emptyHistory, config: image.config ?? {} };
}

async function runImage(rule: ImageRule, image: ExampleImage, settings: Record<string, RuleSetting>, rules: readonly ImageRule[]): Promise<ExampleRun> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-example-image-'));
  try {
    const built = await makeTestImage(join(dir, 'layers'), imageSpecOf(image));
    const ref = await writeOciLayout(join(dir, 'oci'), built);
    const opened = await openImage(ref);
    let report;
    try {
      report = await analyzeImage(opened, { cache: false, rules: settings, ruleSet: rules });
    } finally {
      await opened.close();
    }
    const all = report.findings.map((finding) =>
      isImageLocation(finding.location) ? { ...finding, location: { ...finding.location, image: EXAMPLE_IMAGE } } : finding,
    );
    const findings = ofRule(rule, all);
    const at = findings.map((finding) => {
      if (!isImageLocation(finding.location)) throw new Error(`${rule.meta.id}: a file location in an image finding`);
      const { layerIndex, path, variable } = finding.location;
      return withoutUndefined({ layer: layerIndex, path, variable });
    });
    const rendered = renderTerminal(makeReport({ kind: 'image', ref: EXAMPLE_IMAGE }, findings), { color: false });
    return { all, findings, at, rendered };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// --- One entry for every domain.

/** Runs an example of a rule (its options merged into `options.settings`). */
export async function runExample(rule: AnyRule, example: AnyExample, options: RunOptions = {}): Promise<ExampleRun> {
  const settings = settingsFor(rule, example, options);
  const domain = domainOf(rule);
  if (domain === 'dockerfile') {
    return runDockerfile(rule as DockerfileRule, example as unknown as { code: string }, settings, (options.rules as DockerfileRule[]) ?? [rule as DockerfileRule]);
  }
  if (domain === 'context') {
    return runContext(rule as ContextRule, (example as unknown as { files: Record<string, string> }).files, settings, (options.rules as ContextRule[]) ?? [rule as ContextRule]);
  }
  return runImage(rule as ImageRule, (example as unknown as { image: ExampleImage }).image, settings, (options.rules as ImageRule[]) ?? [rule as ImageRule]);
}

/** Applies the fixes of the rule's findings on an example, with unsafe ones, as `shipshape fix --unsafe` does. */
export function fixExample(rule: AnyRule, example: AnyExample): ExampleFixed {
  const settings = settingsFor(rule, example, {});
  const domain = domainOf(rule);
  if (domain === 'dockerfile') return fixDockerfile(rule as DockerfileRule, (example as unknown as { code: string }).code, settings);
  if (domain === 'context') return fixContext(rule as ContextRule, (example as unknown as { files: Record<string, string> }).files, settings);
  throw new Error(`${rule.meta.id}: image findings carry no fix`);
}

/** The example's input, for messages: the Dockerfile, the context's files or the image's layers. */
export function describeExample(example: AnyExample): string {
  if ('code' in example) return String(example.code);
  return JSON.stringify('files' in example ? example.files : (example as { image?: unknown }).image, null, 2);
}
