// Two questions about a shell-form command that need no shell parser: is it one simple command (no lists,
// pipes or background jobs), and is it plain words that exec form can carry unchanged.

/**
 * Whether the text is a single command: no `&&`, `||`, `;`, `|`, `&` or newline outside quotes, command
 * substitutions and comments. Anything it cannot read with certainty (an unterminated quote) counts as
 * more than one command, so callers stay on the cautious side.
 */
export function isSingleCommand(text: string): boolean {
  return scan(text).single;
}

/** Whether the command ends in a shell comment (`make # build it`): text appended after it would be commented out. */
export function endsInComment(text: string): boolean {
  return scan(text).comment;
}

function scan(text: string): { single: boolean; comment: boolean } {
  let quote = 0;
  let depth = 0;
  let wordStart = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (quote === 39 /* ' */) {
      if (code === 39) quote = 0;
      continue;
    }
    if (code === 92 /* \ */) {
      i++;
      wordStart = false;
      continue;
    }
    if (quote === 34 /* " */) {
      if (code === 34) quote = 0;
      else if (code === 36 && text.charCodeAt(i + 1) === 40) {
        depth++;
        i++;
      } else if (code === 41 && depth > 0) depth--;
      continue;
    }
    if (code === 39 || code === 34 || code === 96 /* ` */) {
      if (code === 96) return { single: false, comment: false };
      quote = code;
      wordStart = false;
      continue;
    }
    if (code === 36 /* $ */ && text.charCodeAt(i + 1) === 40 /* ( */) {
      depth++;
      i++;
      wordStart = false;
      continue;
    }
    if (depth > 0) {
      if (code === 41 /* ) */) depth--;
      else if (code === 40) depth++;
      continue;
    }
    if (code === 35 /* # */ && wordStart) return { single: true, comment: true };
    if (code === 38 /* & */ || code === 124 /* | */) {
      // `2>&1`, `<&3`, `&>file` and `>|file` are redirections, not operators.
      const before = text.charCodeAt(i - 1);
      const redirection = before === 62 /* > */ || before === 60 /* < */ || (code === 38 && text.charCodeAt(i + 1) === 62);
      if (!redirection) return { single: false, comment: false };
    } else if (code === 59 /* ; */ || code === 10 /* \n */) return { single: false, comment: false };
    wordStart = code === 32 || code === 9 || code === 40 || code === 41;
  }
  return { single: quote === 0 && depth === 0, comment: false };
}

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
