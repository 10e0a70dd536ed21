import type { ImageReport } from '../image/report-types.js';

/**
 * The JSON contract of an image report: the common fields (`tool`, `target`, `findings`, `summary`) as DESIGN.md
 * fixes them, plus `image` (layers, config, sizes, efficiency, packages). Only what is serialisable is kept.
 */
export function imageReportJson(report: ImageReport): object {
  return {
    tool: report.tool,
    target: report.target,
    findings: report.findings,
    summary: report.summary,
    image: report.image,
  };
}

export function renderImageJson(report: ImageReport): string {
  return `${JSON.stringify(imageReportJson(report), null, 2)}\n`;
}
