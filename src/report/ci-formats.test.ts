import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isImageLocation, type Finding } from '../core/finding.js';
import { makeReport, type Report } from '../core/report.js';
import { lint } from '../dockerfile/lint.js';
import { parseXml, type XmlElement } from '../../test/support/xml.js';
import { runCli } from '../../test/support/cli.js';
import { renderCheckstyle } from './checkstyle.js';
import { renderCodeClimate, renderGitlab, type CodeClimateIssue } from './codeclimate.js';
import { renderGnu } from './gnu.js';
import { renderJunit } from './junit.js';
import { xmlAttribute, xmlText } from './xml.js';

// Every character a hostile Dockerfile or image can put into a message: markup, quotes, line breaks, a
// terminal escape, NUL and other controls XML 1.0 forbids, a lone surrogate, and text outside the BMP.
const HOSTILE = 'a<b>&c "d" \'e\'\tf\ng\r\x1b[31mred\x00\x08\x0b\uFFFE\uD800 😀 end';
const HOSTILE_READ_BACK = 'a<b>&c "d" \'e\'\tf\ng\r\\u001b[31mred\\u0000\\u0008\\u000b\\ufffe\\ud800 😀 end';

const dockerfile = 'FROM alpine:3.20\nMAINTAINER Ada <ada@example.com>\nRUN cd /app\nUSER 65532\n';
const clean = 'FROM alpine:3.20@sha256:' + 'a'.repeat(64) + '\nUSER 65532\n';
const fileFindings = lint(dockerfile, { file: 'web/Dockerfile' }).findings;
const hostileFinding: Finding = {
  ruleId: 'dockerfile/no-maintainer',
  severity: 'error',
  message: HOSTILE,
  location: { file: 'web/Dockerfile', line: 2, column: 3, endLine: 2, endColumn: 9 },
};
const imageFinding: Finding = {
  ruleId: 'image/no-package-cache',
  severity: 'warning',
  message: 'apt lists left in the image',
  location: { image: 'docker-archive:app.tar', layer: 'sha256:4d2c', layerIndex: 4, path: '/var/lib/apt/lists', dockerfile: { file: 'web/Dockerfile', line: 3 } },
};
const looseImageFinding: Finding = {
  ruleId: 'image/no-setuid',
  severity: 'info',
  message: 'setuid file',
  location: { image: 'docker-archive:app.tar', path: '/usr/bin/su' },
};

function reportOf(findings: Finding[]): Report {
  return makeReport({ kind: 'check', ref: '.' }, findings, new Map([['web/Dockerfile', dockerfile], ['api/Dockerfile', clean]]));
}

const report = reportOf([...fileFindings, hostileFinding, imageFinding, looseImageFinding]);

function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

describe('xml escaping', () => {
  test('markup is escaped and forbidden characters become visible text that parses back', () => {
    const element = parseXml(`<r a="${xmlAttribute(HOSTILE)}">${xmlText(HOSTILE)}</r>`);
    assert.equal(element.text, HOSTILE_READ_BACK);
    // Tab and line breaks survive in attributes as character references.
    assert.equal(element.attributes.a, HOSTILE_READ_BACK);
  });

  test('the test parser is strict: it refuses what a real XML parser refuses', () => {
    assert.throws(() => parseXml('<r a="x & y"/>'), /bare '&'/);
    assert.throws(() => parseXml('<r>\x1b</r>'), /forbids/);
    assert.throws(() => parseXml('<r a="1" a="2"/>'), /duplicate/);
    assert.throws(() => parseXml('<r><s></r>'), /expected <\/s>/);
    assert.throws(() => parseXml('<r a="<"/>'), /'<'/);
    assert.throws(() => parseXml('<r/><r/>'), /after the root/);
  });
});

describe('checkstyle', () => {
  const root = parseXml(renderCheckstyle(report));

  test('one <file> per file read, clean ones too, and one per image without a Dockerfile line', () => {
    assert.equal(root.name, 'checkstyle');
    assert.equal(root.attributes.version, '4.3');
    const files = childrenNamed(root, 'file').map((file) => [file.attributes.name, file.children.length]);
    assert.deepEqual(files, [
      ['web/Dockerfile', fileFindings.length + 2],
      ['api/Dockerfile', 0],
      ['docker-archive:app.tar:/usr/bin/su', 1],
    ]);
  });

  test('each <error> carries line, column, severity, message and the rule id as source', () => {
    const errors = childrenNamed(childrenNamed(root, 'file')[0]!, 'error');
    const expected = report.findings
      .filter((finding) => finding !== looseImageFinding)
      .map((finding) => {
        const location = finding.location;
        const line = isImageLocation(location) ? location.dockerfile!.line : location.line;
        const column = isImageLocation(location) ? undefined : location.column;
        const message = finding === hostileFinding ? HOSTILE_READ_BACK : finding.message;
        return { line: String(line), ...(column ? { column: String(column) } : {}), severity: finding.severity, message, source: finding.ruleId };
      });
    assert.deepEqual(
      errors.map((error) => error.attributes),
      expected,
    );
    assert.ok(errors.some((error) => error.attributes.source === 'dockerfile/no-cd-in-run' && error.attributes.line === '3'));
  });
});

describe('junit', () => {
  const root = parseXml(renderJunit(report));

  test('testsuites count every testcase and failure; a clean file is one passing testcase', () => {
    assert.equal(root.name, 'testsuites');
    const suites = childrenNamed(root, 'testsuite');
    assert.deepEqual(
      suites.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures]),
      [
        ['web/Dockerfile', String(fileFindings.length + 2), String(fileFindings.length + 2)],
        ['api/Dockerfile', '1', '0'],
        ['docker-archive:app.tar:/usr/bin/su', '1', '1'],
      ],
    );
    assert.equal(root.attributes.tests, String(fileFindings.length + 2 + 1 + 1));
    assert.equal(root.attributes.failures, String(report.findings.length));
    const passing = childrenNamed(suites[1]!, 'testcase');
    assert.equal(passing.length, 1);
    assert.equal(childrenNamed(passing[0]!, 'failure').length, 0);
  });

  test('each failure names the rule, severity and message, and its text gives file and line', () => {
    const cases = childrenNamed(childrenNamed(root, 'testsuite')[0]!, 'testcase');
    const hostile = cases.find((testcase) => testcase.attributes.name === 'dockerfile/no-maintainer at web/Dockerfile:2:3')!;
    const failure = childrenNamed(hostile, 'failure')[0]!;
    assert.deepEqual(failure.attributes, { id: 'dockerfile/no-maintainer', type: 'error', message: HOSTILE_READ_BACK });
    assert.equal(failure.text, `File: web/Dockerfile\nLine: 2\nColumn: 3\nRule: dockerfile/no-maintainer\nerror: ${HOSTILE_READ_BACK}\n`);
    assert.equal(hostile.attributes.classname, 'web/Dockerfile');
  });
});

describe('gnu', () => {
  test('one line per finding: file:line:column: severity: message [rule], controls made visible', () => {
    const lines = renderGnu(report).split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, report.findings.length);
    for (const line of lines) assert.match(line, /: (error|warning|info): .* \[[a-z-]+\/[a-z-]+\]$/);
    assert.ok(lines.some((line) => /^web\/Dockerfile:3:\d+: info: .*\[dockerfile\/no-cd-in-run\]$/.test(line)));
    const hostile = lines.find((line) => line.startsWith('web/Dockerfile:2:3: error: '))!;
    assert.equal(hostile, `web/Dockerfile:2:3: error: a<b>&c "d" 'e'\\x09f\\x0ag\\x0d\\x1b[31mred\\x00\\x08\\x0b\uFFFE\uD800 😀 end [dockerfile/no-maintainer]`);
    assert.ok(lines.includes('web/Dockerfile:3: warning: apt lists left in the image [image/no-package-cache]'));
    assert.ok(lines.includes('docker-archive:app.tar:/usr/bin/su: info: setuid file [image/no-setuid]'));
  });
});

describe('codeclimate and gitlab', () => {
  const SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

  function assertIssueShape(issue: CodeClimateIssue): void {
    assert.equal(issue.type, 'issue');
    assert.equal(typeof issue.check_name, 'string');
    assert.equal(typeof issue.description, 'string');
    assert.ok(Array.isArray(issue.categories) && issue.categories.length > 0);
    assert.ok(SEVERITIES.includes(issue.severity), issue.severity);
    assert.match(issue.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(typeof issue.location.path, 'string');
  }

  test('codeclimate: the engine stream, each issue one JSON object followed by NUL', () => {
    const text = renderCodeClimate(report);
    assert.ok(text.endsWith('\0'));
    const issues = text.slice(0, -1).split('\0').map((chunk) => JSON.parse(chunk) as CodeClimateIssue);
    assert.equal(issues.length, report.findings.length);
    for (const issue of issues) assertIssueShape(issue);
    const hostile = issues.find((issue) => issue.description === HOSTILE)!;
    assert.deepEqual(hostile.location, { path: 'web/Dockerfile', positions: { begin: { line: 2, column: 3 }, end: { line: 2, column: 9 } } });
    assert.equal(hostile.severity, 'blocker');
  });

  test('gitlab: a JSON array with description, check_name, fingerprint, severity and location.lines.begin', () => {
    const issues = JSON.parse(renderGitlab(report)) as (CodeClimateIssue & { location: { path: string; lines: { begin: number; end: number } } })[];
    assert.equal(issues.length, report.findings.length);
    for (const issue of issues) {
      assertIssueShape(issue);
      assert.ok(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1);
    }
    const bySeverity = Object.fromEntries(issues.map((issue) => [issue.check_name, issue.severity]));
    assert.equal(bySeverity['image/no-package-cache'], 'major');
    assert.equal(bySeverity['image/no-setuid'], 'info');
    assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, issues.length, 'fingerprints are unique');
    assert.equal(renderGitlab(reportOf([])), '[]\n');
  });

  test('fingerprints stay when lines above move, and differ for two identical problems', () => {
    const shifted = `# a comment\n\n${dockerfile}`;
    const before = lint(dockerfile, { file: 'Dockerfile' }).findings;
    const after = lint(shifted, { file: 'Dockerfile' }).findings;
    const prints = (text: string, findings: Finding[]) =>
      (JSON.parse(renderGitlab(makeReport({ kind: 'dockerfile', ref: 'Dockerfile' }, findings, new Map([['Dockerfile', text]])))) as CodeClimateIssue[]).map(
        (issue) => issue.fingerprint,
      );
    assert.deepEqual(prints(shifted, after), prints(dockerfile, before));
    const twice = 'FROM alpine:3.20\nRUN cd /a\nRUN cd /a\nUSER 1\n';
    const twiceFindings = lint(twice, { file: 'Dockerfile' }).findings.filter((finding) => finding.ruleId === 'dockerfile/no-cd-in-run');
    assert.equal(twiceFindings.length, 2);
    const [first, second] = prints(twice, twiceFindings);
    assert.notEqual(first, second);
  });
});

describe('the CLI writes each format', () => {
  for (const [format, check] of [
    ['checkstyle', (out: string) => assert.equal(parseXml(out).name, 'checkstyle')],
    ['junit', (out: string) => assert.equal(parseXml(out).name, 'testsuites')],
    ['gnu', (out: string) => assert.match(out, /^<stdin>:3:\d+: info: .*\[dockerfile\/no-cd-in-run\]$/m)],
    ['gitlab', (out: string) => assert.ok((JSON.parse(out) as unknown[]).length > 0)],
    ['codeclimate', (out: string) => assert.ok(out.split('\0').length > 1)],
  ] as const) {
    test(format, async () => {
      const result = await runCli(['lint', '-', '--format', format], { stdin: dockerfile });
      assert.equal(result.stderr, '');
      assert.equal(result.code, 0);
      check(result.stdout);
    });
  }
});
