import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readProjectFile } from './project-file.js';

test('a missing file and a dangling link are no file; a directory, a device and a link out are one-line errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-project-file-'));
  const project = join(dir, 'project');
  mkdirSync(project);
  assert.equal(readProjectFile(join(project, 'absent')), undefined);
  symlinkSync('nowhere', join(project, 'dangling'));
  assert.equal(readProjectFile(join(project, 'dangling'), { within: project }), undefined);
  assert.throws(() => readProjectFile(project), { name: 'InputError', message: `${project}: is a directory, not a file` });
  assert.throws(() => readProjectFile('/dev/null'), { message: '/dev/null: not a regular file (a device, FIFO or socket is not read)' });
  writeFileSync(join(dir, 'outside'), 'secret');
  symlinkSync('../outside', join(project, 'out'));
  assert.throws(() => readProjectFile(join(project, 'out'), { within: project }), { message: `${join(project, 'out')}: a symbolic link to a file outside ${project}, not followed` });
  assert.equal(readProjectFile(join(project, 'out'))?.toString(), 'secret');
  symlinkSync('loop', join(project, 'loop'));
  assert.throws(() => readProjectFile(join(project, 'loop')), { message: `${join(project, 'loop')}: too many levels of symbolic links` });
});

test('a link that stays inside is followed, through a linked directory too', () => {
  const project = mkdtempSync(join(tmpdir(), 'shipshape-project-file-'));
  mkdirSync(join(project, 'conf'));
  writeFileSync(join(project, 'conf', 'patterns'), 'node_modules\n');
  symlinkSync('conf', join(project, 'linked'));
  symlinkSync('linked/patterns', join(project, '.dockerignore'));
  assert.equal(readProjectFile(join(project, '.dockerignore'), { within: project })?.toString(), 'node_modules\n');
});
