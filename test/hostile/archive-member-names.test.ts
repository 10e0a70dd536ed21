// A member name of an image archive is written by whoever made the archive: an InputError that names it carries
// it escaped, on one line, never as the raw controls (a title change, a screen clear) or newlines it holds. The
// CLI escapes what it prints as well; the library's error messages reach other programs' logs and terminals too.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { openImage } from '../../src/image/open.js';
import { runCli } from '../support/cli.js';
import { tarBuffer } from '../support/tar-writer.js';

const HOSTILE = 'evil\x1b]0;pwned\x07\nshipshape: all clear\x1b[2J.json';
const SHOWN = 'evil\\x1b]0;pwned\\x07\\nshipshape: all clear\\x1b[2J.json';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'shipshape-hostile-members-'));
}

/** Opening the archive fails with an InputError holding `expected` and no control character at all; the CLI says it in one line, exit 2. */
async function assertEscapedError(archive: string, expected: string): Promise<void> {
  await assert.rejects(openImage(`docker-archive:${archive}`), (error: unknown) => {
    assert.ok(error instanceof InputError, String(error));
    assert.ok(error.message.includes(expected), error.message);
    assert.doesNotMatch(error.message, /[\x00-\x1f\x7f]/);
    return true;
  });
  const result = await runCli(['image', `docker-archive:${archive}`]);
  assert.equal(result.code, 2, result.stderr);
  assert.equal(result.stderr, `shipshape: ${result.stderr.slice('shipshape: '.length).trimEnd()}\n`);
  assert.ok(result.stderr.includes(expected), result.stderr);
}

describe('archive member names in errors', () => {
  test('a truncated member is named escaped in the archive index error', async () => {
    const dir = scratch();
    const archive = join(dir, 'image.tar');
    const tar = tarBuffer([{ path: 'manifest.json', content: '[]' }, { path: HOSTILE, content: 'x'.repeat(2048) }]);
    // cut the archive inside the hostile member's data: its header promises more than the file holds
    writeFileSync(archive, tar.subarray(0, 512 * 4));
    await assertEscapedError(archive, `truncated tar archive (${SHOWN} ends past the end of the file)`);
  });

  test('a config named in manifest.json but missing is named escaped', async () => {
    const dir = scratch();
    const archive = join(dir, 'image.tar');
    const manifest = JSON.stringify([{ Config: HOSTILE, RepoTags: ['hostile/image:1'], Layers: [] }]);
    writeFileSync(archive, tarBuffer([{ path: 'manifest.json', content: manifest }]));
    await assertEscapedError(archive, `config ${SHOWN} is missing from the archive`);
  });
});
