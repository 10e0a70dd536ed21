import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { findProgram } from './program-path.js';

test('a program is found in the first PATH directory that has it as an executable file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'program-path-'));
  try {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    mkdirSync(first);
    mkdirSync(second);
    writeFileSync(join(first, 'tool'), '#!/bin/sh\n');
    chmodSync(join(first, 'tool'), 0o644);
    writeFileSync(join(second, 'tool'), '#!/bin/sh\n');
    chmodSync(join(second, 'tool'), 0o755);
    mkdirSync(join(first, 'dir-tool'));
    const path = [first, second].join(delimiter);
    assert.equal(findProgram('tool', path), join(second, 'tool'), 'a file without the execute bit is passed over');
    assert.equal(findProgram('dir-tool', path), undefined, 'a directory is no program');
    assert.equal(findProgram('absent', path), undefined);
    assert.equal(findProgram(join(second, 'tool'), ''), join(second, 'tool'), 'a path with a slash is taken as given');
    assert.equal(findProgram(join(first, 'tool'), ''), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
