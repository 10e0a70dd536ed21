import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { FileLocation, Finding } from '../../core/finding.js';
import { applyFixes } from '../../core/fix.js';
import { parseDockerfile } from '../parse/index.js';
import { shellcheckDockerfile, shellcheckDockerfiles, shellcheckRuleId, shellcheckRuleMeta } from './index.js';

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
const needsShellcheck = { skip: !hasShellcheck && process.env.CI !== 'true' ? 'shellcheck is not installed' : false };

function check(text: string): Finding[] {
  assert.ok(hasShellcheck, 'shellcheck must be installed in CI (.ci/run installs it)');
  const result = shellcheckDockerfile(parseDockerfile(text));
  assert.equal(result.skipped, undefined);
  return result.findings;
}

/** `line:column code` of each finding, sorted. */
function places(findings: Finding[]): string[] {
  return findings
    .map((finding) => {
      const location = finding.location as FileLocation;
      return `${location.line}:${location.column} ${finding.aliases![0]}`;
    })
    .sort();
}

describe('shellcheckDockerfile', needsShellcheck, () => {
  test('maps findings through continuations and the comment lines the builder drops', () => {
    const text = 'FROM debian:12\nRUN apt-get update && \\\n    # why\n    ls `pwd` && \\\n\n    echo $lower\n';
    const findings = check(text);
    assert.deepEqual(places(findings), ['4:8 SC2006', '4:8 SC2046', '6:10 SC2154', '6:10 SC2086'].sort());
    const undefinedVar = findings.find((finding) => finding.ruleId === 'shellcheck/SC2154')!;
    assert.deepEqual(undefinedVar.location, { file: 'Dockerfile', line: 6, column: 10, endLine: 6, endColumn: 16 });
    assert.equal(undefinedVar.severity, 'warning');
    assert.equal(undefinedVar.message, 'lower is referenced but not assigned.');
    // ShellCheck's style level is shipshape's info.
    assert.equal(findings.find((finding) => finding.ruleId === 'shellcheck/SC2006')!.severity, 'info');
  });

  // A stage built on another inherits its ENV, not its ARGs (as the builder does; hadolint carries the ARGs over too).
  test('ARG and ENV names in scope count as set (and their values as safe words), as hadolint declares them', () => {
    const text = 'FROM alpine:3.20 AS base\nARG version\nENV home_dir=/x\nRUN echo $version $home_dir $http_proxy $later\nARG later\nFROM base\nRUN echo $home_dir $version\n';
    assert.deepEqual(places(check(text)), ['4:41 SC2154', '4:41 SC2086', '7:20 SC2154', '7:20 SC2086'].sort());
  });

  test('heredoc scripts are checked at their own lines; a heredoc of another interpreter is not', () => {
    const text = 'FROM debian:12\nRUN <<EOF\nset -e\necho $x\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint($y)\nEOF\n';
    assert.deepEqual(places(check(text)), ['4:6 SC2086', '4:6 SC2154']);
  });

  test("the stage's shell is the dialect: bash-only syntax passes in bash and is reported in sh", () => {
    const bash = 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN if [[ -n "$HOME" ]]; then echo ok; fi\n';
    assert.deepEqual(check(bash), []);
    const sh = 'FROM debian:12\nRUN if [[ -n "$HOME" ]]; then echo ok; fi\n';
    assert.deepEqual(places(check(sh)), ['2:8 SC3010']);
    const pragma = '# hadolint shell=bash\nFROM debian:12\nRUN if [[ -n "$HOME" ]]; then echo ok; fi\n';
    assert.deepEqual(check(pragma), []);
  });

  test('no check for PowerShell, cmd, Windows bases, exec form or zsh', () => {
    const text = [
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'RUN echo %PATH% $a',
      'FROM debian:12',
      'SHELL ["pwsh", "-Command"]',
      'RUN Write-Host $a',
      'FROM debian:12',
      'SHELL ["/bin/zsh", "-c"]',
      'RUN echo $a',
      'FROM debian:12',
      'RUN ["sh", "-c", "echo $a"]',
      '',
    ].join('\n');
    assert.deepEqual(check(text), []);
  });

  test("hadolint's exclusions: a sourced file ShellCheck cannot follow is no finding", () => {
    assert.deepEqual(check('FROM debian:12\nRUN . /etc/os-release && echo "$ID"\n'), []);
  });

  test('ONBUILD RUN is checked too', () => {
    assert.deepEqual(places(check('FROM debian:12\nONBUILD RUN echo $x\n')), ['2:18 SC2086', '2:18 SC2154']);
  });

  test('findings carry the SC alias and ShellCheck’s fix as an unsafe fix that applies to the Dockerfile', () => {
    const text = 'FROM debian:12\nARG dir\nRUN ls $dir/a \\\n    $dir/b\n';
    const findings = check('FROM debian:12\nRUN x=$(pwd); ls \\\n    $x\n');
    const quote = findings.find((finding) => finding.ruleId === 'shellcheck/SC2086')!;
    assert.deepEqual(quote.aliases, ['SC2086']);
    assert.equal(quote.fix?.kind, 'unsafe');
    assert.equal(applyFixes('FROM debian:12\nRUN x=$(pwd); ls \\\n    $x\n', [quote.fix!]).text, 'FROM debian:12\nRUN x=$(pwd); ls \\\n    "$x"\n');
    assert.deepEqual(check(text), [], 'a declared ARG holds a value without spaces');
  });

  test('one result per Dockerfile, in order, from one run', () => {
    const results = shellcheckDockerfiles([
      parseDockerfile('FROM debian:12\nRUN echo $a\n', 'a/Dockerfile'),
      parseDockerfile('FROM debian:12\nRUN echo "$HOME"\n', 'b/Dockerfile'),
      parseDockerfile('FROM debian:12\nCOPY . .\n\nRUN echo $c\n', 'c/Dockerfile'),
    ]);
    assert.deepEqual(
      results.map((result) => result.findings.map((finding) => `${(finding.location as FileLocation).file}:${(finding.location as FileLocation).line}`)),
      [['a/Dockerfile:2', 'a/Dockerfile:2'], [], ['c/Dockerfile:4', 'c/Dockerfile:4']],
    );
  });
});

test('without ShellCheck: no findings, and one line saying it was skipped', () => {
  const result = shellcheckDockerfile(parseDockerfile('FROM debian:12\nRUN echo $a\n'), { command: 'shipshape-no-such-shellcheck' });
  assert.deepEqual(result, {
    findings: [],
    skipped: 'ShellCheck was skipped: no shipshape-no-such-shellcheck on PATH (RUN scripts were not checked)',
  });
  // Nothing to check: no process, nothing skipped.
  assert.deepEqual(shellcheckDockerfile(parseDockerfile('FROM debian:12\nCOPY . .\n'), { command: 'shipshape-no-such-shellcheck' }), { findings: [] });
});

test('a program that is no working ShellCheck: skipped, with the reason', () => {
  const dockerfile = parseDockerfile('FROM debian:12\nRUN echo $a\n');
  assert.match(shellcheckDockerfile(dockerfile, { command: 'sh' }).skipped!, /^ShellCheck was skipped: sh exited with 2: .*\(RUN scripts were not checked\)$/);
  assert.equal(shellcheckDockerfile(dockerfile, { command: 'false' }).skipped, 'ShellCheck was skipped: false wrote no json1 report (RUN scripts were not checked)');
});

test('ShellCheck codes name shellcheck rules', () => {
  assert.deepEqual(shellcheckRuleMeta('SC2086')?.aliases, ['SC2086']);
  assert.equal(shellcheckRuleMeta('SC2086')?.id, 'shellcheck/SC2086');
  assert.equal(shellcheckRuleMeta('DL3008'), undefined);
  assert.equal(shellcheckRuleId('SC2086'), 'shellcheck/SC2086');
  assert.equal(shellcheckRuleId('shellcheck/SC1091'), 'shellcheck/SC1091');
  assert.equal(shellcheckRuleId('DL3008'), undefined);
  assert.equal(shellcheckRuleId('SC20'), undefined);
});

test('a ShellCheck that runs past its limit is stopped, and lint goes on without it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slow-shellcheck-'));
  try {
    const slow = join(dir, 'shellcheck');
    writeFileSync(slow, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(slow, 0o755);
    const result = shellcheckDockerfile(parseDockerfile('FROM debian:12\nRUN echo $a\n'), { command: slow, timeoutMs: 300 });
    assert.deepEqual(result, { findings: [], skipped: `ShellCheck was skipped: ${slow} ran past its limit of 0.3 s (RUN scripts were not checked)` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
