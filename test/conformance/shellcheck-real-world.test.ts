// ShellCheck on the 60 real-world Dockerfiles, checked against ShellCheck run directly the way hadolint runs
// it: each RUN's text as the builder joins it (continuation lines joined, comment and empty lines inside the
// instruction dropped), `#!<shell>` and `export NAME=1` for the ARG and ENV names of the stage above it.
// Every comment of that direct run must be in shellcheckDockerfiles' output, with its code, at the Dockerfile
// line and column the joined text came from. The extraction here is written apart from the module's (which
// reads the parser's offsets), so the two check each other.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDockerfile } from '../../src/dockerfile/parse/index.js';
import { HADOLINT_EXCLUSIONS, shellcheckDockerfiles } from '../../src/dockerfile/shellcheck/index.js';
import { realWorldDockerfiles } from './real-world.js';

const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
const PROXIES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];
const POSIX_DIALECTS: Record<string, string> = { sh: 'sh', bash: 'bash', dash: 'dash', ash: 'dash', ksh: 'ksh' };

interface ExtractedRun {
  file: string;
  /** The script's text, and for each character of it the Dockerfile line and column it came from. */
  text: string;
  origin: { line: number; column: number }[];
  dialect: string;
  names: Set<string>;
}

/** Splits a Dockerfile into RUN scripts the way the builder joins them; Windows files and other shells are left out. */
function extractRuns(file: string, dockerfileText: string): { runs: ExtractedRun[]; skipped: number } {
  const lines = dockerfileText.split('\n');
  const runs: ExtractedRun[] = [];
  let skipped = 0;
  if (/^#\s*escape\s*=\s*`/m.test(dockerfileText) || /^FROM\s+\S*(windows|nanoserver|servercore)/im.test(dockerfileText)) return { runs, skipped: 1 };
  const stageNames = new Map<string, { names: Set<string>; dialect: string | undefined }>();
  let names = new Set(PROXIES);
  let dialect: string | undefined = 'sh';
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!;
    const keyword = /^\s*([A-Za-z]+)(\s+|$)/.exec(first);
    if (!keyword || first.trim().startsWith('#')) continue;
    // The instruction's logical text, and where each character of it is in the file.
    let text = '';
    const origin: { line: number; column: number }[] = [];
    let lineIndex = i;
    let column = keyword[0].length;
    for (;;) {
      const raw = lines[lineIndex]!;
      const continued = raw.endsWith('\\');
      const body = continued ? raw.slice(0, -1) : raw;
      for (let c = column; c < body.length; c++) {
        text += body[c];
        origin.push({ line: lineIndex + 1, column: c + 1 });
      }
      if (!continued || lineIndex + 1 >= lines.length) break;
      lineIndex++;
      while (lineIndex < lines.length - 1 && (lines[lineIndex]!.trim() === '' || lines[lineIndex]!.trim().startsWith('#'))) lineIndex++;
      column = 0;
    }
    const instruction = keyword[1]!.toUpperCase();
    i = lineIndex;
    if (instruction === 'FROM') {
      const [image, as, alias] = text.trim().split(/\s+/).filter((word) => !word.startsWith('--'));
      const parent = stageNames.get((image ?? '').toLowerCase());
      names = parent ? new Set(parent.names) : new Set(PROXIES);
      dialect = parent ? parent.dialect : 'sh';
      if (as?.toLowerCase() === 'as' && alias) stageNames.set(alias.toLowerCase(), { get names() { return names; }, get dialect() { return dialect; } });
    } else if (instruction === 'ARG') {
      for (const word of text.trim().split(/\s+/)) names.add(word.split('=')[0]!);
    } else if (instruction === 'ENV') {
      const trimmed = text.trim();
      if (/^[\w.-]+=/.test(trimmed)) for (const match of trimmed.matchAll(/(?:^|\s)([\w.-]+)=/g)) names.add(match[1]!);
      else names.add(trimmed.split(/\s+/)[0]!);
    } else if (instruction === 'SHELL') {
      const program = (JSON.parse(text.trim()) as string[])[0] ?? '';
      dialect = POSIX_DIALECTS[program.split('/').pop()!];
    } else if (instruction === 'RUN') {
      let start = 0;
      while (/\s/.test(text[start] ?? '')) start++;
      for (let flag = /^--\S+\s+/.exec(text.slice(start)); flag; flag = /^--\S+\s+/.exec(text.slice(start))) start += flag[0].length;
      const script = text.slice(start);
      const heredoc = /^<<-?(['"]?)(\w+)\1\s*$/.exec(script.trim());
      if (script.includes('<<') && !heredoc) {
        skipped++;
        continue;
      }
      if (script.startsWith('[') || !dialect) {
        skipped++;
        continue;
      }
      if (heredoc) {
        // `RUN <<EOF`: the body is the script, its lines as they are.
        let end = i + 1;
        while (end < lines.length && lines[end]!.trim() !== heredoc[2]) end++;
        const bodyLines = lines.slice(i + 1, end);
        const bodyOrigin = bodyLines.flatMap((line, n) => [...`${line}\n`].map((_, c) => ({ line: i + 2 + n, column: c + 1 })));
        runs.push({ file, text: bodyLines.map((line) => `${line}\n`).join(''), origin: bodyOrigin, dialect, names: new Set(names) });
        i = end;
        continue;
      }
      runs.push({ file, text: script, origin: origin.slice(start), dialect, names: new Set(names) });
    }
  }
  return { runs, skipped };
}

test('every finding of ShellCheck run on the extracted RUN scripts is in the module output at its Dockerfile line', { skip: !hasShellcheck && process.env.CI !== 'true' ? 'shellcheck is not installed' : false }, () => {
  assert.ok(hasShellcheck, 'shellcheck must be installed in CI (.ci/run installs it)');
  const files = realWorldDockerfiles();
  assert.equal(files.length, 60);
  const extracted = files.map((file) => extractRuns(file.name, file.text));
  const runs = extracted.flatMap((entry) => entry.runs);
  const dir = mkdtempSync(join(tmpdir(), 'shellcheck-conformance-'));
  const expected: { file: string; code: string; line: number; column: number; message: string }[] = [];
  try {
    const paths = runs.map((run, i) => {
      const path = join(dir, `${i}.sh`);
      const header = [`#!/bin/${run.dialect}`, ...[...run.names].filter((name) => /^[A-Za-z_]\w*$/.test(name)).sort().map((name) => `export ${name}=1`)];
      writeFileSync(path, `${header.join('\n')}\n${run.text}`);
      return { path, run, headerLines: header.length };
    });
    const exclude = HADOLINT_EXCLUSIONS.map((code) => code.slice(2)).join(',');
    const direct = spawnSync('shellcheck', ['--norc', '-f', 'json1', '-S', 'style', '-e', exclude, ...paths.map((entry) => entry.path)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.ok(direct.status === 0 || direct.status === 1, direct.stderr);
    const byPath = new Map(paths.map((entry) => [entry.path, entry]));
    for (const comment of (JSON.parse(direct.stdout) as { comments: { file: string; line: number; column: number; code: number; message: string }[] }).comments) {
      const entry = byPath.get(comment.file)!;
      const lineStarts = [0];
      for (let c = 0; c < entry.run.text.length; c++) if (entry.run.text[c] === '\n') lineStarts.push(c + 1);
      const offset = lineStarts[comment.line - entry.headerLines - 1]! + comment.column - 1;
      const origin = entry.run.origin[Math.min(offset, entry.run.origin.length - 1)]!;
      expected.push({ file: entry.run.file, code: `SC${comment.code}`, line: origin.line, column: origin.column, message: comment.message });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const start = performance.now();
  const results = shellcheckDockerfiles(files.map((file) => parseDockerfile(file.text, file.name)));
  const elapsed = performance.now() - start;
  const actual = new Set(
    results.flatMap((result) =>
      result.findings.map((finding) => {
        const location = finding.location as { file: string; line: number; column: number };
        return `${location.file}:${location.line}:${location.column} ${finding.aliases![0]}`;
      }),
    ),
  );
  const missing = expected.filter((finding) => !actual.has(`${finding.file}:${finding.line}:${finding.column} ${finding.code}`));
  const skippedRuns = extracted.reduce((sum, entry) => sum + entry.skipped, 0);
  console.log(`${runs.length} RUN scripts (${skippedRuns} skipped), ${expected.length} ShellCheck comments; module: ${actual.size} findings in ${elapsed.toFixed(0)} ms, one process`);
  assert.ok(runs.length > 200, `${runs.length} RUN scripts`);
  assert.ok(expected.length > 50, `${expected.length} comments`);
  assert.deepEqual(missing.slice(0, 10), []);
  for (const result of results) assert.equal(result.skipped, undefined);
});
