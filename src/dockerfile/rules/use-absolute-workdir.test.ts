import { testRule } from '../../../test/support/rule-tester.js';
import { useAbsoluteWorkdir } from './use-absolute-workdir.js';

testRule(useAbsoluteWorkdir, {
  valid: [
    'WORKDIR /usr/local\n',
    'WORKDIR ${work}\n',
    "WORKDIR '/usr/local'\n",
    'WORKDIR "/usr/local"\n',
    'WORKDIR "${dir}"\n',
    "WORKDIR 'C:\\'\n",
    'WORKDIR "C:\\"\n',
    'WORKDIR C:/\n',
    'WORKDIR "C:/"\n',
    'FROM alpine:3.20 AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\n',
    'FROM alpine:3.20\nENV HOME=/home/app\nWORKDIR $HOME/src\n',
  ],
  invalid: [
    { code: 'WORKDIR relative/dir\n', findings: [{ messageId: 'relative', line: 1, column: 9, endLine: 1, endColumn: 21 }] },
    { code: "WORKDIR 'relative/dir'\n", findings: [{ messageId: 'relative', message: 'WORKDIR `relative/dir` is relative to whatever the working directory is (the base image decides): use an absolute path', line: 1, column: 9, endLine: 1, endColumn: 23 }] },
    { code: 'WORKDIR "relative/dir"\n', findings: [{ messageId: 'relative', line: 1, column: 9, endLine: 1, endColumn: 23 }] },
    { code: 'FROM alpine:3.20\nWORKDIR src\nWORKDIR /app\nWORKDIR lib\n', description: 'only before an absolute WORKDIR', findings: [{ messageId: 'relative', line: 2, column: 9, endLine: 2, endColumn: 12 }] },
    { code: 'FROM alpine:3.20\nWORKDIR /app\nFROM alpine:3.20\nWORKDIR app\n', description: 'a new stage starts from the base image', findings: [{ messageId: 'relative', line: 4, column: 9, endLine: 4, endColumn: 12 }] },
  ],
});
