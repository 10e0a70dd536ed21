import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { analyzeContext } from '../analyze.js';
import { makeTree, removeTree } from '../test-support/tree.js';
import { testRule } from '../../../test/support/rule-tester.js';
import { noVcsDir } from './no-vcs-dir.js';

testRule(noVcsDir);

const roots: string[] = [];
after(() => roots.forEach(removeTree));

test('.git in the context costs its bytes; the fix excludes it and is safe', () => {
  const root = makeTree({
    'Dockerfile': 'FROM x\nCOPY . /app\n',
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/objects/aa/bb': 'o'.repeat(300),
    'vendor/lib/.git': 'gitdir: ../../.git/modules/lib\n',
    'app.js': '1',
    '.dockerignore': '# mine\n*.log\n',
  });
  roots.push(root);
  const findings = analyzeContext(root).findings.filter((f) => f.ruleId === 'context/no-vcs-dir');
  assert.deepEqual(findings.map((f) => [f.location, f.cost?.bytes]), [
    [{ file: `${root}/.git` }, 321],
    [{ file: `${root}/vendor/lib/.git` }, 31],
  ]);
  assert.match(findings[0].message, /COPY at line 2 puts it in the image/);
  assert.equal(findings[0].fix?.kind, 'safe');
  assert.equal(findings[0].fix?.file, `${root}/.dockerignore`);
});
