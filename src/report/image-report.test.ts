import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { withTempDir } from '../../test/support/tar-analyze.js';
import { makeSampleImage } from '../../test/support/tar-sample.js';
import { analyzeImage } from '../image/analyze.js';
import type { ImageReport } from '../image/report-types.js';
import { imagePreamble } from './image-terminal.js';
import { renderJson } from './json.js';
import { renderTerminal } from './terminal.js';

const golden = (name: string): string => fileURLToPath(new URL(`testdata/${name}`, import.meta.url));

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it. */
async function matchesGolden(name: string, actual: string): Promise<void> {
  if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden(name), actual);
  assert.equal(actual, await readFile(golden(name), 'utf8'));
}

const sampleReport = (files: boolean): Promise<ImageReport> =>
  withTempDir(async (dir) => analyzeImage(await makeSampleImage(join(dir, 'image')), { cache: false, files }));

test('terminal rendering of the sample image', async () => {
  const report = await sampleReport(false);
  await matchesGolden('image-sample.txt', renderTerminal(report, { color: false, preamble: imagePreamble(report, { width: 100 }) }));
});

test('terminal rendering with --files and colour', async () => {
  const report = await sampleReport(true);
  const text = renderTerminal(report, { color: true, preamble: imagePreamble(report, { width: 100, color: true }) });
  assert.match(text, /\u001b\[31merror  \s*\u001b\[39m/);
  await matchesGolden('image-sample-files.txt', text.replace(/\u001b\[\d+m/g, ''));
});

test('JSON rendering follows the report contract and adds image', async () => {
  const json = renderJson(await sampleReport(false));
  const parsed = JSON.parse(json) as Record<string, unknown>;
  assert.deepEqual(Object.keys(parsed), ['tool', 'target', 'findings', 'summary', 'image']);
  assert.deepEqual(parsed.target, { kind: 'image', ref: 'oci:sample' });
  await matchesGolden('image-sample.json', json);
});
