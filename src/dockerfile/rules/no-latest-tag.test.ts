import { testRule } from '../../../test/support/rule-tester.js';
import { noLatestTag } from './no-latest-tag.js';

testRule(noLatestTag, {
  valid: [
    'FROM debian\n',
    'FROM golang:1.22 AS latest\nFROM latest\n',
    'FROM localhost:5000/app\n',
    'ARG TAG\nFROM node:${TAG}\n',
    'FROM registry.example.com:5000/team/app:1.4\n',
  ],
  invalid: [
    { code: 'FROM registry.example.com:5000/team/app:latest\n', findings: [{ messageId: 'latest', line: 1, column: 6, endLine: 1, endColumn: 47 }] },
    { code: 'ARG IMAGE\nFROM ${IMAGE}:latest\n', description: 'the tag is written even if the image is not known', findings: [{ messageId: 'latest', line: 2, column: 6, endLine: 2, endColumn: 21 }] },
    { code: 'FROM alpine:3.20 AS a\nFROM node:latest AS b\n', findings: [{ messageId: 'latest', message: '`node:latest` uses the `latest` tag: pin a release tag (or a digest) so builds are repeatable', line: 2, column: 6, endLine: 2, endColumn: 17 }] },
  ],
});
