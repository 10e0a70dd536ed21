// Where a finding points, for the formats that only know a path and a line (checkstyle, Code Climate, GNU,
// JUnit): a file location as it is; an image finding at the Dockerfile line that made its layer when known,
// else at the image (with the layer's path in the name).
import { isImageLocation, type Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';

export interface Place {
  path: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export function placeOf(finding: Finding): Place {
  const location = finding.location;
  if (!isImageLocation(location)) {
    const { file, line, column, endLine, endColumn } = location;
    return { path: file, line, column, endLine, endColumn };
  }
  if (location.dockerfile) return { path: location.dockerfile.file, line: location.dockerfile.line };
  return { path: location.path ? `${location.image}:${location.path}` : location.image };
}

/** Findings by the path they point to, in report order, with every file the report read (clean ones too). */
export function findingsByPath(report: Report): Map<string, Finding[]> {
  const byPath = new Map<string, Finding[]>();
  for (const path of report.sources?.keys() ?? []) byPath.set(path, []);
  for (const finding of report.findings) {
    const path = placeOf(finding).path;
    const list = byPath.get(path);
    if (list) list.push(finding);
    else byPath.set(path, [finding]);
  }
  return byPath;
}
