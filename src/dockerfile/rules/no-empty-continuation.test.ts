import { testRule } from '../../../test/support/rule-tester.js';
import { noEmptyContinuation } from './no-empty-continuation.js';

testRule(noEmptyContinuation, {
  valid: [
    'FROM alpine:3.20\n\nRUN a\n\nRUN b\n',
    'FROM alpine:3.20\nRUN <<EOF\necho a\n\necho b\nEOF\n',
    'FROM alpine:3.20\nRUN cat <<EOF > /x \\\n  && true\nline\n\nEOF\n',
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN a \\\n\n  b\n', output: 'FROM alpine:3.20\nRUN a \\\n  b\n', findings: [{ messageId: 'emptyLine', line: 3, column: 1, endLine: 3, endColumn: 1 }] },
    { code: 'FROM alpine:3.20\r\nRUN a \\\r\n   \r\n  b\r\n', output: 'FROM alpine:3.20\r\nRUN a \\\r\n  b\r\n', findings: [{ messageId: 'emptyLine', line: 3, column: 1, endLine: 3, endColumn: 5 }] },
  ],
});
