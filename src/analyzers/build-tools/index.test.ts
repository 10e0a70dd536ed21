import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildToolsAnalyzer } from './index.js';

test('compilers, build systems and package managers are found by path', () => {
  const entry = { path: '', kind: 'file' as const, size: 1, mode: 0o755, uid: 0, gid: 0 };
  const found = (path: string) =>
    buildToolsAnalyzer.wants(path, entry) ? buildToolsAnalyzer.analyze({ path, entry, content: Buffer.alloc(0), truncated: false }) : undefined;
  assert.deepEqual(found('usr/bin/gcc-12'), { tool: 'gcc', category: 'compiler' });
  assert.deepEqual(found('usr/bin/x86_64-linux-gnu-g++-12'), { tool: 'g++', category: 'compiler' });
  assert.deepEqual(found('usr/libexec/gcc/x86_64-linux-gnu/12/cc1'), { tool: 'cc1', category: 'compiler' });
  assert.deepEqual(found('usr/local/go/bin/go'), { tool: 'go', category: 'compiler' });
  assert.deepEqual(found('usr/local/cargo/bin/rustc'), { tool: 'rustc', category: 'compiler' });
  assert.deepEqual(found('usr/bin/make'), { tool: 'make', category: 'build-system' });
  assert.deepEqual(found('sbin/apk'), { tool: 'apk', category: 'package-manager' });
  assert.equal(found('usr/bin/gcc-config-docs.txt'), undefined);
  assert.equal(found('usr/bin/node'), undefined);
});
