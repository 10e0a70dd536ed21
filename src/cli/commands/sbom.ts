// `shipshape sbom REF`: the packages of a built image as a CycloneDX 1.6 or SPDX 2.3 JSON document, each with
// its purl, licences and the layer it came from.
import { renderCycloneDx } from '../../report/cyclonedx.js';
import { sbomTimestamp } from '../../report/sbom-common.js';
import { renderSpdx } from '../../report/spdx.js';
import { ConfigCache } from '../common.js';
import type { SbomFormat } from '../formats.js';
import { writeReport } from '../io.js';
import { readImage, type ImageSourceFlags } from './image.js';

export interface SbomFlags extends ImageSourceFlags {
  format: SbomFormat;
  output?: string;
  config?: string;
  timestamp?: string;
}

export async function sbomCommand(ref: string, flags: SbomFlags): Promise<number> {
  const timestamp = sbomTimestamp(flags.timestamp);
  const config = new ConfigCache(flags.config).forFile('Dockerfile');
  const report = await readImage(ref, flags, config.rules);
  const text = flags.format === 'spdx' ? renderSpdx(report, { timestamp }) : renderCycloneDx(report, { timestamp });
  if (flags.output) writeReport(flags.output, text);
  else process.stdout.write(text);
  return 0;
}
