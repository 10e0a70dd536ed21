import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./cli-entry.ts', import.meta.url));
// Resolved here, not in the child: the child runs in the user's directory, where tsx is not installed.
const tsxLoader = import.meta.resolve('tsx');
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function childEnv(options: { env?: NodeJS.ProcessEnv; uid?: number }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env };
  // A child running as another user cannot write coverage data into the parent's directory. Node copies the
  // parent's NODE_V8_COVERAGE into a child's env unless the env has the key, so blank it rather than delete it.
  if (options.uid !== undefined) env.NODE_V8_COVERAGE = '';
  return env;
}

/** Runs `shipshape ARGS` from source in a child process, as a user would run it. */
export function runCli(args: string[], options: { cwd?: string; stdin?: string | Buffer; env?: NodeJS.ProcessEnv; uid?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, entry, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: childEnv(options),
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
