import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type * as Sarif from 'sarif';
import type { Finding } from '../core/finding.js';
import { makeReport } from '../core/report.js';
import { lint } from '../dockerfile/lint.js';
import { allRuleMetas } from '../rules.js';
import { renderJson } from './json.js';
import { renderSarif } from './sarif.js';
import { renderTerminal } from './terminal.js';
import { sarifValidator } from '../../test/support/sarif-schema.js';

const goldenDir = new URL('../../test/golden/', import.meta.url);

/** Compares with a golden file; `UPDATE_GOLDEN=1 npm test` rewrites them after a deliberate change. */
function assertGolden(name: string, actual: string): void {
  const file = new URL(name, goldenDir);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from its golden file`);
}

const dockerfile = 'FROM alpine:3.20\n# hadolint ignore=DL4000\nRUN echo hi\nMAINTAINER Ada <ada@example.com>\nUSER 65532\n';
const imageFinding: Finding = {
  ruleId: 'image/no-package-cache',
  severity: 'warning',
  message: 'apt lists left in the image',
  location: { image: 'docker-archive:app.tar', layer: 'sha256:4d2c', layerIndex: 4, path: '/var/lib/apt/lists', instruction: 'RUN apt-get update' },
  cost: { bytes: 41_250_000, layer: 'sha256:4d2c', layerIndex: 4 },
  related: [
    {
      location: { image: 'docker-archive:app.tar', layer: 'sha256:9e1f', layerIndex: 5, instruction: 'RUN rm -rf /var/lib/apt/lists/*' },
      message: 'deletes these files',
    },
  ],
};
const report = makeReport(
  { kind: 'check', ref: '.' },
  [...lint(dockerfile, { file: 'web/Dockerfile' }).findings, imageFinding],
  new Map([['web/Dockerfile', dockerfile]]),
);

describe('renderers', () => {
  test('terminal (no colour)', () => {
    assertGolden('check.terminal.txt', renderTerminal(report, { color: false }));
  });

  test('terminal colours only when asked', () => {
    assert.doesNotMatch(renderTerminal(report, { color: false }), /\x1b\[/);
    assert.match(renderTerminal(report, { color: true }), /\x1b\[/);
  });

  test('JSON follows the report contract', () => {
    const text = renderJson(report);
    assertGolden('check.json', text);
    const parsed = JSON.parse(text);
    assert.deepEqual(Object.keys(parsed), ['tool', 'target', 'findings', 'summary']);
    for (const finding of parsed.findings) {
      assert.deepEqual(Object.keys(finding).slice(0, 4), ['ruleId', 'severity', 'message', 'location']);
    }
  });

  test('SARIF is valid against the SARIF 2.1.0 schema and carries rules, aliases and fixes', () => {
    const text = renderSarif(report, allRuleMetas());
    assertGolden('check.sarif', text);
    const validate = sarifValidator();
    const log = JSON.parse(text) as Sarif.Log;
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules!;
    const maintainer = run.results!.find((r) => r.ruleId === 'dockerfile/no-maintainer')!;
    assert.equal(rules[maintainer.ruleIndex!]!.id, 'dockerfile/no-maintainer');
    assert.deepEqual(rules[maintainer.ruleIndex!]!.properties!.aliases, ['DL4000', 'MaintainerDeprecated']);
    assert.equal(maintainer.fixes![0]!.artifactChanges[0]!.artifactLocation.uri, 'web/Dockerfile');
    assert.deepEqual(maintainer.locations![0]!.physicalLocation!.region, { startLine: 4, startColumn: 1, endLine: 4, endColumn: 33 });
    const cache = run.results!.find((r) => r.ruleId === 'image/no-package-cache')!;
    assert.deepEqual(cache.relatedLocations, [
      { id: 0, logicalLocations: [{ fullyQualifiedName: 'docker-archive:app.tar:sha256:9e1f', kind: 'resource' }], message: { text: 'deletes these files' } },
    ]);
  });
});
