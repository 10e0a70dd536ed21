// `shipshape lint` with ShellCheck on PATH, as a hadolint user runs it: SC findings at their Dockerfile lines,
// the config's severities and `off`, `# hadolint ignore=SCxxxx`, `disable-ignore-pragma`, and one line on stderr
// when ShellCheck is not there.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Finding } from '../src/core/finding.js';
import { runCli } from './support/cli.js';
import { withTempDir } from './support/tar-analyze.js';
import { requireTools } from './support/tools.js';

const DOCKERFILE = ['FROM debian:12', 'ARG NAME', 'RUN echo $FOO $NAME && cd /tmp', '# hadolint ignore=SC2086', 'RUN echo $BAR', ''].join('\n');

async function lintJson(dir: string, env: NodeJS.ProcessEnv = {}): Promise<{ findings: Finding[]; stderr: string; code: number }> {
  const result = await runCli(['lint', 'Dockerfile', '--format', 'json'], { cwd: dir, env });
  return { findings: (JSON.parse(result.stdout) as { findings: Finding[] }).findings, stderr: result.stderr, code: result.code };
}

const shellcheckFindings = (findings: Finding[]): string[] =>
  findings.filter((f) => f.ruleId.startsWith('shellcheck/')).map((f) => `${f.ruleId} ${'line' in f.location ? `${f.location.line}:${f.location.column}` : ''} ${f.severity}`);

describe('lint runs ShellCheck on RUN scripts', { skip: requireTools(['shellcheck']) }, () => {
  test('findings at their Dockerfile positions; declared ARGs are set; a hadolint pragma suppresses; no fix is promised', async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
      const { findings, stderr } = await lintJson(dir);
      assert.deepEqual(shellcheckFindings(findings), ['shellcheck/SC2086 3:10 info', 'shellcheck/SC2164 3:24 warning']);
      assert.ok(findings.filter((f) => f.ruleId.startsWith('shellcheck/')).every((f) => f.fix === undefined && f.aliases?.[0] === f.ruleId.slice(11)));
      assert.ok(!findings.some((f) => f.ruleId === 'suppressions/unused'), 'the SC2086 pragma is used');
      assert.equal(stderr, '');
    });
  });

  test('the config turns a code off or changes its severity; disable-ignore-pragma ignores the pragma', async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
      writeFileSync(join(dir, '.hadolint.yaml'), 'ignored: [SC2164]\noverride:\n  error: [SC2086]\ndisable-ignore-pragma: true\n');
      const { findings, code } = await lintJson(dir);
      assert.deepEqual(shellcheckFindings(findings), ['shellcheck/SC2086 3:10 error', 'shellcheck/SC2086 5:10 error']);
      assert.equal(code, 1);
    });
  });
});

test('without ShellCheck on PATH: one line on stderr, and the rules still run', async () => {
  await withTempDir(async (dir) => {
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
    // A PATH with node alone: the CLI's own process needs nothing else.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const { findings, stderr } = await lintJson(dir, { PATH: bin });
    assert.deepEqual(shellcheckFindings(findings), []);
    assert.ok(findings.some((f) => f.ruleId === 'dockerfile/no-root-user'));
    assert.equal(stderr, 'ShellCheck was skipped: no shellcheck on PATH (RUN scripts were not checked)\n');
  });
});
