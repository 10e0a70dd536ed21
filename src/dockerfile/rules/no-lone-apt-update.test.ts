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
    },
    {
      description: 'the next installing RUN updates itself: the lone update is removed',
      code: 'FROM debian:12\n# refresh\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl\n',
      output: 'FROM debian:12\n# refresh\nRUN apt-get update && apt-get install -y curl\n',
    },
    {
      description: 'a USER between them: no fix (the update needs root)',
      code: 'FROM debian:12\nRUN apt-get update\nUSER app\nRUN sudo apt-get install -y curl\n',
      output: 'FROM debian:12\nRUN apt-get update\nUSER app\nRUN sudo apt-get install -y curl\n',
    },
    {
      description: 'no later install in the stage: reported without a fix',
      code: 'FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12\nRUN apt-get install -y curl\n',
      output: 'FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12\nRUN apt-get install -y curl\n',
      lines: [2],
    },
    {
      description: 'a RUN that also does other things is reported without a fix',
      code: 'FROM debian:12\nRUN apt-get update && echo done\nRUN apt-get install -y curl\n',
      output: 'FROM debian:12\nRUN apt-get update && echo done\nRUN apt-get install -y curl\n',
    },
    { description: 'apt and aptitude too', code: 'FROM debian:12\nRUN apt update\n', messages: 1 },
  ],
});
