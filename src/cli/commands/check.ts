import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkDockerfile, findDockerfiles } from '../../check.js';
import { InputError } from '../../core/errors.js';
import { makeReport } from '../../core/report.js';
import { contextPreamble, contextSection } from '../../report/context.js';
import { imagePreamble } from '../../report/image-terminal.js';
import { ConfigCache, readDockerfileInputs, reportOptions, type CommonFlags } from '../common.js';
import { noteInput } from '../io.js';
import { emit, exitCodeFor } from '../output.js';
import { readImage, type ImageSourceFlags } from './image.js';

export interface CheckFlags extends CommonFlags, ImageSourceFlags {
  /** The image built from the project: its layers are mapped to the Dockerfile and its costs attached. */
  image?: string;
  /** The Dockerfile the image was built from, when DIR has several. */
  dockerfile?: string;
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
  if (flags.dockerfile !== undefined && flags.image === undefined) {
    throw new InputError('--dockerfile names the Dockerfile an image was built from: give the image with --image REF');
  }
  if (flags.target !== undefined && flags.image === undefined) {
    throw new InputError('--target names the stage an image was built to: give the image with --image REF');
  }
  const files = findDockerfiles(root);
  if (files.length === 0) {
    throw new InputError(`${root}: no Dockerfile found (looked for Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*)`);
  }
  const imageFile = flags.image === undefined ? undefined : imageDockerfile(root, files, flags.dockerfile);
  const configs = new ConfigCache(flags.config);
  const inputs = await readDockerfileInputs(files, configs);
  const imageInput = inputs.find((input) => input.file === imageFile);
  const image = flags.image !== undefined && imageInput ? await readImage(flags.image, flags, imageInput.config.rules) : undefined;
  const checked = inputs.map((input) =>
    checkDockerfile(input.file, input.text, input.config.rules, input === imageInput && image ? { image, ...(flags.target !== undefined && { target: flags.target }) } : {}),
  );
  const findings = checked.flatMap((result) => result.findings);
  const contexts = checked.map((result) => result.context);
  for (const context of contexts) if (context.ignoreFile.path) noteInput(context.ignoreFile.path);
  const joined = checked.find((result) => result.image)?.image;
  const report = {
    ...makeReport({ kind: 'check', ref: root }, findings, new Map(inputs.map((input) => [input.file, input.text]))),
    contexts: contexts.map(contextSection),
    ...(joined ? { image: joined.image } : {}),
  };
  const options = reportOptions(flags, inputs.map((input) => input.config));
  const preamble = contexts.flatMap(contextPreamble);
  if (joined) preamble.push(...imagePreamble(joined, { color: options.color, width: process.stdout.columns ?? 120 }));
  emit(report, options, preamble);
  return exitCodeFor(report, options.failOn);
}
