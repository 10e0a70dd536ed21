import { testRule } from '../../../test/support/rule-tester.js';
import { validSyntax } from './valid-syntax.js';

testRule(validSyntax, {
  valid: ['FROM alpine:3.20\nRUN a \\\n\n  b\n', '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n'],
  invalid: [
    { code: 'FROM alpine:3.20\nENV NOVALUE\n', messages: 1 },
    { code: '# escape=x\nFROM alpine:3.20\n', lines: [1] },
    { code: 'FROM alpine:3.20\nONBUILD ONBUILD RUN x\n', lines: [2] },
  ],
});
