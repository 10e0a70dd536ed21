// `shipshape image REF`: a built image read without Docker — its layers as `docker history` shows them, with
// sizes and the instruction behind each, its config, and the findings of the image rules with their costs.
import { analyzeImage } from '../../image/analyze.js';
import { openImage } from '../../image/open.js';
import { imagePreamble } from '../../report/image-terminal.js';
import { imageProgress } from '../../report/image-progress.js';
import { ConfigCache, reportOptions, type CommonFlags } from '../common.js';
import { emit, exitCodeFor } from '../output.js';

export interface ImageFlags extends CommonFlags {
  platform?: string;
  insecure?: boolean;
  dockerConfig?: string;
  files?: boolean;
  /** `--no-cache`: read every layer even when its results are cached. */
  cache: boolean;
}

export async function imageCommand(ref: string, flags: ImageFlags): Promise<number> {
  const config = new ConfigCache(flags.config).forFile('Dockerfile');
  const image = await openImage(ref, {
    ...(flags.platform ? { platform: flags.platform } : {}),
    ...(flags.insecure ? { insecure: true } : {}),
    ...(flags.dockerConfig ? { dockerConfig: flags.dockerConfig } : {}),
  });
  const progress = imageProgress();
  try {
    const report = await analyzeImage(image, {
      rules: config.rules,
      files: !!flags.files,
      ...(flags.cache ? {} : { cache: false as const }),
      onProgress: progress.onProgress,
    });
    progress.stop();
    const options = reportOptions(flags, [config]);
    emit(report, options, imagePreamble(report, { color: options.color, width: process.stdout.columns ?? 120 }));
    return exitCodeFor(report, options.failOn);
  } finally {
    progress.stop();
    await image.close();
  }
}
