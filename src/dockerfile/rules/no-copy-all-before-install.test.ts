import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRule } from '../../../test/support/rule-tester.js';
import { lint } from '../lint.js';
import { noCopyAllBeforeInstall } from './no-copy-all-before-install.js';

testRule(noCopyAllBeforeInstall, {
  valid: [
    'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n',
    { description: 'a copy from another stage', code: 'FROM node:20 AS deps\nRUN true\nFROM node:20\nCOPY --from=deps . .\nRUN npm ci\n' },
    { description: 'another stage', code: 'FROM node:20 AS src\nCOPY . .\nFROM node:20\nRUN npm ci\n' },
    { description: 'installing named packages', code: 'FROM node:20\nCOPY . .\nRUN npm install -g serve\n' },
    { description: 'pip install of the project itself', code: 'FROM python:3.12\nCOPY . .\nRUN pip install .\n' },
    {
      description: 'Cargo dependencies built before the sources arrive',
      code: 'FROM rust:1.80\nRUN cargo new --bin /app\nWORKDIR /app\nCOPY Cargo.* ./\nRUN cargo build --release\nCOPY . .\nRUN cargo build --release\n',
    },
  ],
  invalid: [
    {
      description: 'go, with the install after other order-free instructions',
      code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nARG GOPROXY\nRUN go mod download\nRUN go build -o /app\n',
      output: 'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum* ./\nARG GOPROXY\nRUN go mod download\nCOPY . .\nRUN go build -o /app\n',
      findings: [{ messageId: 'early', line: 3, column: 1, endLine: 3, endColumn: 9 }],
    },
    {
      description: 'yarn with a cache clean in the same RUN',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . /app\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
      output: 'FROM node:20\nWORKDIR /app\nCOPY package.json yarn.lock* /app/\nRUN yarn install --frozen-lockfile && yarn cache clean\nCOPY . /app\n',
      findings: [{ messageId: 'early', line: 3, column: 1, endLine: 3, endColumn: 12 }],
    },
    {
      description: 'bundler',
      code: 'FROM ruby:3.3\nCOPY . .\nRUN bundle install\n',
      output: 'FROM ruby:3.3\nCOPY Gemfile Gemfile.lock* ./\nRUN bundle install\nCOPY . .\n',
      findings: [{ messageId: 'early', line: 2, column: 1, endLine: 2, endColumn: 9 }],
    },
    {
      description: 'the install RUN also builds: reported without a fix',
      code: 'FROM node:20\nCOPY . .\nRUN npm ci && npm run build\n',
      noFix: 'the install RUN also builds, and the build needs the sources',
      findings: [
        { messageId: 'early', message: '`COPY . .` comes before `npm ci` (line 3): every source edit re-runs the install — copy `package*.json` first, install, then copy the rest', line: 2, column: 1, endLine: 2, endColumn: 9 },
      ],
    },
    {
      description: 'a RUN between them: reported without a fix',
      code: 'FROM python:3.12\nCOPY . .\nRUN ./prepare.sh\nRUN pip install -r requirements.txt\n',
      noFix: 'a RUN between the copy and the install may need the sources',
      findings: [{ messageId: 'early', line: 2, column: 1, endLine: 2, endColumn: 9 }],
    },
    {
      description: 'the copy lands elsewhere than where the install runs: no fix',
      code: 'FROM node:20\nWORKDIR /app\nCOPY . /src\nRUN npm ci\n',
      noFix: 'the copy lands elsewhere than where the install runs: the manifests would have to move too',
      findings: [{ messageId: 'early', line: 3, column: 1, endLine: 3, endColumn: 12 }],
    },
    { description: 'cargo build needs the sources: no fix', code: 'FROM rust:1.80\nCOPY . .\nRUN cargo build --release\n', noFix: 'cargo build compiles the sources: there is no manifest-only install to move up', findings: [{ messageId: 'early', line: 2, column: 1, endLine: 2, endColumn: 9 }] },
    { description: 'ADD . too', code: 'FROM php:8.3\nADD . /var/www\nWORKDIR /var/www\nRUN composer install\n', noFix: 'composer install without --no-scripts --no-autoloader needs the project itself', findings: [{ messageId: 'early', line: 2, column: 1, endLine: 2, endColumn: 15 }] },
  ],
});

test('the cost is the number of instructions a source edit rebuilds', () => {
  const text = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN npm run build\nCMD ["node", "dist/main.js"]\n';
  const [finding] = lint(text, { rules: [noCopyAllBeforeInstall] }).findings;
  assert.deepEqual(finding?.cost, { layers: 4 });
});
