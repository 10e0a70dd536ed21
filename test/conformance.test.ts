// The conformance gate as part of `npm test`: every suite must stay at or above its bar and its ratcheted floor.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

test('npm run conformance passes', () => {
  const result = spawnSync('npm', ['run', '--silent', 'conformance'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /hadolint rule specs: all cases/);
  assert.match(result.stdout, /real-world Dockerfiles/);
  assert.match(result.stdout, /versions: debian-dpkg.json/);
});
