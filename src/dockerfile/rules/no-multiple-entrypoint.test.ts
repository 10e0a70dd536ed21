import { testRule } from '../../../test/support/rule-tester.js';
import { noMultipleEntrypoint } from './no-multiple-entrypoint.js';

testRule(noMultipleEntrypoint, {
  valid: ['FROM busybox\n', 'FROM debian as d1\nENTRYPOINT bash\nRUN foo\nFROM debian as d2\nENTRYPOINT another\n', 'ENTRYPOINT /bin/true\n'],
  invalid: [
    { code: 'FROM debian\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\n', findings: [{ messageId: 'overridden', line: 2, column: 1, endLine: 2, endColumn: 16 }] },
    { code: 'FROM debian as d1\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\nFROM debian as d2\nENTRYPOINT another\n', findings: [{ messageId: 'overridden', line: 2, column: 1, endLine: 2, endColumn: 16 }] },
  ],
});
