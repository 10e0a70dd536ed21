import { testRule } from '../../../test/support/rule-tester.js';
import { useApkNoCache } from './use-apk-no-cache.js';

testRule(useApkNoCache, {
  valid: [
    'FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/*\n',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add -U curl\n',
    'FROM alpine:3.20\nRUN --mount=type=tmpfs,target=/var/cache/apk apk update && apk add curl\n',
    'FROM alpine:3.20\nRUN apk del .build-deps\n',
    'FROM alpine:3.20\nRUN apk add --no-network --virtual .rundeps $runDeps\n',
    { description: 'a builder stage does not ship', code: 'FROM alpine:3.20 AS build\nRUN apk add gcc\nFROM scratch\nCOPY --from=build /a /a\n' },
  ],
  invalid: [
    {
      description: 'a virtual package group',
      code: 'FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc musl-dev \\\n && pip install x \\\n && apk del .build-deps\n',
      output: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev \\\n && pip install x \\\n && apk del .build-deps\n',
      findings: [{ messageId: 'add', line: 2, column: 5, endLine: 2, endColumn: 47 }],
    },
    {
      description: 'apk upgrade keeps the index too',
      code: 'FROM alpine:3.20\nRUN apk upgrade && apk add curl\n',
      output: 'FROM alpine:3.20\nRUN apk upgrade --no-cache && apk add --no-cache curl\n',
      findings: [
        { messageId: 'add', line: 2, column: 5, endLine: 2, endColumn: 16 },
        { messageId: 'add', line: 2, column: 20, endLine: 2, endColumn: 32 },
      ],
    },
    {
      description: 'an update removed from the middle of a chain',
      code: 'FROM alpine:3.20\nRUN set -x && apk update && apk add curl\n',
      output: 'FROM alpine:3.20\nRUN set -x && apk add --no-cache curl\n',
      findings: [
        { messageId: 'update', line: 2, column: 15, endLine: 2, endColumn: 25 },
        { messageId: 'add', line: 2, column: 29, endLine: 2, endColumn: 41 },
      ],
    },
    {
      description: 'an update as its own statement',
      code: 'FROM alpine:3.20\nRUN apk update; apk add -U curl\n',
      output: 'FROM alpine:3.20\nRUN apk add --no-cache -U curl\n',
      findings: [
        { messageId: 'update', line: 2, column: 5, endLine: 2, endColumn: 15 },
        { messageId: 'add', line: 2, column: 17, endLine: 2, endColumn: 32 },
      ],
    },
    {
      description: 'an update that cannot be dropped (in a condition): only --no-cache is added',
      code: 'FROM alpine:3.20\nRUN if apk update; then apk add curl; fi\n',
      output: 'FROM alpine:3.20\nRUN if apk update; then apk add --no-cache curl; fi\n',
      findings: [
        { messageId: 'update', line: 2, column: 8, endLine: 2, endColumn: 18 },
        { messageId: 'add', line: 2, column: 25, endLine: 2, endColumn: 37 },
      ],
    },
    {
      description: 'removing the cache before installing does not count',
      code: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add curl\n',
      output: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add --no-cache curl\n',
      findings: [{ messageId: 'add', line: 2, column: 32, endLine: 2, endColumn: 44 }],
    },
  ],
});
