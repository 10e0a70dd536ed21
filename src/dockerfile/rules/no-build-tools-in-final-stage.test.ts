import { testRule } from '../../../test/support/rule-tester.js';
import { noBuildToolsInFinalStage } from './no-build-tools-in-final-stage.js';

const builder = 'FROM golang:1.23 AS build\nRUN go build -o /app .\n';

testRule(noBuildToolsInFinalStage, {
  valid: [
    { description: 'a single-stage build is use-multi-stage\'s', code: 'FROM python:3.12-slim\nRUN apt-get install -y gcc\n' },
    { description: 'a builder stage may', code: 'FROM debian:12 AS build\nRUN apt-get install -y build-essential\nFROM debian:12-slim\nCOPY --from=build /a /a\n' },
    {
      description: 'the apt-mark auto / autoremove idiom',
      code:
        builder +
        "FROM debian:12-slim\nRUN savedAptMark=\"$(apt-mark showmanual)\"; apt-get install -y gcc make; make; apt-mark auto '.*' > /dev/null; apt-mark manual $savedAptMark; apt-get purge -y --auto-remove\n",
    },
    { description: 'purged by name', code: builder + 'FROM debian:12-slim\nRUN apt-get install -y gcc=4:12.2.0-3 && make && apt-get purge -y gcc\n' },
    {
      description: 'a variable purged as it was installed',
      code: builder + 'FROM debian:12-slim\nARG BUILD="gcc libpq-dev"\nRUN apt-get install -y $BUILD && pip install x && apt-get purge -y $BUILD\n',
    },
    { description: 'runtime libraries', code: builder + 'FROM debian:12-slim\nRUN apt-get install -y libpq5 ca-certificates udev\n' },
    { description: 'a toolchain base is an SDK image', code: 'FROM alpine:3.20 AS fetch\nRUN true\nFROM golang:1.23\nRUN apt-get install -y gcc\n' },
  ],
  invalid: [
    {
      description: 'a stage the final one is built on',
      code: 'FROM python:3.12-slim AS base\nRUN apt-get install -y gcc python3-dev\nFROM base\nCMD ["python"]\n',
      findings: [
        { messageId: 'tools', message: 'the final image keeps build tools installed here (gcc, python3-dev): install them in a builder stage and `COPY --from` the result, or remove them in this RUN', line: 2, column: 5, endLine: 2, endColumn: 39 },
      ],
    },
    { description: 'rpm -devel packages', code: builder + 'FROM rockylinux:9-minimal\nRUN microdnf install -y gcc-c++ openssl-devel\n', findings: [{ messageId: 'tools', line: 4, column: 5, endLine: 4, endColumn: 46 }] },
    { description: 'apk virtual group not removed', code: builder + 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps build-base\n', findings: [{ messageId: 'tools', line: 4, column: 5, endLine: 4, endColumn: 56 }] },
    { description: 'a variable resolved through ARG', code: builder + 'FROM debian:12-slim\nARG BUILD="cmake ninja-build"\nRUN apt-get install -y $BUILD\n', findings: [{ messageId: 'tools', line: 5, column: 5, endLine: 5, endColumn: 30 }] },
  ],
});
