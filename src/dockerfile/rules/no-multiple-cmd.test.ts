import { testRule } from '../../../test/support/rule-tester.js';
import { noMultipleCmd } from './no-multiple-cmd.js';

testRule(noMultipleCmd, {
  valid: [
    'FROM debian as distro1\nCMD bash\nRUN foo\nFROM debian as distro2\nCMD another\n',
    'CMD /bin/true\n',
    'FROM alpine:3.20\nONBUILD CMD ["a"]\nCMD ["b"]\n',
  ],
  invalid: [
    { code: 'FROM debian\nCMD bash\nRUN foo\nCMD another\n', findings: [{ messageId: 'overridden', message: 'this CMD has no effect: the CMD on line 4 overrides it (only the last CMD of a stage counts)', line: 2, column: 1, endLine: 2, endColumn: 9 }] },
    { code: 'FROM debian as distro1\nCMD bash\nRUN foo\nCMD another\nFROM debian as distro2\nCMD another\n', findings: [{ messageId: 'overridden', line: 2, column: 1, endLine: 2, endColumn: 9 }] },
    { code: 'CMD a\nCMD b\nCMD c\n', findings: [{ messageId: 'overridden', line: 1, column: 1, endLine: 1, endColumn: 6 }, { messageId: 'overridden', line: 2, column: 1, endLine: 2, endColumn: 6 }] },
  ],
});
