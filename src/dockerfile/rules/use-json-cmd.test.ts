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
    { code: 'FROM node as foo\nENTRYPOINT something\n', output: 'FROM node as foo\nENTRYPOINT ["something"]\n', findings: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 21 }] },
    { code: 'FROM node as foo\nCMD something\n', output: 'FROM node as foo\nCMD ["something"]\n', findings: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 14 }] },
    { code: 'FROM alpine:3.20\nCMD   nginx \\\n  -g daemon-off\n', output: 'FROM alpine:3.20\nCMD   ["nginx", "-g", "daemon-off"]\n', description: 'continuation lines join', findings: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 3, endColumn: 16 }] },
    { code: 'FROM alpine:3.20\nCMD echo $HOME\n', description: 'a variable needs the shell', noFix: 'a variable needs the shell to expand', findings: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 15 }] },
    { code: 'FROM alpine:3.20\nCMD cd /app && ./run\n', noFix: 'the command is a shell script (cd, &&): exec form would not run it', findings: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 21 }] },
    { code: 'FROM alpine:3.20\nCMD FOO=1 app\n', description: 'an assignment prefix needs the shell', noFix: 'an assignment prefix needs the shell', findings: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 14 }] },
    { code: 'FROM alpine:3.20\nCMD "quoted arg"\n', noFix: 'shell quoting would have to be re-read as exec-form arguments, which the fix does not guess', findings: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 17 }] },
    { code: 'FROM alpine:3.20 AS base\nENTRYPOINT app\nFROM base\nCMD ["--x"]\n', description: 'a stage built on it may pass CMD', noFix: 'a stage built on it passes CMD as arguments to this ENTRYPOINT', findings: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 15 }] },
    { code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD run-it\n', output: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD ["run-it"]\n', description: 'a POSIX SHELL is still PID 1', findings: [{ messageId: 'shellForm', line: 3, column: 1, endLine: 3, endColumn: 11 }] },
    { code: 'FROM alpine:3.20\nONBUILD CMD run\n', noFix: 'an ONBUILD trigger is left as written: it runs in another build', findings: [{ messageId: 'shellForm', message: 'CMD in shell form runs under `/bin/sh -c`: the shell is PID 1 and SIGTERM never reaches the program; use the JSON form', line: 2, column: 9, endLine: 2, endColumn: 16 }] },
    { code: 'FROM alpine:3.20\nCMD exec\n', noFix: '`exec` alone is a shell builtin, with no program to name in exec form', findings: [{ messageId: 'shellForm', line: 2, column: 1, endLine: 2, endColumn: 9 }] },
  ],
});
