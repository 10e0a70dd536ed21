import { testRule } from '../../../test/support/rule-tester.js';
import { cleanPackageCache } from './clean-package-cache.js';

testRule(cleanPackageCache, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd && rm -rf /var/cache/dnf\n',
    'FROM rockylinux:9\nRUN yum install -y httpd && dnf clean all\n',
    'FROM opensuse/leap:15\nRUN zypper --non-interactive install -y curl && zypper cc -a\n',
    'FROM ubi9/ubi-minimal\nRUN --mount=type=cache,target=/var/cache/yum microdnf install -y curl\n',
    'FROM node:20\nRUN yarn install --frozen-lockfile && yarn cache clean\n',
    'FROM node:20\nRUN yarn --version\n',
    'FROM node:20\nRUN --mount=type=cache,target=/home/node/.npm npm ci\n',
    'FROM node:20\nRUN npm ci --cache /tmp/npm && rm -rf /tmp/npm\n',
    'FROM node:20\nENV YARN_CACHE_FOLDER=/yarn\nRUN --mount=type=cache,target=/yarn yarn install\n',
    'FROM node:20\nRUN npm run build && npm test\n',
    { description: 'a builder stage does not ship', code: 'FROM node:20 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
  ],
  invalid: [
    {
      description: "one manager's clean does not clean another's cache",
      code: 'FROM opensuse/leap:15\nRUN zypper install -y curl && apt-get clean\nRUN npm install -g serve && yarn cache clean\n',
      output: 'FROM opensuse/leap:15\nRUN zypper install -y curl && apt-get clean && zypper clean --all\nRUN npm install -g serve && yarn cache clean && npm cache clean --force\n',
      findings: [
        { messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 27 },
        { messageId: 'missing', line: 3, column: 5, endLine: 3, endColumn: 25 },
      ],
    },
    { description: 'microdnf has its own clean', code: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y curl && dnf clean all\n', output: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y curl && dnf clean all && microdnf clean all\n', findings: [{ messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 29 }] },
    { description: 'the clean must come after the install', code: 'FROM fedora:40\nRUN dnf clean all && dnf -y upgrade\n', output: 'FROM fedora:40\nRUN dnf clean all && dnf -y upgrade && dnf clean all\n', findings: [{ messageId: 'missing', line: 2, column: 22, endLine: 2, endColumn: 36 }] },
    { description: 'zypper', code: 'FROM opensuse/leap:15\nRUN zypper install -y curl\n', output: 'FROM opensuse/leap:15\nRUN zypper install -y curl && zypper clean --all\n', findings: [{ messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 27 }] },
    { description: 'a bare yarn installs', code: 'FROM node:20\nRUN yarn --frozen-lockfile\n', output: 'FROM node:20\nRUN yarn --frozen-lockfile && yarn cache clean\n', findings: [{ messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 27 }] },
    {
      description: 'two managers in one RUN',
      code: 'FROM node:20\nRUN npm install -g pnpm && yarn global add serve\n',
      output: 'FROM node:20\nRUN npm install -g pnpm && yarn global add serve && yarn cache clean && npm cache clean --force\n',
      findings: [
        { messageId: 'missing', line: 2, column: 28, endLine: 2, endColumn: 49 },
        { messageId: 'missing', line: 2, column: 5, endLine: 2, endColumn: 24 },
      ],
    },
    {
      description: 'the message names the cache',
      code: 'FROM rockylinux:9\nRUN yum -y install httpd\n',
      output: 'FROM rockylinux:9\nRUN yum -y install httpd && yum clean all\n',
      findings: [
        { messageId: 'missing', message: '`yum -y install` leaves its cache (/var/cache/yum) in this layer: end the RUN with `yum clean all`', line: 2, column: 5, endLine: 2, endColumn: 25 },
      ],
    },
  ],
});
