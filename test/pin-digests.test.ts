// `shipshape fix --pin-digests` against a real registry: the final stage's base gets the digest the
// registry serves for its tag (the index digest for a multi-platform image), checked with skopeo.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './support/cli.js';
import { imageFixtures } from './support/fixtures.js';

function servedDigest(ref: string): string {
  const raw = execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${ref}`]);
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

describe('fix --pin-digests', () => {
  test('pins a single-platform and a multi-platform base to the digest the registry serves', async () => {
    const fixtures = await imageFixtures();
    const host = fixtures.registries.anonymous.host;
    for (const repository of [fixtures.images.busybox.repository, fixtures.multiArch.repository]) {
      const ref = `${host}/${repository}`;
      const dir = mkdtempSync(join(tmpdir(), 'shipshape-pin-'));
      writeFileSync(join(dir, 'Dockerfile'), `FROM ${ref} AS build\nRUN true\nFROM ${ref}\nUSER 65532\n`);
      const result = await runCli(['fix', '--pin-digests', '--insecure', 'Dockerfile'], { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      const expected = servedDigest(ref);
      assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), `FROM ${ref} AS build\nRUN true\nFROM ${ref}@${expected}\nUSER 65532\n`);
    }
  });

  test('a registry that cannot be reached is one line naming it, exit 2, and the file is untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shipshape-pin-'));
    const text = 'FROM 127.0.0.1:9/app/base:1\nUSER 65532\n';
    writeFileSync(join(dir, 'Dockerfile'), text);
    const result = await runCli(['fix', '--pin-digests', '--insecure', 'Dockerfile'], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^shipshape: 127\.0\.0\.1:9\/app\/base:1: .*127\.0\.0\.1:9/);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), text);
  });
});
