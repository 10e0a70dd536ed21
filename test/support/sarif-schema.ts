// The SARIF 2.1.0 schema as a validator, for tests of SARIF output.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04, { type ValidateFunction } from 'ajv-draft-04';

const require = createRequire(import.meta.url);

export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The published schema has a pattern that is invalid in unicode mode (`[a-zA-Z]{2}]?`); compile without it.
  return new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
}
