import { testRule } from '../../../test/support/rule-tester.js';
import { useAptGetYes } from './use-apt-get-yes.js';

testRule(useAptGetYes, {
  valid: [
    'FROM debian:12\nRUN apt-get -y install curl\n',
    'FROM debian:12\nRUN apt-get --assume-yes install curl\n',
    'FROM debian:12\nRUN apt-get install --yes curl\n',
    'FROM debian:12\nRUN apt-get install -q -q curl\n',
    'FROM debian:12\nRUN apt-get install -q=2 curl\n',
    'FROM debian:12\nRUN apt-get install --quiet --quiet curl\n',
    'FROM debian:12\nRUN apt-get install -o APT::Get::Assume-Yes=true curl\n',
    'FROM debian:12\nRUN yes | apt-get install curl\n',
    'FROM debian:12\nRUN apt-get update\n',
    'FROM debian:12\nRUN apt-get install -yq curl\n',
    {
      description: 'Assume-Yes configured in an earlier RUN of the stage chain',
      code: 'FROM debian:12 AS base\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nFROM base\nRUN apt-get install curl\n',
    },
  ],
  invalid: [
    { description: 'quiet level 1 is not enough', code: 'FROM debian:12\nRUN apt-get install -q curl\n', output: 'FROM debian:12\nRUN apt-get install -y -q curl\n', findings: [{ messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 28 }] },
    { description: 'remove prompts too', code: 'FROM debian:12\nRUN apt-get purge --auto-remove gcc\n', output: 'FROM debian:12\nRUN apt-get purge -y --auto-remove gcc\n', findings: [{ messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 36 }] },
    { description: 'apt and sudo', code: 'FROM debian:12\nRUN sudo apt install curl\n', output: 'FROM debian:12\nRUN sudo apt install -y curl\n', findings: [{ messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 26 }] },
    {
      description: 'each command is reported',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install curl && apt-get upgrade\n',
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get upgrade -y\n',
      findings: [
        { messageId: 'missing', line: 2, column: 23, endLine: 2, endColumn: 43 },
        { messageId: 'missing', line: 2, column: 47, endLine: 2, endColumn: 62 },
      ],
    },
    {
      description: 'a setting in an unrelated stage does not count',
      code: 'FROM debian:12 AS a\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nFROM debian:12\nRUN apt-get install curl\n',
      output: 'FROM debian:12 AS a\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nFROM debian:12\nRUN apt-get install -y curl\n',
      findings: [{ messageId: 'missing', line: 4, column: 5, endLine: 4, endColumn: 25 }],
    },
  ],
});
