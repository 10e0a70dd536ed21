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
    { code: 'FROM registry.example.com:5000/team/app:latest\n', lines: [1] },
    { code: 'ARG IMAGE\nFROM ${IMAGE}:latest\n', description: 'the tag is written even if the image is not known' },
    { code: 'FROM alpine:3.20 AS a\nFROM node:latest AS b\n', lines: [2], messageTexts: ['`node:latest` uses the `latest` tag: pin a release tag (or a digest) so builds are repeatable'] },
  ],
});
