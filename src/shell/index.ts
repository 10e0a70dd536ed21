// The shell parser of RUN instructions: parse once, then query the flattened commands.
export type * from './ast.js';
export { mapShellOffsets } from './offsets.js';
export { parseShell, type ParseShellOptions } from './parse.js';
export {
  commandName,
  flagValue,
  flagValues,
  hasFlag,
  isStatic,
  positionalArgs,
  subcommand,
  wordLiteral,
  type FlagValueOptions,
  type PositionalOptions,
} from './query.js';
