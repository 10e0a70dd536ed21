import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { analyzeContext } from '../analyze.js';
import { makeTree, removeTree } from '../test-support/tree.js';
import { testRule } from '../../../test/support/rule-tester.js';
import { missingDockerignore } from './missing-dockerignore.js';

testRule(missingDockerignore);

const roots: string[] = [];
after(() => roots.forEach(removeTree));

test('a missing .dockerignore costs what the proposed one would remove, and its fix creates the file', () => {
  const root = makeTree({ 'Dockerfile': 'FROM x\nCOPY . /app\n', 'app.js': '1', '.git/HEAD': 'h'.repeat(50) });
  roots.push(root);
  const [finding] = analyzeContext(root).findings.filter((f) => f.ruleId === 'context/missing-dockerignore');
  assert.equal(finding.cost?.bytes, 50);
  assert.deepEqual(finding.location, { file: `${root}/.dockerignore` });
  assert.deepEqual(finding.fix?.edits.map((e) => e.range), [[0, 0]]);
  assert.equal(finding.fix?.file, `${root}/.dockerignore`);
});

test('a Dockerfile-specific ignore file counts as the ignore file', () => {
  const root = makeTree({ 'app.Dockerfile': 'FROM x\nCOPY . /app\n', 'app.Dockerfile.dockerignore': '.git\n', 'app.js': '1' });
  roots.push(root);
  const report = analyzeContext(root, { dockerfile: `${root}/app.Dockerfile` });
  assert.deepEqual(report.ignoreFile, { path: `${root}/app.Dockerfile.dockerignore`, source: 'dockerfile' });
  assert.equal(report.findings.some((f) => f.ruleId === 'context/missing-dockerignore'), false);
});

test('a context with nothing to leave out needs no .dockerignore unless a COPY takes all of it', () => {
  const named = makeTree({ 'Dockerfile': 'FROM x\nCOPY entrypoint.sh /\n', 'entrypoint.sh': 'echo' });
  const whole = makeTree({ 'Dockerfile': 'FROM x\nCOPY ./ /app\n', 'entrypoint.sh': 'echo' });
  roots.push(named, whole);
  const missing = (root: string) => analyzeContext(root).findings.filter((f) => f.ruleId === 'context/missing-dockerignore').map((f) => f.messageId);
  assert.deepEqual(missing(named), []);
  assert.deepEqual(missing(whole), ['everything']);
});
