import { testRule } from '../../../test/support/rule-tester.js';
import { noDuplicateStageName } from './no-duplicate-stage-name.js';

testRule(noDuplicateStageName, {
  valid: ['FROM a:1\nFROM b:1\n', 'FROM a:1 AS x\nFROM x AS y\nFROM y\n'],
  invalid: [
    { code: 'FROM node as foo\nRUN something\nFROM scratch as foo\nRUN something\n', findings: [{ messageId: 'duplicate', message: 'stage name `foo` is already used by the stage on line 1', line: 3, column: 17, endLine: 3, endColumn: 20 }] },
    { code: 'FROM a:1 AS x\nFROM b:1 AS X\nFROM c:1 AS x\n', findings: [{ messageId: 'duplicate', line: 2, column: 13, endLine: 2, endColumn: 14 }, { messageId: 'duplicate', line: 3, column: 13, endLine: 3, endColumn: 14 }] },
  ],
});
