import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { analyzeContext } from '../analyze.js';
import { makeTree, removeTree, type TreeNode } from '../test-support/tree.js';
import { testRule } from '../../../test/support/rule-tester.js';
import { noHeavyDirs } from './no-heavy-dirs.js';

testRule(noHeavyDirs);

const roots: string[] = [];
after(() => roots.forEach(removeTree));
function heavy(nodes: Record<string, TreeNode>) {
  const root = makeTree(nodes);
  roots.push(root);
  return { root, findings: analyzeContext(root).findings.filter((f) => f.ruleId === 'context/no-heavy-dirs') };
}

test('heavy directories are grouped by kind, with their bytes as the cost', () => {
  const { root, findings } = heavy({
    'Dockerfile': 'FROM node:20\nCOPY . .\nRUN npm ci\n',
    'package.json': '{}',
    'node_modules/a/index.js': 'x'.repeat(1000),
    'packages/web/node_modules/b/index.js': 'y'.repeat(500),
    'packages/web/package.json': '{}',
    'coverage/lcov.info': 'z'.repeat(70),
    '.dockerignore': '.git\n',
  });
  const modules = findings.find((f) => f.message.startsWith('Node.js dependencies'));
  assert.equal(modules?.cost?.bytes, 1500);
  assert.deepEqual(modules?.location, { file: `${root}/node_modules` });
  assert.match(modules!.message, /COPY at line 2 copies them into the image/);
  assert.equal(findings.find((f) => f.message.startsWith('test coverage'))?.cost?.bytes, 70);
});

test('build output counts only beside its project file, and not when a COPY names it', () => {
  const { findings } = heavy({
    'Dockerfile': 'FROM nginx\nCOPY dist /usr/share/nginx/html\n',
    'package.json': '{}',
    'dist/index.html': '<p>',
    'rust/Cargo.toml': '[package]',
    'rust/target/debug/app': 'bin',
    'docs/build/notes.txt': 'not output: no project file beside it',
    '.dockerignore': '.git\n',
  });
  assert.deepEqual(findings.map((f) => f.message.split(':')[1].trim().split(' ')[0]), ['rust/target']);
});
