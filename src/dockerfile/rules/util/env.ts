// The value an environment variable has for one command of a RUN: set on the command (`VAR=x cmd`,
// `env VAR=x cmd`), exported earlier in the script, or set by ENV/ARG in the Dockerfile.
import type { CommandInfo, Word } from '../../../shell/ast.js';
import type { Dockerfile, Instruction } from '../../parse/index.js';
import { variableAt } from './run.js';

function assigned(word: Word, name: string): string | undefined {
  const value = word.value;
  return value !== undefined && value.startsWith(`${name}=`) ? value.slice(name.length + 1) : undefined;
}

/** `NAME=value cmd` or `env NAME=value cmd` (the words before the command that `env` runs). */
function setOnCommand(info: CommandInfo, name: string): string | undefined {
  for (const assignment of info.command.assignments) if (assignment.name === name) return assignment.value?.value ?? '';
  const effective = info.effective;
  if (!effective || effective.wrappers.length === 0) return undefined;
  for (const word of info.command.args) {
    if (word === effective.name) break;
    const value = assigned(word, name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** `export NAME=value` or a bare `NAME=value` statement before the command, at the same script level. */
function exportedBefore(commands: readonly CommandInfo[], info: CommandInfo, name: string): string | undefined {
  let found: string | undefined;
  for (const other of commands) {
    if (other.command.start >= info.command.start) break;
    if (other.nestedIn !== info.nestedIn || other.inSubstitution) continue;
    const { command } = other;
    if (!command.name) {
      for (const assignment of command.assignments) if (assignment.name === name) found = assignment.value?.value ?? '';
    } else if (command.name.value === 'export') {
      for (const word of command.args) found = assigned(word, name) ?? found;
    }
  }
  return found;
}

/** The value of `name` in the environment of a command; undefined when unset or not knowable. */
export function environmentValue(
  dockerfile: Dockerfile,
  at: Instruction,
  commands: readonly CommandInfo[],
  info: CommandInfo,
  name: string,
): string | undefined {
  return setOnCommand(info, name) ?? exportedBefore(commands, info, name) ?? variableAt(dockerfile, name, at);
}
