import { testRule } from '../../../test/support/rule-tester.js';
import { noDuplicateStageName } from './no-duplicate-stage-name.js';

testRule(noDuplicateStageName, {
  valid: ['FROM a:1\nFROM b:1\n', 'FROM a:1 AS x\nFROM x AS y\nFROM y\n'],
  invalid: [
    { code: 'FROM node as foo\nRUN something\nFROM scratch as foo\nRUN something\n', lines: [3], messageTexts: ['stage name `foo` is already used by the stage on line 1'] },
    { code: 'FROM a:1 AS x\nFROM b:1 AS X\nFROM c:1 AS x\n', messages: 2, lines: [2, 3] },
  ],
});
