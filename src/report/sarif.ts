// SARIF 2.1.0, as GitHub code scanning and other SARIF consumers read it.
import type * as Sarif from 'sarif';
import { isImageLocation, type Finding, type Location } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { RuleMeta } from '../core/rule-meta.js';
import type { Severity } from '../core/severity.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

function toUri(file: string): string {
  return file.split('\\').join('/').replace(/^\.\//, '');
}

function ruleDescriptor(meta: RuleMeta): Sarif.ReportingDescriptor {
  const [domain] = meta.id.split('/');
  const helpText = [meta.rationale, meta.differences].filter(Boolean).join('\n\n');
  const descriptor: Sarif.ReportingDescriptor = {
    id: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.rationale },
    help: { text: helpText, markdown: helpText },
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: [domain!, ...(meta.fixable ? ['fixable'] : [])] },
  };
  if (meta.aliases?.length) descriptor.properties!.aliases = meta.aliases;
  return descriptor;
}

/** A file region, or for an image an artifact-less logical location (plus the Dockerfile line that made its layer, when known). */
function sarifLocation(location: Location): Sarif.Location {
  if (isImageLocation(location)) {
    const name = [location.image, location.layer, location.path].filter(Boolean).join(':');
    const made = location.dockerfile;
    return {
      ...(made ? { physicalLocation: { artifactLocation: { uri: toUri(made.file) }, region: { startLine: made.line } } } : {}),
      logicalLocations: [{ fullyQualifiedName: name, kind: 'resource' }],
    };
  }
  const region: Sarif.Region = {};
  if (location.line !== undefined) region.startLine = location.line;
  if (location.column !== undefined) region.startColumn = location.column;
  if (location.endLine !== undefined) region.endLine = location.endLine;
  if (location.endColumn !== undefined) region.endColumn = location.endColumn;
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(location.file) },
      ...(region.startLine !== undefined ? { region } : {}),
    },
  };
}

function result(finding: Finding, ruleIndex: number): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: finding.ruleId,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
  };
  if (ruleIndex >= 0) out.ruleIndex = ruleIndex;
  const location = finding.location;
  out.locations = [sarifLocation(location)];
  if (finding.related?.length) {
    out.relatedLocations = finding.related.map((place, id) => ({ id, ...sarifLocation(place.location), message: { text: place.message } }));
  }
  if (finding.fix) {
    const target = finding.fix.file ?? (isImageLocation(location) ? undefined : location.file);
    if (target !== undefined) {
      out.fixes = [
        {
          description: { text: `${finding.fix.description} (${finding.fix.kind})` },
          artifactChanges: [
            {
              artifactLocation: { uri: toUri(target) },
              replacements: finding.fix.edits.map((edit) => ({
                deletedRegion: { charOffset: edit.range[0], charLength: edit.range[1] - edit.range[0] },
                insertedContent: { text: edit.text },
              })),
            },
          ],
        },
      ];
    }
  }
  const properties: Record<string, unknown> = {};
  if (finding.aliases?.length) properties.aliases = finding.aliases;
  if (finding.cost) properties.cost = finding.cost;
  if (Object.keys(properties).length > 0) out.properties = properties;
  return out;
}

/** SARIF 2.1.0 with the descriptors of the rules that have results (help text, aliases) and fixes as SARIF fixes. */
export function renderSarif(report: Report, knownRules: readonly RuleMeta[]): string {
  const reported = new Set(report.findings.map((finding) => finding.ruleId));
  const rules = knownRules.filter((rule) => reported.has(rule.id));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipshape',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((finding) => result(finding, index.get(finding.ruleId) ?? -1)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
