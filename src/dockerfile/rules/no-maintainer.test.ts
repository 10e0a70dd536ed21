import { testRule } from '../../../test/support/rule-tester.js';
import { noMaintainer } from './no-maintainer.js';

testRule(noMaintainer, {
  invalid: [
    {
      description: 'quotes, backslashes and dollars in the author are escaped for LABEL',
      code: 'FROM x\nMAINTAINER "Bob" \\o/ $HOME\n',
      output: 'FROM x\nLABEL org.opencontainers.image.authors="\\"Bob\\" \\\\o/ \\$HOME"\n',
      findings: [{ messageId: 'deprecated', line: 2, column: 1, endLine: 2, endColumn: 27 }],
    },
    {
      description: 'an ONBUILD trigger is linted like an instruction',
      code: 'FROM x\nONBUILD MAINTAINER someone\n',
      output: 'FROM x\nONBUILD LABEL org.opencontainers.image.authors="someone"\n',
      findings: [{ messageId: 'deprecated', line: 2, column: 9, endLine: 2, endColumn: 27 }],
    },
  ],
});
