import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerfile } from '../../dockerfile/parse/index.js';
import { copySpecsFromDockerfile } from './spec.js';

const text = 'FROM node:20 AS build\nCOPY . /src\nFROM alpine:3.20 AS test\nCOPY tests /tests\nFROM alpine:3.20 AS prod\nCOPY --from=build /src/dist /app\nCOPY config /etc/app\n';

test('the COPYs of the stages the last stage needs: its own and those of the stages it copies from', () => {
  const dockerfile = parseDockerfile(text);
  assert.deepEqual(copySpecsFromDockerfile(dockerfile).map((spec) => [spec.line, spec.sources]), [
    [2, ['.']],
    [7, ['config']],
  ]);
});

test("a build's target reads only the context its own stages copy", () => {
  const dockerfile = parseDockerfile(text);
  assert.deepEqual(copySpecsFromDockerfile(dockerfile, dockerfile.stages[1]).map((spec) => [spec.line, spec.sources]), [[4, ['tests']]]);
});
