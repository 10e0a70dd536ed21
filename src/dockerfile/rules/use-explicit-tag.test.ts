import { testRule } from '../../../test/support/rule-tester.js';
import { useExplicitTag } from './use-explicit-tag.js';

testRule(useExplicitTag, {
  valid: [
    'FROM ruby@sha256:f1dbca0f5dbc9\n',
    'FROM golang:1.22 AS Build\nFROM build\n',
    'ARG REGISTRY\nFROM ${REGISTRY}/node:20\n',
    'ARG IMAGE=node\nARG TAG=20\nFROM ${IMAGE}:${TAG}\n',
    'FROM localhost:5000/app:1\n',
  ],
  invalid: [
    { code: 'FROM localhost:5000/app\n', description: 'a registry port is no tag', findings: [{ messageId: 'untagged', line: 1, column: 6, endLine: 1, endColumn: 24 }] },
    { code: 'ARG REGISTRY\nFROM ${REGISTRY}/node\n', findings: [{ messageId: 'untagged', message: '`${REGISTRY}/node` has no tag: the build gets whatever `latest` is that day; pin a release tag', line: 2, column: 6, endLine: 2, endColumn: 22 }] },
    { code: 'FROM golang:1.22 AS build\nFROM node AS test\nFROM alpine:3.20\n', findings: [{ messageId: 'untagged', line: 2, column: 6, endLine: 2, endColumn: 10 }] },
    { code: 'FROM scratch AS base\nFROM later\nFROM alpine:3.20 AS later\n', description: 'a stage defined further down is not a stage for FROM', findings: [{ messageId: 'untagged', line: 2, column: 6, endLine: 2, endColumn: 11 }] },
  ],
});
