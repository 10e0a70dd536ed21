import { testRule } from '../../../test/support/rule-tester.js';
import { noSudo } from './no-sudo.js';

testRule(noSudo, {
  valid: ['FROM debian:12\nRUN apt-get install -y sudo\n', 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app\n'],
  invalid: [
    { description: 'one report per command', code: 'FROM debian:12\nRUN sudo apt-get update && sudo -E apt-get install -y curl\n', findings: [{ messageId: 'sudo', line: 2, column: 5, endLine: 2, endColumn: 9 }, { messageId: 'sudo', line: 2, column: 28, endLine: 2, endColumn: 32 }] },
    { description: 'through env and in sh -c', code: "FROM debian:12\nRUN env X=1 sudo -u app sh -c 'id'\n", findings: [{ messageId: 'sudo', line: 2, column: 13, endLine: 2, endColumn: 17 }] },
    { description: 'sudo alone', code: 'FROM debian:12\nRUN sudo -l\n', findings: [{ messageId: 'sudo', line: 2, column: 5, endLine: 2, endColumn: 9 }] },
    { description: 'doas', code: 'FROM alpine:3.20\nRUN doas apk add curl\n', findings: [{ messageId: 'sudo', message: '`doas` in RUN: RUN runs as root already (use `USER root` for this step if needed)', line: 2, column: 5, endLine: 2, endColumn: 9 }] },
  ],
});
