/**
 * Bad input or usage: the CLI prints the message on one line and exits with 2.
 * The message names the file or reference and the problem, e.g. `Dockerfile.prod: no such file`.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
