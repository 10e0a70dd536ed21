import { testRule } from '../../../test/support/rule-tester.js';
import { useJsonCmd } from './use-json-cmd.js';

testRule(useJsonCmd, {
  valid: [
    'FROM scratch as build\nENTRYPOINT ["foo", "bar"]\n',
    'FROM scratch as build\nCMD ["foo", "bar"]\nCMD [ "foo", "bar" ]\n',
    'HEALTHCHECK CMD foobar\n',
    'CMD [ "/bin/sh", "-c", \\\n      "echo foo && \\\n       echo bar" \\\n    ]\n',
    'FROM alpine:3.20 AS base\nSHELL ["pwsh", "-Command"]\nFROM base\nCMD run-it\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ping localhost\n',
    '# hadolint shell=powershell\nFROM alpine:3.20\nCMD Write-Host hi\n',
  ],
  invalid: [
    { code: 'FROM node as foo\nENTRYPOINT something\n', output: 'FROM node as foo\nENTRYPOINT ["something"]\n' },
    { code: 'FROM node as foo\nCMD something\n', output: 'FROM node as foo\nCMD ["something"]\n' },
    { code: 'FROM alpine:3.20\nCMD   nginx \\\n  -g daemon-off\n', output: 'FROM alpine:3.20\nCMD   ["nginx", "-g", "daemon-off"]\n', description: 'continuation lines join' },
    { code: 'FROM alpine:3.20\nCMD echo $HOME\n', output: 'FROM alpine:3.20\nCMD echo $HOME\n', description: 'a variable needs the shell' },
    { code: 'FROM alpine:3.20\nCMD cd /app && ./run\n', output: 'FROM alpine:3.20\nCMD cd /app && ./run\n' },
    { code: 'FROM alpine:3.20\nCMD FOO=1 app\n', output: 'FROM alpine:3.20\nCMD FOO=1 app\n', description: 'an assignment prefix needs the shell' },
    { code: 'FROM alpine:3.20\nCMD "quoted arg"\n', output: 'FROM alpine:3.20\nCMD "quoted arg"\n' },
    { code: 'FROM alpine:3.20 AS base\nENTRYPOINT app\nFROM base\nCMD ["--x"]\n', output: 'FROM alpine:3.20 AS base\nENTRYPOINT app\nFROM base\nCMD ["--x"]\n', description: 'a stage built on it may pass CMD' },
    { code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD run-it\n', output: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD ["run-it"]\n', description: 'a POSIX SHELL is still PID 1' },
    { code: 'FROM alpine:3.20\nONBUILD CMD run\n', output: 'FROM alpine:3.20\nONBUILD CMD run\n', messageTexts: ['CMD in shell form runs under `/bin/sh -c`: the shell is PID 1 and SIGTERM never reaches the program; use the JSON form'] },
    { code: 'FROM alpine:3.20\nCMD exec\n', output: 'FROM alpine:3.20\nCMD exec\n' },
  ],
});
