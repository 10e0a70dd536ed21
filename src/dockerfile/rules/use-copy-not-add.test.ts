import { testRule } from '../../../test/support/rule-tester.js';
import { useCopyNotAdd } from './use-copy-not-add.js';

testRule(useCopyNotAdd, {
  valid: [
    'ADD file.tar /usr/src/app/\n',
    'ADD file.gz /usr/src/app/\n',
    'ADD file.bz2 /usr/src/app/\n',
    'ADD file.xz /usr/src/app/\n',
    'ADD file.tgz /usr/src/app/\n',
    'ADD "file.tgz" /usr/src/app/\n',
    'ADD http://file.com /usr/src/app/\n',
    'ADD "http://file.com" /usr/src/app/\n',
    'ADD git@github.com:moby/buildkit.git /src\n',
    'FROM alpine:3.20\nADD --keep-git-dir https://github.com/moby/buildkit.git#v0.13 /src\n',
    'FROM alpine:3.20\nARG ARCHIVE=rootfs.tar.zst\nADD $ARCHIVE /\n',
    'FROM alpine:3.20\nARG SRC\nADD $SRC /dst\n',
    'FROM alpine:3.20\nADD a.txt b.tar.gz /dst/\n',
  ],
  invalid: [
    { code: 'ADD file /usr/src/app/\n', output: 'COPY file /usr/src/app/\n', findings: [{ messageId: 'useCopy', line: 1, column: 1, endLine: 1, endColumn: 4 }] },
    { code: 'ADD "file.zip" /usr/src/app/\n', output: 'COPY "file.zip" /usr/src/app/\n', findings: [{ messageId: 'useCopy', line: 1, column: 1, endLine: 1, endColumn: 4 }] },
    { code: 'FROM alpine:3.20\nAdd --link --chmod=755 run.sh /usr/local/bin/\n', output: 'FROM alpine:3.20\nCOPY --link --chmod=755 run.sh /usr/local/bin/\n', findings: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4 }] },
    { code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n', output: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n', findings: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4 }] },
    { code: 'FROM alpine:3.20\nONBUILD ADD . /app\n', output: 'FROM alpine:3.20\nONBUILD COPY . /app\n', findings: [{ messageId: 'useCopy', line: 2, column: 9, endLine: 2, endColumn: 12 }] },
  ],
});
