// hadolint's configuration as a hadolint user's repository has it: `.hadolint.yaml`, `HADOLINT_*` variables and
// command-line flags, in hadolint's order (command line, then file, then environment).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseXml } from './support/xml.js';
import { runCli } from './support/cli.js';

// A warning (DL4000 is info; `apt-get install` without -y is a warning) and an info.
const DOCKERFILE = 'FROM debian:12.5\nMAINTAINER ada\nRUN apt-get install curl && rm -rf /var/lib/apt/lists/*\nUSER 1000\n';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-hadolint-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const isolated = (dir: string, env: Record<string, string> = {}) => ({ cwd: dir, env: { HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), ...env } });

test('format, failure-threshold and ignored from .hadolint.yaml', async () => {
  const dir = project({ Dockerfile: DOCKERFILE, '.hadolint.yaml': 'format: checkstyle\nfailure-threshold: warning\nignored: [DL4000]\n' });
  const result = await runCli(['lint'], isolated(dir));
  const sources = parseXml(result.stdout).children[0]!.children.map((error) => error.attributes.source);
  assert.ok(sources.includes('dockerfile/use-apt-get-yes'), result.stdout);
  assert.ok(!sources.includes('dockerfile/no-maintainer'));
  assert.equal(result.code, 1, 'a warning meets failure-threshold: warning');
});

test('the command line wins over the file, the file over the environment', async () => {
  const dir = project({ Dockerfile: DOCKERFILE, '.hadolint.yaml': 'failure-threshold: error\nformat: gnu\n' });
  const fromFile = await runCli(['lint'], isolated(dir, { HADOLINT_FAILURE_THRESHOLD: 'info', HADOLINT_FORMAT: 'json' }));
  assert.equal(fromFile.code, 0, 'the file says error, over the environment’s info');
  assert.match(fromFile.stdout, /^Dockerfile:3:\d+: warning: .*\[dockerfile\/use-apt-get-yes\]$/m);
  const fromFlags = await runCli(['lint', '--fail-on', 'info', '--format', 'json'], isolated(dir, { HADOLINT_FAILURE_THRESHOLD: 'error' }));
  assert.equal(fromFlags.code, 1);
  assert.equal(JSON.parse(fromFlags.stdout).tool.name, 'shipshape');
});

test('the environment alone: HADOLINT_NOFAIL, HADOLINT_IGNORE, HADOLINT_VERBOSE', async () => {
  const dir = project({ Dockerfile: DOCKERFILE });
  const failing = await runCli(['lint', '--format', 'json', '--fail-on', 'warning'], isolated(dir));
  assert.equal(failing.code, 1);
  const noFail = await runCli(['lint', '--format', 'json'], isolated(dir, { HADOLINT_NOFAIL: 'true', HADOLINT_FAILURE_THRESHOLD: 'info' }));
  assert.equal(noFail.code, 0);
  const ignored = await runCli(['lint', '--format', 'json'], isolated(dir, { HADOLINT_IGNORE: 'DL3014,DL4000', HADOLINT_VERBOSE: '1' }));
  const ids = (JSON.parse(ignored.stdout) as { findings: { ruleId: string }[] }).findings.map((finding) => finding.ruleId);
  assert.ok(!ids.includes('dockerfile/use-apt-get-yes') && !ids.includes('dockerfile/no-maintainer'), ids.join());
  assert.equal(ignored.stderr, 'shipshape: configuration: none (defaults and environment)\n');
});

test("hadolint's per-user config is read when the project has none", async () => {
  const dir = project({ Dockerfile: DOCKERFILE });
  const home = project({ '.hadolint.yaml': 'ignored: [DL3014]\nformat: gnu\n' });
  const result = await runCli(['lint'], { cwd: dir, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
  assert.doesNotMatch(result.stdout, /use-apt-get-yes/);
  assert.match(result.stdout, /no-maintainer\]$/m);
});

test('a ShellCheck code in ignored is accepted, and a bad value is one line naming the file', async () => {
  const dir = project({ Dockerfile: DOCKERFILE, '.hadolint.yaml': 'ignored: [SC2086, DL3014]\n' });
  assert.equal((await runCli(['lint', '--format', 'json'], isolated(dir))).stderr, '');
  const bad = project({ Dockerfile: DOCKERFILE, '.hadolint.yaml': 'failure-threshold: loud\n' });
  const result = await runCli(['lint'], isolated(bad));
  assert.equal(result.code, 2);
  assert.match(result.stderr, /^shipshape: .*\.hadolint\.yaml:1: failure-threshold must be error, warning, info, style, ignore or none\n$/);
});
