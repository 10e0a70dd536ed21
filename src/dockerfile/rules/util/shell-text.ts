// Whether a shell-form CMD/ENTRYPOINT is plain words that exec form can carry unchanged: a question about
// characters, answered without a shell parser.

/** Shell builtins that have no executable of their own: exec form cannot run them. */
const SHELL_ONLY = new Set([
  '.', ':', 'alias', 'bg', 'break', 'builtin', 'cd', 'command', 'continue', 'declare', 'dirs', 'eval', 'exec',
  'exit', 'export', 'fg', 'getopts', 'hash', 'jobs', 'let', 'local', 'popd', 'pushd', 'read', 'readonly',
  'return', 'set', 'shift', 'shopt', 'source', 'times', 'trap', 'type', 'typeset', 'ulimit', 'umask', 'unalias',
  'unset', 'wait',
]);

/** Characters a word may have to mean the same with and without a shell: no quotes, expansions, globs or operators. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * The words of a shell-form command when exec form would run exactly the same program with the same
 * arguments, else undefined. A leading `exec` (the idiom to make the program PID 1) is dropped: exec form
 * already does that.
 */
export function plainCommandWords(text: string): string[] | undefined {
  const words = text.split(/[ \t]+/).filter((word) => word !== '');
  if (words[0] === 'exec') words.shift();
  if (words.length === 0) return undefined;
  if (!words.every((word) => PLAIN_WORD.test(word))) return undefined;
  const program = words[0]!;
  // `NAME=value cmd` is an assignment, not a program.
  if (program.includes('=') || SHELL_ONLY.has(program)) return undefined;
  return words;
}
