import { testRule } from '../../../test/support/rule-tester.js';
import { cleanAptLists } from './clean-apt-lists.js';

testRule(cleanAptLists, {
  valid: [
    { description: 'apt-get distclean removes the lists', code: 'FROM debian:13\nRUN apt-get update && apt-get install -y curl && apt-get distclean\n' },
    { description: 'find … -delete', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && find /var/lib/apt/lists -type f -delete\n' },
    { description: 'a mount on /var/lib/apt holds the lists', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n' },
    { description: 'the stage is not shipped', code: 'FROM debian:12 AS deps\nRUN apt-get update && apt-get install -y gcc\nFROM scratch\nCOPY --from=deps /x /x\n' },
    { description: 'exec form is not read', code: 'FROM debian:12\nRUN ["apt-get", "update"]\n' },
    {
      description: 'docker-clean removed, but /var/cache/apt is a cache mount',
      code:
        'FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n' +
        'RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n',
    },
  ],
  invalid: [
    {
      description: 'trailing `&&` style',
      code: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n',
      output: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl && \\\n    rm -rf /var/lib/apt/lists/*\n',
      findings: [{ messageId: 'lists', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      description: '`;` style with set -e',
      code: 'FROM debian:12\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y curl\n',
      output: 'FROM debian:12\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y curl; \\\n\trm -rf /var/lib/apt/lists/*\n',
      findings: [{ messageId: 'lists', line: 3, column: 2, endLine: 3, endColumn: 16 }],
    },
    {
      description: 'a trailing comment stays on the last line',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl # tools\n',
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* # tools\n',
      findings: [{ messageId: 'lists', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      description: 'a heredoc script that sets -e gets a new line',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n',
      output: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
      findings: [{ messageId: 'lists', line: 4, column: 1, endLine: 4, endColumn: 15 }],
    },
    {
      description: 'a heredoc script without -e chains the removal to the last command',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl && rm -rf /var/lib/apt/lists/*\nEOF\n',
      findings: [{ messageId: 'lists', line: 3, column: 1, endLine: 3, endColumn: 15 }],
    },
    {
      description: 'a lone update is reported without a fix (removing the lists would break the next install)',
      code: 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n',
      noFix: 'removing the lists after a lone update would break the install in the next RUN',
      findings: [{ messageId: 'lists', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      description: 'removing the lists before the update does not count',
      code: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl\n',
      output: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
      findings: [{ messageId: 'lists', line: 2, column: 36, endLine: 2, endColumn: 50 }],
    },
    {
      description: 'apt-get clean keeps the lists',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get clean\n',
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists/*\n',
      findings: [{ messageId: 'lists', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      description: 'a stage the final one is built on ships its layers',
      code: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nCMD ["curl"]\n',
      output: 'FROM debian:12 AS base\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["curl"]\n',
      findings: [{ messageId: 'lists', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      description: 'an ONBUILD trigger runs in every image built on this one',
      code: 'FROM debian:12 AS base\nONBUILD RUN apt-get update && apt-get install -y curl\nFROM scratch\n',
      output: 'FROM debian:12 AS base\nONBUILD RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nFROM scratch\n',
      findings: [{ messageId: 'lists', line: 2, column: 13, endLine: 2, endColumn: 27 }],
    },
    {
      description: 'sudo and nested sh -c are read through',
      code: "FROM debian:12\nRUN sudo sh -c 'apt-get update && apt-get install -y curl'\n",
      output: 'FROM debian:12\nRUN sudo sh -c \'apt-get update && apt-get install -y curl\' && rm -rf /var/lib/apt/lists/*\n',
      findings: [{ messageId: 'lists', line: 2, column: 17, endLine: 2, endColumn: 31 }],
    },
    {
      description: 'docker-clean removed in an earlier RUN: the .deb files stay',
      code:
        'FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n' +
        'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n',
      output:
        'FROM debian:12\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n' +
        'RUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl && apt-get clean\n',
      findings: [{ messageId: 'archives', line: 3, column: 62, endLine: 3, endColumn: 85 }],
    },
    {
      description: 'a heredoc mixed with inline commands is reported without a fix',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && cat <<EOF > /etc/x\nhello\nEOF\n',
      noFix: 'the RUN mixes a heredoc with inline commands: there is no last line to append to safely',
      findings: [{ messageId: 'lists', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
  ],
});
