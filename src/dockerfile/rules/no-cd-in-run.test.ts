import { testRule } from '../../../test/support/rule-tester.js';
import { noCdInRun } from './no-cd-in-run.js';

testRule(noCdInRun, {
  valid: [
    'FROM debian:12\nRUN cd /tmp && curl -fsSLO https://example.com/x.tgz && tar xf x.tgz\n',
    'FROM debian:12\nRUN dir="$(mktemp -d)" && cd "$dir" && make && rm -rf "$dir"\n',
    'FROM debian:12\nRUN echo "$(cd /opt && pwd)"\n',
    "FROM debian:12\nRUN sh -c 'cd /opt && make'\n",
    'FROM debian:12\nWORKDIR /usr/src\nRUN git clone https://example.com/x.git && cd x && make install && cd .. && rm -rf x\n',
    'FROM debian:12\nRUN f() { cd /opt; }; f\n',
    'FROM debian:12\nRUN apt-get update && cd /opt && make\n',
    { description: 'an excursion out of the WORKDIR', code: 'FROM php:8.3-fpm\nWORKDIR /var/www/html\nRUN cd /usr/local/etc && cp php-fpm.conf.default php-fpm.conf\n' },
  ],
  invalid: [
    { description: 'relative to WORKDIR', code: 'FROM node:20\nWORKDIR /app\nRUN cd frontend && npm ci\n', findings: [{ messageId: 'cd', message: '`cd frontend` in RUN: set the directory with `WORKDIR /app/frontend` instead', line: 3, column: 5, endLine: 3, endColumn: 16 }] },
    { description: 'an ENV variable resolves', code: 'FROM node:20\nENV APP=/srv/app\nRUN cd "$APP" && npm ci\n', findings: [{ messageId: 'cd', message: '`cd "$APP"` in RUN: set the directory with `WORKDIR /srv/app` instead', line: 3, column: 5, endLine: 3, endColumn: 14 }] },
    { description: 'one report per RUN', code: 'FROM debian:12\nRUN cd /opt && make && cd /srv && make\n', findings: [{ messageId: 'cd', line: 2, column: 5, endLine: 2, endColumn: 12 }] },
    { description: 'in a heredoc', code: 'FROM debian:12\nRUN <<EOF\ncd /opt/app\nmake\nEOF\n', findings: [{ messageId: 'cd', line: 3, column: 1, endLine: 3, endColumn: 12 }] },
    { description: 'WORKDIR of the stage built on', code: 'FROM debian:12 AS base\nWORKDIR /app\nFROM base\nRUN cd src && make\n', findings: [{ messageId: 'cd', message: '`cd src` in RUN: set the directory with `WORKDIR /app/src` instead', line: 4, column: 5, endLine: 4, endColumn: 11 }] },
  ],
});
