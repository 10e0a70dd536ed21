import { testRule } from '../../../test/support/rule-tester.js';
import { noLoneAptUpdate } from './no-lone-apt-update.js';

testRule(noLoneAptUpdate, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-cache policy curl\n',
    'FROM debian:12\nRUN apt-get update && ./install-deps.sh\n',
    'FROM debian:12\nRUN apt-get update && bash /tmp/setup\n',
    'FROM debian:12\nRUN apt-get update && curl -fsSL https://example.com/setup | bash\n',
    "FROM debian:12\nRUN apt-get update && sh -c 'apt-get install -y curl'\n",
    'FROM debian:12\nRUN apt-get update && $INSTALLER curl\n',
  ],
  invalid: [
    {
      description: 'the install RUN keeps its style; the update goes before the statement that installs',
      code: 'FROM debian:12\nRUN apt-get update -qq\nENV DEBIAN_FRONTEND=noninteractive\nRUN set -eux; \\\n    apt-get install -y curl; \\\n    rm -rf /var/lib/apt/lists/*\n',
      output: 'FROM debian:12\nENV DEBIAN_FRONTEND=noninteractive\nRUN set -eux; \\\n    apt-get update -qq && apt-get install -y curl; \\\n    rm -rf /var/lib/apt/lists/*\n',
      findings: [{ messageId: 'lone', line: 2, column: 5, endLine: 2, endColumn: 23 }],
    },
    {
      description: 'the next installing RUN updates itself: the lone update is removed',
      code: 'FROM debian:12\n# refresh\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n',
      output: 'FROM debian:12\n# refresh\nRUN apt-get update && apt-get install -y curl\n',
      findings: [{ messageId: 'lone', line: 3, column: 5, endLine: 3, endColumn: 19 }],
    },
    {
      description: 'a USER between them: no fix (the update needs root)',
      code: 'FROM debian:12\nRUN apt-get update\nUSER app\nRUN sudo apt-get install -y curl\n',
      noFix: 'a USER between them: the merged update would no longer run as root',
      findings: [{ messageId: 'lone', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      description: 'no later install in the stage: reported without a fix',
      code: 'FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12\nRUN apt-get install -y curl\n',
      noFix: 'no later install in the stage to merge the update into',
      findings: [{ messageId: 'lone', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    {
      description: 'a RUN that also does other things is reported without a fix',
      code: 'FROM debian:12\nRUN apt-get update && echo done\nRUN apt-get install -y curl\n',
      noFix: 'the RUN also does other things: merging would move them too',
      findings: [{ messageId: 'lone', line: 2, column: 5, endLine: 2, endColumn: 19 }],
    },
    { description: 'apt and aptitude too', code: 'FROM debian:12\nRUN apt update\n', noFix: 'no later install in the stage to merge the update into', findings: [{ messageId: 'lone', line: 2, column: 5, endLine: 2, endColumn: 15 }] },
  ],
});
