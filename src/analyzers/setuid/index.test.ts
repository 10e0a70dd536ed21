import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setuidAnalyzer } from './index.js';

test('setuid and setgid regular files are found from the header alone', () => {
  const entry = (mode: number, kind: 'file' | 'directory' = 'file') => ({ path: 'x', kind, size: 1, mode, uid: 0, gid: 42 });
  assert.equal(setuidAnalyzer.maxFileBytes, 0);
  assert.equal(setuidAnalyzer.wants('usr/bin/su', entry(0o4755)), true);
  assert.equal(setuidAnalyzer.wants('usr/bin/wall', entry(0o2755)), true);
  assert.equal(setuidAnalyzer.wants('usr/bin/ls', entry(0o755)), false);
  assert.equal(setuidAnalyzer.wants('tmp', entry(0o1777, 'directory')), false);
  assert.deepEqual(setuidAnalyzer.analyze({ path: 'usr/bin/wall', entry: entry(0o2755), content: Buffer.alloc(0), truncated: false }), {
    setuid: false,
    setgid: true,
    mode: 0o2755,
    uid: 0,
    gid: 42,
  });
});
