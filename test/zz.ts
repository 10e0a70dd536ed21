import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeImage } from '../src/image/analyze.js';
import { makeSampleImage } from './support/tar-sample.js';
const dir = await mkdtemp(join(tmpdir(), 'ss-'));
const image = await makeSampleImage(join(dir, 'img'));
const report = await analyzeImage(image, { cache: { dir: join(dir, 'cache') }, files: true });
console.log(JSON.stringify(report, null, 1));
