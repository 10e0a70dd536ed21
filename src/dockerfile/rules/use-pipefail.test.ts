import { testRule } from '../../../test/support/rule-tester.js';
import { usePipefail } from './use-pipefail.js';

testRule(usePipefail, {
  valid: [
    'FROM debian:12\nRUN echo "abc  /tmp/x" | sha256sum -c -\n',
    'FROM debian:12\nRUN { echo "[global]"; echo "x = 1"; } | tee /etc/x.conf\n',
    'FROM debian:12\nRUN set -eux; set -o pipefail; curl -fsSL https://x | tar -xz\n',
    'FROM debian:12\nRUN set -Eeuo pipefail && curl -fsSL https://x | tar -xz\n',
    "FROM debian:12\nRUN bash -o pipefail -c 'curl -fsSL https://x | tar -xz'\n",
    "FROM debian:12\nRUN bash -c 'set -o pipefail; curl -fsSL https://x | tar -xz'\n",
    'FROM debian:12\nRUN <<EOF\nset -o pipefail\ncurl -fsSL https://x | tar -xz\nEOF\n',
    'FROM debian:12 AS base\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://x | tar -xz\n',
    'FROM debian:12\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | tar -xz\n',
    'FROM debian:12\nRUN curl -fsSL -o /tmp/x.tgz https://x && tar -xzf /tmp/x.tgz\n',
  ],
  invalid: [
    {
      description: 'the message names the commands',
      code: 'FROM debian:12\nRUN wget -O - https://x | wc -l > /number\n',
      findings: [
        { messageId: 'pipe', message: '`wget … | wc` hides a failure of `wget`: set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or start it with `set -o pipefail &&`)', line: 2, column: 5, endLine: 2, endColumn: 42 },
      ],
    },
    { description: 'pipefail set after the pipe', code: 'FROM debian:12\nRUN curl https://x | sh; set -o pipefail\n', findings: [{ messageId: 'pipe', line: 2, column: 5, endLine: 2, endColumn: 24 }] },
    { description: 'a pipefail SHELL of another stage does not count', code: 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nRUN curl https://x | tar -x\n', findings: [{ messageId: 'pipe', line: 4, column: 5, endLine: 4, endColumn: 28 }] },
    { description: 'a later SHELL without pipefail', code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nSHELL ["/bin/sh", "-c"]\nRUN curl https://x | tar -x\n', findings: [{ messageId: 'pipe', line: 4, column: 5, endLine: 4, endColumn: 28 }] },
    { description: 'the first producer that can fail is named', code: 'FROM debian:12\nRUN echo x | grep -q x | tee /y\n', findings: [{ messageId: 'pipe', message: '`grep … | tee` hides a failure of `grep`: set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before this RUN (or start it with `set -o pipefail &&`)', line: 2, column: 5, endLine: 2, endColumn: 32 }] },
    { description: 'one finding per RUN', code: 'FROM debian:12\nRUN curl https://x | tar -x && curl https://y | tar -x\n', findings: [{ messageId: 'pipe', line: 2, column: 5, endLine: 2, endColumn: 28 }] },
    { description: 'pipefail of the outer shell does not reach sh -c', code: "FROM debian:12\nRUN set -o pipefail; sh -c 'curl https://x | tar -x'\n", findings: [{ messageId: 'pipe', line: 2, column: 29, endLine: 2, endColumn: 52 }] },
  ],
});
