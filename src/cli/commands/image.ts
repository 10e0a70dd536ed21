// `shipshape image REF`: a built image read without Docker — its layers as `docker history` shows them, with
// sizes and the instruction behind each, its config, and the findings of the image rules with their costs.
import type { RuleSetting } from '../../core/rule-meta.js';
import { analyzeImage } from '../../image/analyze.js';
import { openImage, parseImageSource } from '../../image/open.js';
import type { ImageReport } from '../../image/report-types.js';
import { imagePreamble } from '../../report/image-terminal.js';
import { imageProgress } from '../../report/image-progress.js';
import { ConfigCache, reportOptions, timeoutOption, type CommonFlags } from '../common.js';
import { noteInput } from '../io.js';
import { emit, exitCodeFor } from '../output.js';

/** How to reach and read an image: shared by `image` and `check --image`. */
export interface ImageSourceFlags {
  platform?: string;
  insecure?: boolean;
  dockerConfig?: string;
  /** `--timeout SECONDS` for registry requests. */
  timeout?: string;
  /** `--no-cache`: read every layer even when its results are cached. */
  cache: boolean;
}

export interface ImageFlags extends CommonFlags, ImageSourceFlags {
  files?: boolean;
}

/** Opens an image reference and analyses it once, with a progress bar on a terminal. */
export async function readImage(
  ref: string,
  flags: ImageSourceFlags & { files?: boolean },
  rules: Record<string, RuleSetting>,
): Promise<ImageReport> {
  const source = parseImageSource(ref);
  if (source.transport === 'docker-archive' || source.transport === 'oci-archive') noteInput(source.target);
  const image = await openImage(ref, {
    ...(flags.platform ? { platform: flags.platform } : {}),
    ...(flags.insecure ? { insecure: true } : {}),
    ...(flags.dockerConfig ? { dockerConfig: flags.dockerConfig } : {}),
    ...timeoutOption(flags.timeout),
  });
  const progress = imageProgress();
  try {
    return await analyzeImage(image, {
      rules,
      files: !!flags.files,
      ...(flags.cache && { cache: {} }),
      onProgress: progress.onProgress,
    });
  } finally {
    progress.stop();
    await image.close();
  }
}

export async function imageCommand(ref: string, flags: ImageFlags): Promise<number> {
  const config = new ConfigCache(flags.config).forFile('Dockerfile');
  const report = await readImage(ref, flags, config.rules);
  const options = reportOptions(flags, [config]);
  emit(report, options, imagePreamble(report, { color: options.color, width: process.stdout.columns ?? 120 }));
  return exitCodeFor(report, options.failOn);
}
