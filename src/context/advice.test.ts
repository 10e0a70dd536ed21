import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { applyFixes } from '../core/fix.js';
import { join } from 'node:path';
import { analyzeContext } from './analyze.js';
import { loadIgnoreFile } from './ignore-file-choice.js';
import { walkContext } from './walk.js';
import { treesRemovedAfterTests, type TreeNode } from './test-support/tree.js';

const tree = treesRemovedAfterTests();

/** Applies the report's .dockerignore fix to the file on disk, as `shipshape fix` would. */
function applyAdvice(root: string): string {
  const advice = analyzeContext(root).advice;
  assert.ok(advice, 'expected a proposed .dockerignore');
  let text = '';
  try {
    text = readFileSync(advice.fix.file!, 'utf8');
  } catch {
    // a missing file is an edit on an empty text
  }
  const result = applyFixes(text, [advice.fix]);
  assert.equal(result.applied.length, 1);
  writeFileSync(advice.fix.file!, result.text);
  return result.text;
}

const NODE_APP: Record<string, TreeNode> = {
  'Dockerfile': 'FROM node:20\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\n',
  'package.json': '{}',
  'package-lock.json': '{}',
  'src/index.js': 'console.log(1)',
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.git/objects/pack/p.pack': 'p'.repeat(4000),
  '.env': 'TOKEN=test-fixture\n',
  '.env.example': 'TOKEN=\n',
  'node_modules/dep/index.js': 'd'.repeat(9000),
  'npm-debug.log': 'log',
};

test('a missing .dockerignore is created, tailored to the context, and the findings it addresses go away', () => {
  const root = tree(NODE_APP);
  const before = analyzeContext(root);
  assert.deepEqual(
    before.findings.map((f) => f.ruleId).sort(),
    ['context/missing-dockerignore', 'context/no-heavy-dirs', 'context/no-secret-files', 'context/no-vcs-dir'],
  );
  assert.deepEqual(before.advice?.entries, ['.git', '.env', '.env.*', 'node_modules', 'npm-debug.log*', '!.env.example']);
  assert.equal(before.advice?.fix.kind, 'unsafe', 'node_modules may be what a COPY . . build runs on');
  for (const finding of before.findings) assert.deepEqual(finding.fix, before.advice?.fix);
  const text = applyAdvice(root);
  const after = analyzeContext(root);
  assert.ok(text.startsWith('# Added by shipshape: keeps these out of the build context\n.git\n'), text);
  assert.deepEqual(after.findings, []);
  assert.deepEqual(after.advice, undefined);
  assert.equal(after.totals.bytes, before.advice?.after.bytes);
  assert.ok(after.copies[1].sources[0].status === 'ok' && after.copies[0].files === 2);
});

test("the user's lines and comments stay, and the block goes after them, where no line of theirs undoes it", () => {
  const root = tree({
    ...NODE_APP,
    '.dockerignore': '# my rules\n*.log\n!keep.log',
    'keep.log': 'k',
  });
  const text = applyAdvice(root);
  assert.ok(text.startsWith('# my rules\n*.log\n!keep.log\n\n# Added by shipshape'), text);
  const after = analyzeContext(root);
  assert.deepEqual(after.findings, []);
  assert.ok(after.copies.every((c) => c.sources.every((s) => s.status === 'ok')));
});

/** Every path the builder receives from `root` now. */
function received(root: string): string[] {
  return walkContext(root, { matcher: loadIgnoreFile(root, join(root, 'Dockerfile')).matcher }).entries.map((e) => e.path).sort();
}

/** Fixes the context twice: the first fix must take effect, the second must find nothing to do. */
function fixTwice(root: string): { text: string; paths: string[] } {
  const text = applyAdvice(root);
  const paths = received(root);
  assert.equal(analyzeContext(root).advice, undefined, `a second fix changes nothing:\n${text}`);
  assert.equal(readFileSync(join(root, '.dockerignore'), 'utf8'), text);
  return { text, paths };
}

test('after `*` and the `!` lines that re-include a directory, the added lines still take effect', () => {
  const root = tree({
    'Dockerfile': 'FROM node:20\nCOPY . .\n',
    '.dockerignore': '*\n!src\n!Dockerfile\n',
    'src/index.js': 'x',
    'src/.env': 'TOKEN=test-fixture\n',
    'src/.git/HEAD': 'ref: refs/heads/main\n',
    'other/big.bin': 'b'.repeat(100),
  });
  assert.deepEqual(received(root), ['Dockerfile', 'src/.env', 'src/.git/HEAD', 'src/index.js']);
  const { text, paths } = fixTwice(root);
  assert.ok(text.startsWith('*\n!src\n!Dockerfile\n\n# Added by shipshape'), text);
  assert.deepEqual(paths, ['Dockerfile', 'src/index.js']);
});

test("a file the user re-includes by name stays in; a pattern that would only remove it is not added", () => {
  const root = tree({
    'Dockerfile': 'FROM node:20\nCOPY src ./src\n',
    '.dockerignore': '*.local\n!.env.production\n',
    'src/index.js': 'x',
    '.env.production': 'API_URL=https://example.test\nTOKEN=test-fixture\n',
    '.env.staging': 'TOKEN=test-fixture\n',
  });
  const { text, paths } = fixTwice(root);
  assert.ok(text.endsWith('.env.*\n!.env.production\n'), text);
  assert.deepEqual(paths, ['.dockerignore', '.env.production', 'Dockerfile', 'src/index.js']);

  const only = tree({ 'Dockerfile': 'FROM node:20\nCOPY src ./src\n', '.dockerignore': '!.env\n', 'src/index.js': 'x', '.env': 'TOKEN=test-fixture\n' });
  assert.equal(analyzeContext(only).advice, undefined, 'the only offender is re-included on purpose: nothing to change');
});

test('`**/` patterns and negations of the added pattern: one fix, and the second changes nothing', () => {
  const root = tree({
    'Dockerfile': 'FROM node:20\nCOPY . .\n',
    '.dockerignore': '**/*.md\n!**/node_modules/keep/**\n',
    'packages/web/index.js': 'x',
    'packages/web/node_modules/dep/index.js': 'd'.repeat(3000),
    'packages/web/node_modules/keep/index.js': 'k',
    'packages/api/.git/HEAD': 'ref\n',
    'README.md': '# hi',
  });
  const { text, paths } = fixTwice(root);
  assert.ok(text.includes('\n**/node_modules\n'), text);
  assert.deepEqual(paths, ['.dockerignore', 'Dockerfile', 'packages/web/index.js', 'packages/web/node_modules/keep/index.js']);
});

test('a change that would leave nothing out is not proposed', () => {
  // `.git` is already out, and the only other candidate is a file a later `!` of the user keeps.
  const root = tree({
    'Dockerfile': 'FROM node:20\nCOPY . .\n',
    '.dockerignore': '.git\n!deploy_key.pem\n',
    '.git/HEAD': 'ref\n',
    'deploy_key.pem': '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
  });
  assert.equal(analyzeContext(root).advice, undefined);
});

test('never excludes what a COPY names: such paths are kept and reported', () => {
  const root = tree({
    'Dockerfile': 'FROM nginx\nCOPY dist /usr/share/nginx/html\nCOPY .npmrc /root/.npmrc\n',
    'package.json': '{}',
    'dist/index.html': '<p>hi</p>',
    '.npmrc': '//registry.example/:_authToken=test-fixture\n',
    'node_modules/x/y.js': 'x',
  });
  const report = analyzeContext(root);
  assert.deepEqual(report.advice?.entries, ['node_modules']);
  assert.deepEqual(report.advice?.kept.sort(), ['.npmrc', 'dist']);
  const secret = report.findings.find((f) => f.ruleId === 'context/no-secret-files');
  assert.equal(secret?.severity, 'error', 'the COPY still puts the token in the image');
  assert.equal(secret?.fix, undefined);
});

test('the proposal leaves out patterns that remove nothing the others do not', () => {
  const root = tree({
    'Dockerfile': 'FROM node:20\nCOPY src ./src\n',
    'package.json': '{}',
    'src/index.js': 'x',
    '.cache/build/deploy_key.pem': '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
    '.cache/build/blob': 'b'.repeat(5000),
    'node_modules/dep/index.js': 'd',
    'packages/web/node_modules/dep/index.js': 'd',
  });
  const advice = analyzeContext(root).advice;
  // The key inside .cache and the top-level node_modules are already left out by `.cache` and `**/node_modules`.
  assert.deepEqual(advice?.entries, ['.cache', '**/node_modules']);
  assert.deepEqual(advice?.removes.sort(), ['.cache', '.cache/build/deploy_key.pem', 'node_modules', 'packages/web/node_modules']);
  assert.equal(advice?.after.files, 4, "Dockerfile, package.json, src/index.js and the new .dockerignore");
});
