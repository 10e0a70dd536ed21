import { testRule } from '../../../test/support/rule-tester.js';
import { validExposePort } from './valid-expose-port.js';

testRule(validExposePort, {
  valid: ['EXPOSE 60000\n', 'EXPOSE ${FOOBAR}\n', 'EXPOSE 40000-60000/tcp\n', 'EXPOSE 40000-${FOOBAR}\n', 'EXPOSE 0 65535 53/UDP 9/sctp\n', 'FROM a:1\nENV PORTS="80 443"\nEXPOSE $PORTS\n'],
  invalid: [
    { code: 'EXPOSE 80000\n', messages: ['outOfRange'] },
    { code: 'EXPOSE 40000-80000/tcp\n', messages: ['outOfRange'] },
    { code: 'EXPOSE 127.0.0.1:8080:80\n', messages: ['hostMapping'] },
    { code: 'EXPOSE http\n', messages: ['invalid'] },
    { code: 'FROM a:1\nARG PORT=99999\nEXPOSE ${PORT}\n', messageTexts: ['`99999`: port 99999 is outside 0–65535'] },
  ],
});
