import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * An environment whose PATH holds node and nothing else, so that lint finds no ShellCheck: its own process, with
 * its own growth, is measured apart. `remove()` deletes the directory behind that PATH.
 */
export function environmentWithoutShellcheck(): { env: NodeJS.ProcessEnv; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-path-'));
  symlinkSync(process.execPath, join(dir, 'node'));
  return { env: { ...process.env, PATH: dir }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
