import { testRule } from '../../../test/support/rule-tester.js';
import { validSyntax } from './valid-syntax.js';

testRule(validSyntax, {
  valid: ['FROM alpine:3.20\nRUN a \\\n\n  b\n', '# syntax=docker/dockerfile:1\nFROM alpine:3.20\n'],
  invalid: [
    { code: 'FROM alpine:3.20\nENV NOVALUE\n', findings: [{ messageId: 'syntax', line: 2, column: 5, endLine: 2, endColumn: 12 }] },
    { code: '# escape=x\nFROM alpine:3.20\n', findings: [{ messageId: 'syntax', line: 1, column: 1, endLine: 1, endColumn: 11 }] },
    { code: 'FROM alpine:3.20\nONBUILD ONBUILD RUN x\n', findings: [{ messageId: 'syntax', line: 2, column: 9, endLine: 2, endColumn: 16 }] },
  ],
});
