// Paths in RUN scripts: what a path word names, and whether a script removes a directory after some point.
import type { CommandInfo, ShellScript, Word } from '../../../shell/ast.js';
import { basename } from '../../../shell/commands.js';

const HOME_PREFIX = /^"?\$(?:HOME\b|\{HOME\})/;

/**
 * The path a word names: its static value, with `~` and `$HOME` read as `/root` (RUN runs as root unless a
 * USER says otherwise, and caches are cleaned as the user who filled them); undefined for other expansions.
 */
export function pathOf(word: Word): string | undefined {
  const value = word.value;
  if (value !== undefined) return value === '~' || value.startsWith('~/') ? `/root${value.slice(1)}` : value;
  const home = HOME_PREFIX.exec(word.text);
  if (!home) return undefined;
  const rest = word.text.slice(home[0].length).replace(/"/g, '');
  return /[$`]/.test(rest) ? undefined : `/root${rest}`;
}

/** The directory a removal argument clears: `/var/lib/apt/lists/*` → `/var/lib/apt/lists`. */
function clearedDirectory(argument: string): string {
  let path = argument;
  for (;;) {
    if (path.endsWith('/*')) path = path.slice(0, -2);
    else if (path.endsWith('/.') || path.endsWith('/')) path = path.slice(0, -1);
    else break;
  }
  return path;
}

/** Whether removing `argument` clears everything under `directory`. */
export function clears(argument: string, directory: string): boolean {
  const cleared = clearedDirectory(argument);
  if (cleared === '' || cleared.includes('*')) return false;
  return directory === cleared || directory.startsWith(`${cleared}/`);
}

/**
 * The first command after `after` (a source offset) that deletes everything under one of the directories:
 * `rm -r DIR` or `rm -rf DIR/*`, `find DIR … -delete`.
 */
export function removalOf(script: ShellScript, directories: readonly string[], after: number): CommandInfo | undefined {
  for (const info of script.commands) {
    if (info.command.start < after) continue;
    const effective = info.effective;
    const name = effective?.name.value;
    if (!effective || name === undefined || (!name.endsWith('rm') && !name.endsWith('find'))) continue;
    const program = basename(name);
    if (program !== 'rm' && program !== 'find') continue;
    if (program === 'find' && !effective.args.some((word) => word.value === '-delete' || word.value === '-exec')) continue;
    for (const word of effective.args) {
      const path = pathOf(word);
      if (path === undefined || path.startsWith('-')) continue;
      if (directories.some((directory) => clears(path, directory))) return info;
    }
  }
  return undefined;
}
