import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeTree, removeTree } from '../test-support/tree.js';
import { testRule } from '../../../test/support/rule-tester.js';
import { noUnreadableFiles } from './no-unreadable-files.js';

testRule(noUnreadableFiles, { withoutInvalidExample: 'a file its owner cannot read is no text an example can hold; the test below reads one as another user' });

const roots: string[] = [];
after(() => roots.forEach(removeTree));

test('an entry the builder cannot read is an error naming it', (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root to switch to an unprivileged user');
    return;
  }
  const root = makeTree({ 'Dockerfile': 'FROM x\nCOPY . /app\n', 'private/': { dir: true, mode: 0o700 }, '.dockerignore': '.git\n' });
  roots.push(root);
  const analyze = fileURLToPath(new URL('../analyze.ts', import.meta.url));
  const script = `
    const { analyzeContext } = await import(${JSON.stringify(analyze)});
    process.setgid(65534); process.setuid(65534);
    console.log(JSON.stringify(analyzeContext(${JSON.stringify(root)}).findings));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const findings = (JSON.parse(child.stdout) as { ruleId: string; severity: string; location: unknown }[]).filter(
    (f) => f.ruleId === 'context/no-unreadable-files',
  );
  assert.deepEqual(findings.map((f) => [f.severity, f.location]), [['error', { file: `${root}/private` }]]);
});
