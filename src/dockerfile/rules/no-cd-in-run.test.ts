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
    { description: 'relative to WORKDIR', code: 'FROM node:20\nWORKDIR /app\nRUN cd frontend && npm ci\n', messageTexts: ['`cd frontend` in RUN: set the directory with `WORKDIR /app/frontend` instead'] },
    { description: 'an ENV variable resolves', code: 'FROM node:20\nENV APP=/srv/app\nRUN cd "$APP" && npm ci\n', messageTexts: ['`cd "$APP"` in RUN: set the directory with `WORKDIR /srv/app` instead'] },
    { description: 'one report per RUN', code: 'FROM debian:12\nRUN cd /opt && make && cd /srv && make\n', messages: 1 },
    { description: 'in a heredoc', code: 'FROM debian:12\nRUN <<EOF\ncd /opt/app\nmake\nEOF\n', lines: [3] },
    { description: 'WORKDIR of the stage built on', code: 'FROM debian:12 AS base\nWORKDIR /app\nFROM base\nRUN cd src && make\n', messageTexts: ['`cd src` in RUN: set the directory with `WORKDIR /app/src` instead'] },
  ],
});
