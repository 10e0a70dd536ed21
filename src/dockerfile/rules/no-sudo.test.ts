import { testRule } from '../../../test/support/rule-tester.js';
import { noSudo } from './no-sudo.js';

testRule(noSudo, {
  valid: ['FROM debian:12\nRUN apt-get install -y sudo\n', 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app\n'],
  invalid: [
    { description: 'one report per command', code: 'FROM debian:12\nRUN sudo apt-get update && sudo -E apt-get install -y curl\n', messages: 2 },
    { description: 'through env and in sh -c', code: "FROM debian:12\nRUN env X=1 sudo -u app sh -c 'id'\n", messages: 1 },
    { description: 'sudo alone', code: 'FROM debian:12\nRUN sudo -l\n', messages: 1 },
    { description: 'doas', code: 'FROM alpine:3.20\nRUN doas apk add curl\n', messageTexts: ['`doas` in RUN: RUN runs as root already (use `USER root` for this step if needed)'] },
  ],
});
