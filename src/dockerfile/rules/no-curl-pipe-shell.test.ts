import { testRule } from '../../../test/support/rule-tester.js';
import { noCurlPipeShell } from './no-curl-pipe-shell.js';

testRule(noCurlPipeShell, {
  valid: [
    'FROM debian:12\nRUN wget -O /tmp/x.sh https://example.com/x.sh | sh\n',
    'FROM debian:12\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /etc/apt/keyrings/x.gpg\n',
    'FROM debian:12\nRUN curl -o- https://example.com/x.sh > /tmp/x.sh && bash /tmp/x.sh\n',
    'FROM debian:12\nRUN curl -fsSL https://example.com/x.sh | tee /tmp/x.sh\n',
    'FROM debian:12\nRUN curl -fsSL https://example.com/x.sh | bash /tmp/other.sh\n',
    'FROM debian:12\nRUN echo "$(curl -fsSL https://example.com/version)"\n',
    'FROM debian:12\nRUN curl -fsSL https://example.com/x.json | python3 -c "import json,sys; print(json.load(sys.stdin))"\n',
    'FROM debian:12\nRUN curl -fsSLO https://example.com/x.sh && sh -c "$(cat x.sh)"\n',
  ],
  invalid: [
    { description: 'wget to stdout into sudo bash with arguments', code: 'FROM debian:12\nRUN wget -qO- https://example.com/x.sh | sudo bash -s -- --yes\n', findings: [{ messageId: 'piped', message: '`wget … | sudo bash` runs a downloaded script unverified: save it, check its checksum, then run it', line: 2, column: 5, endLine: 2, endColumn: 63 }] },
    { description: 'through tee', code: 'FROM debian:12\nRUN curl -sL https://deb.nodesource.com/setup_20.x | tee /tmp/setup | bash -\n', findings: [{ messageId: 'piped', line: 2, column: 5, endLine: 2, endColumn: 77 }] },
    { description: 'an interpreter reading stdin', code: 'FROM python:3.12\nRUN curl -sSL https://install.python-poetry.org | python3 - --version 1.8.3\n', findings: [{ messageId: 'piped', line: 2, column: 5, endLine: 2, endColumn: 76 }] },
    { description: 'process substitution', code: 'FROM debian:12\nRUN bash <(curl -fsSL https://example.com/x.sh)\n', findings: [{ messageId: 'substituted', line: 2, column: 5, endLine: 2, endColumn: 48 }] },
    { description: 'eval', code: 'FROM debian:12\nRUN eval "$(curl -fsSL https://example.com/env)"\n', findings: [{ messageId: 'substituted', line: 2, column: 5, endLine: 2, endColumn: 49 }] },
    { description: 'in a heredoc script', code: 'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://example.com/x.sh | sh\nEOF\n', findings: [{ messageId: 'piped', line: 4, column: 1, endLine: 4, endColumn: 41 }] },
    { description: 'inside sh -c', code: "FROM debian:12\nRUN sh -c 'curl -fsSL https://example.com/x.sh | sh'\n", findings: [{ messageId: 'piped', line: 2, column: 12, endLine: 2, endColumn: 52 }] },
  ],
});
