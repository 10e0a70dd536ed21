import { testRule } from '../../../test/support/rule-tester.js';
import { validExposePort } from './valid-expose-port.js';

testRule(validExposePort, {
  valid: ['EXPOSE 60000\n', 'EXPOSE ${FOOBAR}\n', 'EXPOSE 40000-60000/tcp\n', 'EXPOSE 40000-${FOOBAR}\n', 'EXPOSE 0 65535 53/UDP 9/sctp\n', 'FROM a:1\nENV PORTS="80 443"\nEXPOSE $PORTS\n'],
  invalid: [
    { code: 'EXPOSE 80000\n', findings: [{ messageId: 'outOfRange', line: 1, column: 8, endLine: 1, endColumn: 13 }] },
    { code: 'EXPOSE 40000-80000/tcp\n', findings: [{ messageId: 'outOfRange', line: 1, column: 8, endLine: 1, endColumn: 23 }] },
    { code: 'EXPOSE 127.0.0.1:8080:80\n', findings: [{ messageId: 'hostMapping', line: 1, column: 8, endLine: 1, endColumn: 25 }] },
    { code: 'EXPOSE http\n', findings: [{ messageId: 'invalid', line: 1, column: 8, endLine: 1, endColumn: 12 }] },
    { code: 'FROM a:1\nARG PORT=99999\nEXPOSE ${PORT}\n', findings: [{ messageId: 'outOfRange', message: '`99999`: port 99999 is outside 0–65535', line: 3, column: 8, endLine: 3, endColumn: 15 }] },
  ],
});
