// Downloads in RUN scripts: curl and wget command lines, and whether they write what they fetch to stdout.
import type { CommandInfo } from '../../../shell/ast.js';
import { basename } from '../../../shell/commands.js';
import { parseArgs, type ArgSyntax, type ParsedArgs } from './args.js';

const set = (...names: string[]): ReadonlySet<string> => new Set(names);

export const CURL_SYNTAX: ArgSyntax = {
  valueOptions: set(
    'o', 'output', 'H', 'header', 'd', 'data', 'data-raw', 'data-binary', 'data-urlencode', 'u', 'user', 'X', 'request',
    'A', 'user-agent', 'e', 'referer', 'x', 'proxy', 'U', 'proxy-user', 'm', 'max-time', 'connect-timeout', 'retry',
    'retry-delay', 'retry-max-time', 'w', 'write-out', 'T', 'upload-file', 'F', 'form', 'b', 'cookie', 'c', 'cookie-jar',
    'D', 'dump-header', 'K', 'config', 'r', 'range', 'z', 'time-cond', 'E', 'cert', 'key', 'cacert', 'capath', 'proto',
    'proto-redir', 'output-dir', 'limit-rate', 'Y', 'speed-limit', 'y', 'speed-time', 'oauth2-bearer', 'resolve',
    'interface', 'C', 'continue-at', 'url', 'netrc-file', 'pass', 'tls-max', 'ciphers', 'max-redirs', 'create-file-mode',
  ),
};

export const WGET_SYNTAX: ArgSyntax = {
  valueOptions: set(
    'O', 'output-document', 'o', 'output-file', 'a', 'append-output', 'e', 'execute', 'i', 'input-file', 'B', 'base',
    't', 'tries', 'T', 'timeout', 'w', 'wait', 'U', 'user-agent', 'header', 'P', 'directory-prefix', 'Q', 'quota',
    'user', 'password', 'http-user', 'http-password', 'ftp-user', 'ftp-password', 'post-data', 'post-file',
    'ca-certificate', 'certificate', 'private-key', 'limit-rate', 'referer', 'load-cookies', 'save-cookies', 'progress',
    'dns-timeout', 'connect-timeout', 'read-timeout', 'waitretry', 'bind-address', 'proxy-user', 'proxy-password',
  ),
};

export interface Download {
  info: CommandInfo;
  program: 'curl' | 'wget';
  parsed: ParsedArgs;
  /** What is fetched goes to stdout (curl without -o/-O, `wget -O -`). */
  toStdout: boolean;
}

const STDOUT = new Set(['-', '/dev/stdout']);

/** The download a command makes, if it is curl or wget; undefined for any other command. */
export function downloadOf(info: CommandInfo): Download | undefined {
  const effective = info.effective;
  const name = effective?.name.value;
  if (!effective || name === undefined || (!name.endsWith('curl') && !name.endsWith('wget'))) return undefined;
  const program = basename(name);
  if (program === 'curl') {
    const parsed = parseArgs(effective.args, CURL_SYNTAX);
    let toStdout = true;
    for (const option of parsed.options) {
      if (option.name === 'o' || option.name === 'output') toStdout = STDOUT.has(option.value ?? '');
      else if (option.name === 'O' || option.name === 'remote-name' || option.name === 'remote-name-all' || option.name === 'J') toStdout = false;
    }
    return { info, program, parsed, toStdout };
  }
  if (program === 'wget') {
    const parsed = parseArgs(effective.args, WGET_SYNTAX);
    const output = parsed.options.filter((option) => option.name === 'O' || option.name === 'output-document').at(-1);
    return { info, program, parsed, toStdout: output !== undefined && STDOUT.has(output.value ?? '') };
  }
  return undefined;
}
