import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Where a program would be found, as a shell looks it up: a name with a slash as given, else the first
 * executable file of that name in a PATH directory. Looking first spares a process start (a fork and an exec
 * per PATH entry) when the program is absent.
 */
export function findProgram(command: string, path = process.env.PATH ?? ''): string | undefined {
  if (command.includes('/')) return isExecutableFile(command) ? command : undefined;
  for (const dir of path.split(delimiter)) {
    // An empty entry is the current directory, as in a shell.
    const candidate = join(dir === '' ? '.' : dir, command);
    if (isExecutableFile(candidate)) return isAbsolute(candidate) ? candidate : resolve(candidate);
  }
  return undefined;
}
