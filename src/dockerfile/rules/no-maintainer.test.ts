import { testRule } from '../../../test/support/rule-tester.js';
import { noMaintainer } from './no-maintainer.js';

testRule(noMaintainer, {
  invalid: [
    {
      description: 'quotes, backslashes and dollars in the author are escaped for LABEL',
      code: 'FROM x\nMAINTAINER "Bob" \\o/ $HOME\n',
      output: 'FROM x\nLABEL org.opencontainers.image.authors="\\"Bob\\" \\\\o/ \\$HOME"\n',
      lines: [2],
    },
    {
      description: 'an ONBUILD trigger is linted like an instruction',
      code: 'FROM x\nONBUILD MAINTAINER someone\n',
      messages: 1,
    },
  ],
});
