import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseApkInstalled } from './index.js';

test('apk stanzas give name, version, arch, origin, license and size', () => {
  const db = [
    'C:Q1abc=\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nS:407489\nI:662528\nT:the musl c library\nU:https://musl.libc.org/\nL:MIT\no:musl\nm:Maintainer <m@example.org>\nF:lib\nR:ld-musl-x86_64.so.1\na:0:0:755',
    'P:busybox\nV:1.36.1-r15\nA:x86_64\nI:950272\no:busybox',
  ].join('\n\n');
  assert.deepEqual(parseApkInstalled(`${db}\n\n`), [
    { name: 'musl', version: '1.2.4_git20230717-r4', architecture: 'x86_64', origin: 'musl', license: 'MIT', installedBytes: 662528 },
    { name: 'busybox', version: '1.36.1-r15', architecture: 'x86_64', origin: 'busybox', installedBytes: 950272 },
  ]);
});
