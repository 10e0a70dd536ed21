import { testRule } from '../../../test/support/rule-tester.js';
import { useNoInstallRecommends } from './use-no-install-recommends.js';

testRule(useNoInstallRecommends, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n',
    'FROM debian:12\nRUN aptitude install -y -R curl\n',
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n',
    {
      description: 'configured in /etc/apt earlier in the stage',
      code: 'FROM debian:12\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/01norecommends\nRUN apt-get install -y curl\n',
    },
    { description: 'a builder stage does not ship', code: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /a /a\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt install -y curl\n', output: 'FROM debian:12\nRUN apt install --no-install-recommends -y curl\n', findings: [{ messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 24 }] },
    { description: 'aptitude has its own option', code: 'FROM debian:12\nRUN aptitude install -y curl\n', output: 'FROM debian:12\nRUN aptitude install --without-recommends -y curl\n', findings: [{ messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 29 }] },
    {
      description: 'in a heredoc script',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install --no-install-recommends -y curl\nEOF\n',
      findings: [{ messageId: 'missing', line: 4, column: 1, endLine: 4, endColumn: 24 }],
    },
    {
      description: 'on a continuation line',
      code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install \\\n    -y curl\n',
      output: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install --no-install-recommends \\\n    -y curl\n',
      findings: [{ messageId: 'missing', line: 3, column: 5, endLine: 4, endColumn: 12 }],
    },
  ],
});
