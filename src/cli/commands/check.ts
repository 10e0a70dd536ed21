import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkDockerfile } from '../../check.js';
import { InputError } from '../../core/errors.js';
import { makeReport } from '../../core/report.js';
import { planChecks } from '../../project/plan.js';
import { readProject } from '../../project/index.js';
import { buildPreamble, buildSection, oncePerContext, type CheckReport } from '../../project/report.js';
import { contextPreamble, contextSection } from '../../report/context.js';
import { imagePreamble } from '../../report/image-terminal.js';
import type { Config } from '../../core/config-parse.js';
import { scanImage, withScanFindings } from '../../vuln/scan.js';
import { ConfigCache, readDockerfileInputs, reportOptions, type CommonFlags } from '../common.js';
import { noteInput } from '../io.js';
import { emit, exitCodeFor } from '../output.js';
import { readImage, type ImageSourceFlags } from './image.js';
import { scanOptionsOf, type ScanChoiceFlags } from './scan.js';

export interface CheckFlags extends CommonFlags, ImageSourceFlags, ScanChoiceFlags {
  /** With `--image`: the image's known vulnerabilities and end of life too, each joined to its Dockerfile line. */
  scan?: boolean;
  /** The image built from the project: its layers are mapped to the Dockerfile and its costs attached. */
  image?: string;
  /** The Dockerfile the image was built from, or the one `--context` is for, when DIR has several. */
  dockerfile?: string;
  /** The build context of the Dockerfile (`docker build`'s last argument), instead of the declared or inferred one. */
  context?: string;
  /** Paths left out of the search for Dockerfiles (gitignore patterns, relative to DIR). */
  exclude?: string[];
  /** The stage the image was built to (`docker build --target`). */
  target?: string;
}

/** The Dockerfile the image was built from: `--dockerfile`, else the only one, else DIR/Dockerfile. */
function imageDockerfile(root: string, files: readonly string[], wanted: string | undefined): string {
  if (wanted !== undefined) {
    const paths = [resolve(wanted), resolve(root, wanted)];
    const found = files.find((file) => paths.includes(resolve(file)));
    if (!found) throw new InputError(`${wanted}: not one of the Dockerfiles under ${root} (${files.join(', ')})`);
    return found;
  }
  if (files.length === 1) return files[0]!;
  const conventional = files.find((file) => resolve(file) === resolve(root, 'Dockerfile'));
  if (conventional) return conventional;
  throw new InputError(
    `${root}: ${files.length} Dockerfiles and no ${join(root, 'Dockerfile')}: name the image's with --dockerfile (${files.join(', ')})`,
  );
}

export async function checkCommand(dir: string | undefined, flags: CheckFlags): Promise<number> {
  const root = dir ?? '.';
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new InputError(`${root}: no such directory`);
  }
  if (!isDir) throw new InputError(`${root}: not a directory (check takes a directory; use \`shipshape lint ${root}\` for a file)`);
  if (flags.dockerfile !== undefined && flags.image === undefined && flags.context === undefined) {
    throw new InputError('--dockerfile names the Dockerfile an image was built from or --context is for: give --image REF or --context DIR');
  }
  if (flags.context !== undefined && !statSync(flags.context, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError(`--context ${flags.context}: not a directory`);
  }
  if (flags.target !== undefined && flags.image === undefined) {
    throw new InputError('--target names the stage an image was built to: give the image with --image REF');
  }
  const scanChoices = (['severity', 'ignoreUnfixed', 'ignoreFile', 'vex', 'dbDir'] as const).filter((name) => flags[name] !== undefined);
  if (flags.scan && flags.image === undefined) throw new InputError('--scan scans the image built from the project: give it with --image REF');
  if (!flags.scan && scanChoices.length > 0) {
    throw new InputError(`--${scanChoices[0]!.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} chooses what --scan reports: give --scan too`);
  }
  const configs = new ConfigCache(flags.config);
  const rootConfig = configs.forFile(join(root, '.shipshape.yaml'));
  const project = readProject(root, { exclude: [...(rootConfig.exclude ?? []), ...(flags.exclude ?? [])] });
  const files = project.dockerfiles;
  if (files.length === 0 && !project.builds.some((build) => build.inline !== undefined)) {
    throw new InputError(`${root}: no Dockerfile found (looked for Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, and the builds of compose, bake, workflow and script files)`);
  }
  const imageFile = flags.image === undefined ? undefined : imageDockerfile(root, files, flags.dockerfile);
  const contextFile = flags.context === undefined ? undefined : imageDockerfile(root, files, flags.dockerfile);
  const inputs = await readDockerfileInputs(files, configs);
  const texts = new Map(inputs.map((input) => [input.file, input.text]));
  const plans = planChecks(project, texts, root, contextFile !== undefined ? { override: { dockerfile: contextFile, context: flags.context! } } : {});
  const imageInput = inputs.find((input) => input.file === imageFile);
  const scanOptions = flags.scan ? scanOptionsOf(flags) : undefined;
  let image = flags.image !== undefined && imageInput ? await readImage(flags.image, flags, imageInput.config.rules) : undefined;
  const scanned = image && scanOptions ? await scanImage(image, { ...scanOptions, rules: imageInput!.config.rules }) : undefined;
  if (image && scanned) image = withScanFindings(image, scanned);
  // Builds of one Dockerfile with one context and one target share one check.
  const checks = new Map<string, ReturnType<typeof checkDockerfile> & { config: Config }>();
  const checked = plans.flatMap((plan) => {
    const target = typeof plan.build.target === 'string' ? plan.build.target : undefined;
    const key = `${plan.dockerfile}\0${resolve(plan.build.context)}\0${target ?? ''}`;
    if (checks.has(key)) return [];
    const input = plan.inline === undefined
      ? inputs.find((candidate) => candidate.file === plan.dockerfile)!
      : { file: plan.dockerfile, text: plan.inline, config: configs.forFile(plan.build.source.file ?? join(root, 'Dockerfile')) };
    if (plan.inline !== undefined) texts.set(plan.dockerfile, plan.inline);
    const imageOptions = input === imageInput && image ? { image, ...(flags.target !== undefined && { target: flags.target }) } : {};
    const options = { context: plan.build.context, ...(target !== undefined && { target }), ...imageOptions };
    let result: ReturnType<typeof checkDockerfile> & { config: Config };
    try {
      result = { ...checkDockerfile(input.file, input.text, input.config.rules, options), config: input.config };
    } catch (error) {
      // A Dockerfile found in the tree that is no Dockerfile (an empty test fixture) is a note: the rest is checked.
      if (!(error instanceof InputError) || input === imageInput) throw error;
      project.notes.push({ file: input.file, message: `not checked: ${error.message.startsWith(`${input.file}: `) ? error.message.slice(input.file.length + 2) : error.message}` });
      return [];
    }
    checks.set(key, result);
    return [result];
  });
  const shared = oncePerContext(checked);
  for (const context of checked.map((result) => result.context)) if (context.ignoreFile.path) noteInput(context.ignoreFile.path);
  const joined = checked.find((result) => result.image)?.image;
  const report: CheckReport = {
    ...makeReport({ kind: 'check', ref: root }, shared.findings, texts),
    builds: plans.map((plan) => buildSection(plan, root)),
    contexts: shared.contexts.map(({ context, dockerfiles }) => ({ ...contextSection(context), dockerfiles })),
    ...(project.notes.length > 0 && { notes: project.notes }),
    ...(joined ? { image: joined.image } : {}),
    ...(scanned ? { scan: scanned.scan } : {}),
  };
  const options = reportOptions(flags, checked.map((result) => result.config));
  const preamble = [...buildPreamble(plans, project.notes, root), ...shared.contexts.flatMap(({ context }) => contextPreamble(context))];
  if (joined) preamble.push(...imagePreamble(joined, { color: options.color, width: process.stdout.columns ?? 120 }));
  emit(report, options, preamble);
  return exitCodeFor(report, options.failOn);
}
