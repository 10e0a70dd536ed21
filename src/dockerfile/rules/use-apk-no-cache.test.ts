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
    },
    {
      description: 'apk upgrade keeps the index too',
      code: 'FROM alpine:3.20\nRUN apk upgrade && apk add curl\n',
      output: 'FROM alpine:3.20\nRUN apk upgrade --no-cache && apk add --no-cache curl\n',
      messages: 2,
    },
    {
      description: 'an update removed from the middle of a chain',
      code: 'FROM alpine:3.20\nRUN set -x && apk update && apk add curl\n',
      output: 'FROM alpine:3.20\nRUN set -x && apk add --no-cache curl\n',
      messages: ['update', 'add'],
    },
    {
      description: 'an update as its own statement',
      code: 'FROM alpine:3.20\nRUN apk update; apk add -U curl\n',
      output: 'FROM alpine:3.20\nRUN apk add --no-cache -U curl\n',
    },
    {
      description: 'an update that cannot be dropped (in a condition): only --no-cache is added',
      code: 'FROM alpine:3.20\nRUN if apk update; then apk add curl; fi\n',
      output: 'FROM alpine:3.20\nRUN if apk update; then apk add --no-cache curl; fi\n',
      messages: ['update', 'add'],
    },
    {
      description: 'removing the cache before installing does not count',
      code: 'FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add curl\n',
      messages: ['add'],
    },
  ],
});
