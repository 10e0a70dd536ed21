import { testRule } from '../../../test/support/rule-tester.js';
import { pinPackageVersions } from './pin-package-versions.js';

const always = { systemPackages: 'always' };

testRule(pinPackageVersions, {
  valid: [
    { description: 'apt packages in a file that pins none', code: 'FROM debian:12\nRUN apt-get install -y curl git\n' },
    { code: 'FROM debian:12\nRUN apt-get install -y ./wkhtmltox_0.12.6.bookworm_amd64.deb\n', options: always },
    { code: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports golang\n', options: always },
    { code: 'FROM debian:12\nRUN apt-get install -y golang/bookworm-backports\n', options: always },
    { code: 'FROM debian:12\nRUN apt-get install -y $BUILD_DEPS "${RUNTIME_DEPS}"\n', options: always },
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 "musl-dev>=1.2"\n', options: always },
    'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt flask\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir -c constraints.txt flask\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir -e .\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir "flask>=3" ./dist/app-1.0-py3-none-any.whl\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir "app @ https://example.com/app-1.0.tar.gz"\n',
    'FROM python:3.12\nRUN pip install --no-cache-dir git+https://github.com/org/repo.git@v1.2\n',
    'FROM node:20\nRUN npm ci && npm install\n',
    'FROM node:20\nRUN npm install -g @angular/cli@17.3.0 github:org/repo#v1 ./local-pkg\n',
    'FROM ruby:3.3\nRUN gem install bundler -v 2.5.6\n',
    'FROM golang:1.23\nRUN go install ./cmd/... && go run . --flag\n',
    'FROM golang:1.23\nRUN go install -ldflags "-s -w" golang.org/x/tools/gopls@v0.16.2\n',
    { description: 'ecosystems can be turned off', code: 'FROM node:20\nRUN npm install -g typescript\n', options: { ecosystems: ['pip'] } },
  ],
  invalid: [
    { description: 'apt, when asked for always', code: 'FROM debian:12\nRUN apt-get install -y curl\n', options: always, findings: [{ messageId: 'unpinned', line: 2, column: 5, endLine: 2, endColumn: 28 }] },
    {
      description: 'an unpinned apt package in a file that pins others (in another RUN)',
      code: 'FROM debian:12\nRUN apt-get install -y curl\nRUN apt-get install -y git=1:2.39.5-0+deb12u1\n',
      findings: [
        { messageId: 'unpinned', message: '`apt-get install` installs curl without a version: pin as `curl=<version>`', line: 2, column: 5, endLine: 2, endColumn: 28 },
      ],
    },
    {
      description: 'a snapshot archive makes apt pins stable',
      code: 'FROM debian:12\nRUN echo "deb http://snapshot.debian.org/archive/debian/20240101T000000Z bookworm main" > /etc/apt/sources.list \\\n && apt-get update && apt-get install -y curl\n',
      findings: [{ messageId: 'unpinned', line: 3, column: 23, endLine: 3, endColumn: 46 }],
    },
    {
      description: 'pip: unversioned VCS URL, pipx, python -m pip',
      code: 'FROM python:3.12\nRUN pip install git+https://github.com/org/repo.git#egg=repo && pipx install black && python3 -m pip install --upgrade pip\n',
      findings: [
        { messageId: 'unpinned', line: 2, column: 5, endLine: 2, endColumn: 61 },
        { messageId: 'unpinned', line: 2, column: 65, endLine: 2, endColumn: 83 },
        { messageId: 'unpinned', line: 2, column: 87, endLine: 2, endColumn: 123 },
      ],
    },
    { description: 'npm @latest pins nothing', code: 'FROM node:20\nRUN npm i -g npm@latest\n', findings: [{ messageId: 'unpinned', line: 2, column: 5, endLine: 2, endColumn: 24 }] },
    { description: 'gem', code: 'FROM ruby:3.3\nRUN gem install rails:7.1.3 nokogiri\n', findings: [{ messageId: 'unpinned', message: '`gem install` installs nokogiri without a version: pin as `nokogiri:<version>` (or `-v <version>`)', line: 2, column: 5, endLine: 2, endColumn: 37 }] },
    { description: 'go get and run', code: 'FROM golang:1.23\nRUN go get example.com/pkg && go run example.com/tool@latest -x\n', findings: [{ messageId: 'unpinned', line: 2, column: 5, endLine: 2, endColumn: 27 }, { messageId: 'unpinned', line: 2, column: 31, endLine: 2, endColumn: 64 }] },
    {
      description: 'many packages are summarised',
      code: 'FROM node:20\nRUN npm install -g a b c d e\n',
      findings: [
        { messageId: 'unpinned', message: '`npm install` installs a, b, c and 2 more without a version: pin as `a@<version>`', line: 2, column: 5, endLine: 2, endColumn: 29 },
      ],
    },
  ],
});
