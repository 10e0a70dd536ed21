// Runs the image analysis on layers written as real tar files, for rule and analyzer tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeImage, type AnalyzeImageOptions } from '../../src/image/analyze.js';
import type { ImageReport } from '../../src/image/report-types.js';
import type { ImageRule } from '../../src/image/rule-domain.js';
import { makeTestImage, type TestImageSpec } from './tar-image.js';

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-test-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Analyses an image made from `spec` with no cache, running only `rule` (with `options`) when one is given. */
export function analyzeSpec(
  spec: TestImageSpec,
  rule?: ImageRule,
  options: Record<string, unknown> = {},
  extra: AnalyzeImageOptions = {},
): Promise<ImageReport> {
  return withTempDir(async (dir) => {
    const image = await makeTestImage(dir, spec);
    return analyzeImage(image, {
      cache: false,
      ...(rule ? { ruleSet: [rule], rules: { [rule.meta.id]: { options } } } : {}),
      ...extra,
    });
  });
}
