import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRule } from '../../../test/support/rule-tester.js';
import { parseDockerfile } from '../parse/index.js';
import { digestPinCandidate, useDigestPin } from './use-digest-pin.js';

const DIGEST = 'sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb';

testRule(useDigestPin, {
  valid: [
    'FROM alpine:3.20\nFROM scratch\n',
    'ARG BASE\nFROM ${BASE}\n',
    `FROM node:20-slim@${DIGEST} AS base\nFROM base\n`,
  ],
  invalid: [
    { code: 'FROM node:20-slim\n', description: 'without a resolved digest: reported, no fix', noFix: 'pinning needs the digest from a registry (`shipshape fix --pin-digests`)', findings: [{ messageId: 'unpinned', line: 1, column: 6, endLine: 1, endColumn: 18 }] },
    {
      code: 'ARG V=20\nFROM node:${V}-slim\n',
      options: { digests: { 'node:20-slim': DIGEST } },
      description: 'a base written with variables is not rewritten',
      noFix: 'a base written with variables names no one image to pin',
      findings: [{ messageId: 'unpinned', line: 2, column: 6, endLine: 2, endColumn: 20 }],
    },
    {
      code: 'FROM node:20-slim\n',
      options: { digests: { 'node:20-slim': 'latest' } },
      description: 'a value that is no digest is ignored',
      noFix: 'the configured value is no digest, so there is nothing to pin with',
      findings: [{ messageId: 'unpinned', line: 1, column: 6, endLine: 1, endColumn: 18 }],
    },
    {
      code: 'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot AS run\n',
      options: { digests: { 'gcr.io/distroless/static-debian12:nonroot': DIGEST } },
      output: `FROM golang:1.22 AS build\nFROM gcr.io/distroless/static-debian12:nonroot@${DIGEST} AS run\n`,
      findings: [{ messageId: 'unpinned', line: 2, column: 6, endLine: 2, endColumn: 47 }],
    },
  ],
});

test('digestPinCandidate names the reference to resolve', () => {
  assert.equal(digestPinCandidate(parseDockerfile('ARG V=20\nFROM node:${V} AS a\nFROM a\n')), 'node:20');
  assert.equal(digestPinCandidate(parseDockerfile(`FROM node:20@${DIGEST}\n`)), undefined);
  assert.equal(digestPinCandidate(parseDockerfile('FROM scratch\n')), undefined);
});
