import { testRule } from '../../../test/support/rule-tester.js';
import { copyFromKnownStage } from './copy-from-known-stage.js';

testRule(copyFromKnownStage, {
  valid: [
    'FROM scratch AS Build\nFROM alpine:3.20\nCOPY --from=build /a /a\n',
    'COPY --from=haskell:latest bar .\n',
    'FROM alpine:3.20\nCOPY --from=ghcr.io/astral-sh/uv /uv /bin/\n',
    'FROM alpine:3.20\nCOPY --from=busybox@sha256:abc /bin/sh /bin/sh\n',
    'ARG SRC=build\nFROM alpine:3.20 AS build\nFROM alpine:3.20\nARG SRC\nCOPY --from=$SRC /a /a\n',
    'FROM alpine:3.20\nARG SRC\nCOPY --from=${SRC} /a /a\n',
    'FROM alpine:3.20 AS deps\nFROM alpine:3.20\nRUN --mount=type=cache,target=/c --mount=type=bind,from=deps,source=/x,target=/x cp /x /y\n',
    'FROM alpine:3.20\nONBUILD COPY --from=builder /app /app\n',
  ],
  invalid: [
    { code: 'COPY --from=foo bar .\n', findings: [{ messageId: 'unknown', line: 1, column: 6, endLine: 1, endColumn: 16 }] },
    { code: 'FROM scratch\nCOPY --from=build foo .\nFROM node as build\nRUN baz\n', findings: [{ messageId: 'later', line: 2, column: 6, endLine: 2, endColumn: 18 }] },
    { code: 'FROM a:1\nFROM b:1\nCOPY --from=2 /x /x\nCOPY --from=1 /x /x\n', findings: [{ messageId: 'index', line: 3, column: 6, endLine: 3, endColumn: 14 }, { messageId: 'index', line: 4, column: 6, endLine: 4, endColumn: 14 }] },
    { code: 'FROM alpine:3.20\nRUN --mount=from=cache,target=/c true\n', findings: [{ messageId: 'unknown', line: 2, column: 5, endLine: 2, endColumn: 33 }] },
    {
      code: 'FROM alpine:3.20\nCOPY --from=biuld /app /app\n',
      findings: [
        { messageId: 'unknown', message: '`--from=biuld` is no earlier stage: BuildKit would pull an image named `biuld`; define the stage first or give the image a tag', line: 2, column: 6, endLine: 2, endColumn: 18 },
      ],
    },
  ],
});
