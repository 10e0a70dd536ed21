import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { analyzeContext } from '../analyze.js';
import { makeTree, removeTree } from '../test-support/tree.js';
import { testRule } from '../../../test/support/rule-tester.js';
import { copyIgnoredFile } from './copy-ignored-file.js';

testRule(copyIgnoredFile);

const roots: string[] = [];
after(() => roots.forEach(removeTree));

test('a literal source that .dockerignore excludes fails the build; a wildcard that loses matches copies less', () => {
  const root = makeTree({
    'Dockerfile': 'FROM x\nCOPY config.json /app/\nCOPY conf/*.yaml /conf/\nCOPY app.js /app/\n',
    'config.json': '{}',
    'conf/a.yaml': 'a',
    'conf/b.yaml': 'b',
    'app.js': '1',
    '.dockerignore': '*.json\nconf/b.yaml\n',
  });
  roots.push(root);
  const findings = analyzeContext(root).findings.filter((f) => f.ruleId === 'context/copy-ignored-file');
  assert.deepEqual(findings.map((f) => [f.severity, f.location]), [
    ['error', { file: `${root}/Dockerfile`, line: 2 }],
    ['error', { file: `${root}/Dockerfile`, line: 3 }],
  ]);
  assert.match(findings[0].message, /excludes it, so the build fails with "not found"/);
  assert.match(findings[1].message, /excludes conf\/b\.yaml, so the build silently copies less/);
});
