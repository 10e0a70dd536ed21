import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testRule } from '../../../test/support/rule-tester.js';
import { parseImageRef } from './util/image-ref.js';
import { isTrustedImage, useTrustedRegistry } from './use-trusted-registry.js';

const trusted = ['trusted.com'];

testRule(useTrustedRegistry, {
  valid: [
    { code: 'FROM random.com/debian\n', options: { registries: [] } },
    { code: 'FROM scratch\n', options: { registries: ['x.com'] } },
    { code: 'FROM ubuntu:18.04 AS b1\nFROM zemanlx/ubuntu:18.04 AS b2\nFROM docker.io/zemanlx/ubuntu:18.04 AS b3\n', options: { registries: ['docker.io'] } },
    { code: 'FROM ubuntu:18.04\n', options: { registries: ['hub.docker.com'] } },
    { code: 'FROM random.com/foo AS builder1\nFROM builder1 AS builder2\n', options: { registries: ['random.com'] } },
    { code: 'FROM foo.random.com/debian\n', options: { registries: ['x.com', '*.random.com'] } },
    { code: 'FROM ghcr.io/my-org/base:1\n', options: { registries: ['ghcr.io/my-org'] } },
    { code: 'COPY --from=trusted.com/repo/image:tag /foo /bar\n', options: { registries: trusted } },
    { code: 'RUN --mount=type=cache,from=trusted.com/repo/image:tag,target=/foo foobar\n', options: { registries: trusted } },
    { code: 'FROM trusted.com/a:1 AS a\nFROM trusted.com/b:1\nCOPY --from=a /x /x\nCOPY --from=0 /y /y\n', options: { registries: trusted } },
    { code: 'ARG BASE\nFROM ${BASE}\n', options: { registries: trusted } },
  ],
  invalid: [
    { code: 'FROM x.com/debian\n', options: { registries: ['*.random.com'] }, findings: [{ messageId: 'untrusted', line: 1, column: 6, endLine: 1, endColumn: 18 }] },
    { code: 'FROM random.com/debian\n', options: { registries: ['*.random.com'] }, description: 'a wildcard means subdomains only', findings: [{ messageId: 'untrusted', line: 1, column: 6, endLine: 1, endColumn: 23 }] },
    { code: 'FROM ubuntu:18.04 AS b1\nFROM zemanlx/ubuntu:18.04 AS b2\nFROM docker.io/zemanlx/ubuntu:18.04 AS b3\n', options: { registries: trusted }, findings: [{ messageId: 'untrusted', line: 1, column: 6, endLine: 1, endColumn: 18 }, { messageId: 'untrusted', line: 2, column: 6, endLine: 2, endColumn: 26 }, { messageId: 'untrusted', line: 3, column: 6, endLine: 3, endColumn: 36 }] },
    { code: 'COPY --from=untrusted.com/repo/image:tag /foo /bar\n', options: { registries: trusted }, findings: [{ messageId: 'untrusted', line: 1, column: 6, endLine: 1, endColumn: 41 }] },
    { code: 'RUN --mount=type=bind,from=untrusted.com/repo/image:tag,target=/foo foobar\n', options: { registries: trusted }, findings: [{ messageId: 'untrusted', line: 1, column: 5, endLine: 1, endColumn: 68 }] },
    { code: 'FROM ghcr.io/other-org/base:1\n', options: { registries: ['ghcr.io/my-org'] }, findings: [{ messageId: 'untrusted', line: 1, column: 6, endLine: 1, endColumn: 30 }] },
    {
      code: 'ARG REGISTRY=quay.io\nFROM ${REGISTRY}/prometheus/busybox:1\n',
      options: { registries: ['docker.io'] },
      findings: [
        { messageId: 'untrusted', message: '`quay.io/prometheus/busybox:1` comes from `quay.io`, which is not an allowed registry (docker.io)', line: 2, column: 6, endLine: 2, endColumn: 38 },
      ],
    },
  ],
});

test('registry patterns', () => {
  const ref = (text: string) => parseImageRef(text)!;
  assert.ok(isTrustedImage(ref('index.docker.io/library/node:20'), ['docker.io']));
  assert.ok(isTrustedImage(ref('Registry.Example.com:5000/a'), ['registry.example.com:5000']));
  assert.ok(!isTrustedImage(ref('registry.example.com/a'), ['registry.example.com:5000']));
  assert.ok(isTrustedImage(ref('anything.io/x'), ['*']));
  assert.ok(!isTrustedImage(ref('ghcr.io/my-org-evil/x'), ['ghcr.io/my-org']));
});
