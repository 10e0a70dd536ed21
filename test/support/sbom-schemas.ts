// The CycloneDX 1.6 and SPDX 2.3 JSON schemas as validators, for tests of `shipshape sbom`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/** CycloneDX 1.6, from @cyclonedx/cyclonedx-library's res/schema (the schema references spdx and jsf by file name). */
export function cycloneDxValidator(): ValidateFunction {
  const dir = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  ajv.addFormat('date-time', RFC3339).addFormat('iri-reference', true).addFormat('idn-email', true);
  for (const name of ['spdx', 'jsf-0.82']) ajv.addSchema({ ...readJson(join(dir, `${name}.SNAPSHOT.schema.json`)), $id: `http://cyclonedx.org/schema/${name}.SNAPSHOT.schema.json` });
  return ajv.compile(readJson(join(dir, 'bom-1.6.SNAPSHOT.schema.json')));
}

/** SPDX 2.3, from test/schemas (see its README for the source). */
export function spdxValidator(): ValidateFunction {
  const ajv = new Ajv.default({ allErrors: true, strict: false });
  ajv.addFormat('date-time', RFC3339).addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  return ajv.compile(readJson(fileURLToPath(new URL('../schemas/spdx-2.3.schema.json', import.meta.url))));
}
