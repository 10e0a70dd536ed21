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
    { code: 'WORKDIR relative/dir\n' },
    { code: "WORKDIR 'relative/dir'\n", messageTexts: ['WORKDIR `relative/dir` is relative to whatever the working directory is (the base image decides): use an absolute path'] },
    { code: 'WORKDIR "relative/dir"\n' },
    { code: 'FROM alpine:3.20\nWORKDIR src\nWORKDIR /app\nWORKDIR lib\n', lines: [2], description: 'only before an absolute WORKDIR' },
    { code: 'FROM alpine:3.20\nWORKDIR /app\nFROM alpine:3.20\nWORKDIR app\n', lines: [4], description: 'a new stage starts from the base image' },
  ],
});
