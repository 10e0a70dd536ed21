// Runs every conformance suite against the third-party material in ../shared/conformance, prints what agrees,
// and fails when a suite falls below its bar or below the floor recorded in .ci/conformance-floors.json.
// The floors are a ratchet: `--raise` records the levels reached now, so later work cannot regress them.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runBuildkitParserSuite } from '../test/conformance/buildkit-parser.js';
import type { SuiteResult } from '../test/conformance/conformance-dir.js';
import { runDockerignoreSuites } from '../test/conformance/dockerignore.conformance.js';
import { runHadolintSuite } from '../test/conformance/hadolint.js';
import { runOsvSuites } from '../test/conformance/osv.js';
import { runRealWorldSuite } from '../test/conformance/real-world.js';
import { runVersionSuites } from '../test/conformance/versions.js';

const floorsFile = fileURLToPath(new URL('../.ci/conformance-floors.json', import.meta.url));

async function allSuites(): Promise<SuiteResult[]> {
  return [
    ...runBuildkitParserSuite(),
    ...runDockerignoreSuites(),
    ...runHadolintSuite(),
    ...runRealWorldSuite(),
    ...runVersionSuites(),
    ...(await runOsvSuites()),
  ];
}

function readFloors(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(floorsFile, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

const results = await allSuites();
const floors = readFloors();
const verbose = process.argv.includes('--verbose');
let failed = false;
for (const result of results) {
  const ratio = result.total === 0 ? 1 : result.passed / result.total;
  const floor = floors[result.suite] ?? 0;
  const ok = ratio >= result.bar && ratio >= floor;
  failed ||= !ok;
  const percent = (100 * ratio).toFixed(1);
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${result.suite}: ${result.passed}/${result.total} (${percent}%; bar ${(100 * result.bar).toFixed(0)}%, floor ${(100 * floor).toFixed(1)}%)`,
  );
  for (const [key, value] of Object.entries(result.details ?? {})) console.log(`       ${key}: ${value}`);
  const shown = verbose || !ok ? result.failures : result.failures.slice(0, 5);
  for (const failure of shown) console.log(`       - ${failure}`);
  if (shown.length < result.failures.length) console.log(`       … ${result.failures.length - shown.length} more (--verbose)`);
}
if (process.argv.includes('--raise')) {
  const raised = { ...floors };
  for (const result of results) {
    const ratio = result.total === 0 ? 1 : result.passed / result.total;
    raised[result.suite] = Math.max(floors[result.suite] ?? 0, Math.floor(ratio * 1000) / 1000);
  }
  writeFileSync(floorsFile, `${JSON.stringify(raised, null, 2)}\n`);
  console.log(`floors written to ${floorsFile}`);
}
process.exit(failed ? 1 : 0);
