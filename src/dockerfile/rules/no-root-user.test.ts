import { testRule } from '../../../test/support/rule-tester.js';
import { noRootUser } from './no-root-user.js';

testRule(noRootUser, {
  valid: [
    'FROM scratch\nUSER foo\n',
    'FROM scratch\nUSER root\nRUN something\nUSER foo\n',
    'FROM debian as base\nUSER root\nRUN something\nFROM scratch\nUSER foo\nRUN something else\n',
    'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n',
    'FROM cgr.dev/chainguard/python:latest\n',
    'FROM bitnami/postgresql:16\n',
    'FROM nginxinc/nginx-unprivileged:1.27\n',
    'FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y gosu\nENTRYPOINT ["docker-entrypoint.sh"]\n',
    'FROM alpine:3.20\nRUN apk add --no-cache su-exec\nUSER root\n',
    'ARG BASE\nFROM ${BASE}\n',
    'FROM rabbitmq:4.1-alpine\nRUN rabbitmq-plugins enable --offline rabbitmq_management\n',
    'FROM alpine:3.20\nARG APP_USER\nUSER ${APP_USER}\n',
    'FROM alpine:3.20\nARG APP_USER=app\nUSER ${APP_USER}\n',
    // a scratch image with no command never runs: build output for `--output`, an operator bundle
    'FROM golang:1.23 AS gen\nRUN make /out\nFROM scratch AS update\nCOPY --from=gen /out /\n',
    'FROM scratch\nCOPY manifests /manifests/\nLABEL operators.operatorframework.io.bundle.package.v1=loki-operator\n',
  ],
  invalid: [
    { code: 'FROM scratch\nUSER root\n', output: 'FROM scratch\nUSER root\nUSER 65532:65532\n', findings: [{ messageId: 'rootUser', line: 2, column: 1, endLine: 2, endColumn: 10 }] },
    { code: 'FROM postgres:16\nENTRYPOINT ["/my-entrypoint.sh"]\n', description: 'a new ENTRYPOINT replaces the one that drops root', output: 'FROM postgres:16\nRUN useradd --create-home --no-log-init --user-group app\nUSER app\nENTRYPOINT ["/my-entrypoint.sh"]\n', findings: [{ messageId: 'noUser', line: 1, column: 1, endLine: 1, endColumn: 17 }] },
    { code: 'FROM scratch\nUSER 0\n', output: 'FROM scratch\nUSER 0\nUSER 65532:65532\n', findings: [{ messageId: 'rootUser', line: 2, column: 1, endLine: 2, endColumn: 7 }] },
    { code: 'FROM scratch\nUSER root:root\n', output: 'FROM scratch\nUSER root:root\nUSER 65532:65532\n', findings: [{ messageId: 'rootUser', line: 2, column: 1, endLine: 2, endColumn: 15 }] },
    { code: 'FROM scratch\nUSER 0:0\n', output: 'FROM scratch\nUSER 0:0\nUSER 65532:65532\n', findings: [{ messageId: 'rootUser', line: 2, column: 1, endLine: 2, endColumn: 9 }] },
    { code: 'FROM debian as base\nUSER root\nRUN something\nFROM base\nRUN something else\n', output: 'FROM debian as base\nUSER root\nRUN something\nFROM base\nRUN something else\nRUN useradd --create-home --no-log-init --user-group app\nUSER app\n', findings: [{ messageId: 'rootUser', line: 2, column: 1, endLine: 2, endColumn: 10 }] },
    {
      code: 'FROM debian:bookworm AS base\nUSER root\nRUN something\nUSER foo\nFROM scratch\nRUN something else\nENTRYPOINT ["/app"]\n',
      output: 'FROM debian:bookworm AS base\nUSER root\nRUN something\nUSER foo\nFROM scratch\nRUN something else\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
      description: 'the final stage starts from scratch, not from the stage above',
      findings: [{ messageId: 'noUser', line: 5, column: 1, endLine: 5, endColumn: 13 }],
    },
    {
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      output: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nUSER node\nEXPOSE 3000\nCMD ["node", "server.js"]\n',
      findings: [{ messageId: 'noUser', line: 1, column: 1, endLine: 1, endColumn: 18 }],
    },
    {
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
      findings: [{ messageId: 'noUser', line: 1, column: 1, endLine: 1, endColumn: 39 }],
    },
    {
      code: 'from busybox:1.36\ncmd ["sh"]\n',
      output: 'from busybox:1.36\nrun addgroup -S app && adduser -S -G app app\nuser app\ncmd ["sh"]\n',
      description: 'the keyword case of the file is kept',
      findings: [{ messageId: 'noUser', line: 1, column: 1, endLine: 1, endColumn: 18 }],
    },
    {
      code: 'FROM myorg/base:1.2\nCMD ["/app"]\n',
      description: 'an unknown base gets no fix',
      noFix: 'for an unknown base there is no way to know which user to add or switch to',
      findings: [
        { messageId: 'noUser', message: 'the final stage sets no USER, so the container runs as root (unless `myorg/base:1.2` sets a user): switch to a non-root user', line: 1, column: 1, endLine: 1, endColumn: 20 },
      ],
    },
    {
      code: 'FROM ubuntu:24.04 AS base\nRUN useradd app\nUSER app\nFROM base\nUSER root\nRUN apt-get update\nCMD ["/app"]\n',
      output: 'FROM ubuntu:24.04 AS base\nRUN useradd app\nUSER app\nFROM base\nUSER root\nRUN apt-get update\nUSER app\nCMD ["/app"]\n',
      description: 'the user to return to comes from the stage built on',
      findings: [{ messageId: 'rootUser', line: 5, column: 1, endLine: 5, endColumn: 10 }],
    },
    { code: 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n', description: 'nginx must start as root: no fix', noFix: 'nginx must start as root to bind its port and drops privileges itself', findings: [{ messageId: 'noUser', line: 1, column: 1, endLine: 1, endColumn: 16 }] },
    { code: 'FROM php:8.3-apache\nCOPY . /var/www/html\n', noFix: 'Apache must start as root to bind its port and drops privileges itself', findings: [{ messageId: 'noUser', line: 1, column: 1, endLine: 1, endColumn: 20 }] },
    { code: 'FROM python:3.12\nENTRYPOINT ["python"]\nUSER root\n', output: 'FROM python:3.12\nENTRYPOINT ["python"]\nUSER root\nRUN useradd --create-home --no-log-init --user-group app\nUSER app\n', findings: [{ messageId: 'rootUser', line: 3, column: 1, endLine: 3, endColumn: 10 }] },
  ],
});
